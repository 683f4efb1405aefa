package io.tickloop.loadgen.engine;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.PingDecoder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load run does: target, connections, schedule, message size and limits. Fluent setters; call
 * {@link #validate()} before use.
 */
public final class LoadConfig
{
    /** Connections one loopback source address is given before the next one is used. */
    public static final int CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;

    private InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7777);
    private int connections = 100;
    private long ratePerSecond = 10_000;
    private int pipeline = 1;
    private long durationMs = 10_000;
    private long warmupMs = 2_000;
    private int messageSize = 64;
    private int threads = 1;
    private int connectRatePerSecond = 5_000;
    private long timeoutMs = 5_000;
    private long maxErrors = 0;
    private List<InetAddress> sourceAddresses = List.of();

    /**
     * @param text {@code host:port}.
     * @return the address.
     * @throws IllegalArgumentException when the text is not {@code host:port} or the host is unknown.
     */
    public static InetSocketAddress parseTarget(final String text)
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
        return new InetSocketAddress(parseAddress(text.substring(0, colon)), port);
    }

    /**
     * @param text a host name or address.
     * @return the address.
     * @throws IllegalArgumentException when the host is unknown.
     */
    public static InetAddress parseAddress(final String text)
    {
        try
        {
            return InetAddress.getByName(text.trim());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown host '" + text + "'", ex);
        }
    }

    /**
     * @return the server to load.
     */
    public InetSocketAddress target()
    {
        return target;
    }

    /**
     * @param target the server to load.
     * @return this.
     */
    public LoadConfig target(final InetSocketAddress target)
    {
        this.target = target;
        return this;
    }

    /**
     * @return connections to open, over all threads.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * @param connections connections to open, over all threads.
     * @return this.
     */
    public LoadConfig connections(final int connections)
    {
        this.connections = connections;
        return this;
    }

    /**
     * @return PINGs per second over all connections; 0 means closed loop.
     */
    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    /**
     * @param ratePerSecond PINGs per second over all connections; 0 means closed loop.
     * @return this.
     */
    public LoadConfig ratePerSecond(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /**
     * @return true when the run is open loop (a fixed schedule).
     */
    public boolean isOpenLoop()
    {
        return ratePerSecond > 0;
    }

    /**
     * @return requests kept in flight per connection in closed loop.
     */
    public int pipeline()
    {
        return pipeline;
    }

    /**
     * @param pipeline requests kept in flight per connection in closed loop.
     * @return this.
     */
    public LoadConfig pipeline(final int pipeline)
    {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * @return how long the measured part of the run lasts.
     */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * @param durationMs how long the measured part of the run lasts.
     * @return this.
     */
    public LoadConfig durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    /**
     * @return how long the warm-up before the measured part lasts; its samples are kept apart.
     */
    public long warmupMs()
    {
        return warmupMs;
    }

    /**
     * @param warmupMs how long the warm-up before the measured part lasts.
     * @return this.
     */
    public LoadConfig warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * @return the PING frame length in bytes, header included.
     */
    public int messageSize()
    {
        return messageSize;
    }

    /**
     * @param messageSize the PING frame length in bytes, header included.
     * @return this.
     */
    public LoadConfig messageSize(final int messageSize)
    {
        this.messageSize = messageSize;
        return this;
    }

    /**
     * @return engine threads, each with its own connections and recorders.
     */
    public int threads()
    {
        return threads;
    }

    /**
     * @param threads engine threads.
     * @return this.
     */
    public LoadConfig threads(final int threads)
    {
        this.threads = threads;
        return this;
    }

    /**
     * @return new connections started per second, over all threads.
     */
    public int connectRatePerSecond()
    {
        return connectRatePerSecond;
    }

    /**
     * @param connectRatePerSecond new connections started per second, over all threads.
     * @return this.
     */
    public LoadConfig connectRatePerSecond(final int connectRatePerSecond)
    {
        this.connectRatePerSecond = connectRatePerSecond;
        return this;
    }

    /**
     * @return how long an outstanding request may wait for its reply before it is a timeout error.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * @param timeoutMs how long an outstanding request may wait for its reply.
     * @return this.
     */
    public LoadConfig timeoutMs(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
        return this;
    }

    /**
     * @return errors tolerated before the run counts as failed.
     */
    public long maxErrors()
    {
        return maxErrors;
    }

    /**
     * @param maxErrors errors tolerated before the run counts as failed.
     * @return this.
     */
    public LoadConfig maxErrors(final long maxErrors)
    {
        this.maxErrors = maxErrors;
        return this;
    }

    /**
     * @return the local addresses connections are bound to, round robin; empty means chosen by
     * {@link #effectiveSourceAddresses()}.
     */
    public List<InetAddress> sourceAddresses()
    {
        return sourceAddresses;
    }

    /**
     * @param sourceAddresses local addresses to bind connections to, round robin; empty lets the kernel choose.
     * @return this.
     */
    public LoadConfig sourceAddresses(final List<InetAddress> sourceAddresses)
    {
        this.sourceAddresses = List.copyOf(sourceAddresses);
        return this;
    }

    /**
     * The source addresses connections bind to. When none were given and the target is a loopback address
     * with more connections than one source address has ephemeral ports for, 127.0.0.2, 127.0.0.3, ... are
     * used, {@link #CONNECTIONS_PER_SOURCE_ADDRESS} each.
     *
     * @return the addresses to bind to, round robin; empty means no bind.
     */
    public List<InetAddress> effectiveSourceAddresses()
    {
        if (!sourceAddresses.isEmpty() || !target.getAddress().isLoopbackAddress() ||
            connections <= CONNECTIONS_PER_SOURCE_ADDRESS)
        {
            return sourceAddresses;
        }
        final int count = (connections + CONNECTIONS_PER_SOURCE_ADDRESS - 1) / CONNECTIONS_PER_SOURCE_ADDRESS;
        final List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            addresses.add(parseAddress("127.0.0." + (2 + i)));
        }
        return addresses;
    }

    /**
     * @return this when every value is usable.
     * @throws IllegalArgumentException naming the first value that is not.
     */
    public LoadConfig validate()
    {
        check(connections >= 1, "--connections must be at least 1, was " + connections);
        check(ratePerSecond >= 0, "--rate must be 0 (closed loop) or more, was " + ratePerSecond);
        check(pipeline >= 1 && pipeline <= 65_536, "--pipeline must be 1..65536, was " + pipeline);
        check(durationMs >= 1, "--duration must be positive, was " + durationMs + "ms");
        check(warmupMs >= 0, "--warmup must not be negative");
        check(messageSize >= PingDecoder.MIN_FRAME_LENGTH && messageSize <= FrameDescriptor.MAX_FRAME_LENGTH_LIMIT,
            "--size must be " + PingDecoder.MIN_FRAME_LENGTH + ".." + FrameDescriptor.MAX_FRAME_LENGTH_LIMIT +
            " bytes, was " + messageSize);
        check(threads >= 1 && threads <= connections, "--threads must be 1..connections, was " + threads);
        check(connectRatePerSecond >= 1, "--connect-rate must be at least 1, was " + connectRatePerSecond);
        check(timeoutMs >= 1, "--timeout must be positive");
        check(maxErrors >= 0, "--max-errors must not be negative");
        return this;
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString()
    {
        return "target=" + target.getHostString() + ":" + target.getPort() +
            " connections=" + connections +
            (isOpenLoop() ? " rate=" + ratePerSecond + "/s" : " closed-loop pipeline=" + pipeline) +
            " duration=" + durationMs + "ms warmup=" + warmupMs + "ms size=" + messageSize +
            " threads=" + threads + " connect-rate=" + connectRatePerSecond + "/s timeout=" + timeoutMs + "ms";
    }
}
