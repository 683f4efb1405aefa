package io.tickloop.loadgen;

import io.tickloop.loadgen.engine.LoadConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;

/**
 * The {@code host:port} syntax of {@code --target}; name it as the {@code converter} of an
 * {@link InetSocketAddress} option.
 */
public final class HostPorts implements ITypeConverter<InetSocketAddress>
{
    @Override
    public InetSocketAddress convert(final String text)
    {
        try
        {
            return parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }

    /**
     * @param text {@code host:port}.
     * @return the address.
     * @throws IllegalArgumentException when the text is not {@code host:port} or the host is unknown.
     */
    public static InetSocketAddress parse(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' has no port number", ex);
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        return new InetSocketAddress(LoadConfig.parseAddress(text.substring(0, colon)), port);
    }
}
