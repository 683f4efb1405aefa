package io.tickloop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The byte-size syntax of tickloop's command lines: a whole number of bytes, or with a binary suffix,
 * {@code 4096}, {@code 256k}, {@code 1m} ({@code k} = 1,024, {@code m} = 1,048,576). Name it as the
 * {@code converter} of an {@code int} option.
 */
public final class ByteSizes implements ITypeConverter<Integer>
{
    @Override
    public Integer convert(final String text)
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
     * @param text such as {@code 262144}, {@code 256k}, {@code 1m}.
     * @return the size in bytes.
     * @throws IllegalArgumentException when the text is not a size or is 2 GiB or more.
     */
    public static int parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart)))
        {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 10)
        {
            throw new IllegalArgumentException("'" + text + "' is not a size: use bytes, or a number and k or m, " +
                "such as 4096, 256k or 1m");
        }
        final long amount = Long.parseLong(value.substring(0, unitStart));
        final long bytes = switch (value.substring(unitStart))
        {
            case "", "b" -> amount;
            case "k", "kb", "kib" -> amount << 10;
            case "m", "mb", "mib" -> amount << 20;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit: use k or m");
        };
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("'" + text + "' is too large: at most " + Integer.MAX_VALUE + " bytes");
        }
        return (int)bytes;
    }
}
