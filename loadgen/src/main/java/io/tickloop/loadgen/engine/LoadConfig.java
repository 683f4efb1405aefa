package io.tickloop.loadgen.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load run does: target, connections, schedule, message size and limits. {@code tickloop load} makes it
 * from its flags, which check every value ({@code LoadOptions}, {@code RunOptions}); {@code compare} makes one
 * per run from its scenarios.
 *
 * @param target the server to load.
 * @param connections connections to open, over all threads.
 * @param ratePerSecond PINGs per second over all connections; 0 means closed loop.
 * @param pipeline requests kept in flight per connection in closed loop.
 * @param durationMs how long the measured part of the run lasts.
 * @param warmupMs how long the warm-up before it lasts (the connection ramp included); its samples are kept apart.
 * @param messageSize the PING frame length in bytes, header included.
 * @param threads engine threads, each with its own connections and recorders.
 * @param connectRatePerSecond new connections started per second, over all threads.
 * @param timeoutMs how long an outstanding request may wait for its reply before it is a timeout error.
 * @param maxErrors errors tolerated before the run counts as failed.
 * @param sourceAddresses the local addresses connections are bound to, round robin; empty means chosen by
 * {@link #effectiveSourceAddresses()}.
 * @param idle how the engine threads wait between sends.
 */
public record LoadConfig(
    InetSocketAddress target,
    int connections,
    long ratePerSecond,
    int pipeline,
    long durationMs,
    long warmupMs,
    int messageSize,
    int threads,
    int connectRatePerSecond,
    long timeoutMs,
    long maxErrors,
    List<InetAddress> sourceAddresses,
    EngineIdle idle)
{
    /** Connections one loopback source address is given before the next one is used. */
    public static final int CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;

    /**
     * Keeps its own copy of the source addresses.
     */
    public LoadConfig
    {
        sourceAddresses = List.copyOf(sourceAddresses);
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
     * @return true when the run is open loop (a fixed schedule).
     */
    public boolean isOpenLoop()
    {
        return ratePerSecond > 0;
    }

    /**
     * @return the source addresses connections bind to: {@link #effectiveSourceAddresses(InetSocketAddress, int,
     * List)} of this load's.
     */
    public List<InetAddress> effectiveSourceAddresses()
    {
        return effectiveSourceAddresses(target, connections, sourceAddresses);
    }

    /**
     * The source addresses connections bind to. When none were given and the target is a loopback address
     * with more connections than one source address has ephemeral ports for, 127.0.0.2, 127.0.0.3, ... are
     * used, {@link #CONNECTIONS_PER_SOURCE_ADDRESS} each.
     *
     * @param target the server.
     * @param connections connections the run opens.
     * @param given the addresses asked for, maybe none.
     * @return the addresses to bind to, round robin; empty means no bind.
     */
    public static List<InetAddress> effectiveSourceAddresses(
        final InetSocketAddress target, final int connections, final List<InetAddress> given)
    {
        if (!given.isEmpty() || !target.getAddress().isLoopbackAddress() ||
            connections <= CONNECTIONS_PER_SOURCE_ADDRESS)
        {
            return given;
        }
        final int count = (connections + CONNECTIONS_PER_SOURCE_ADDRESS - 1) / CONNECTIONS_PER_SOURCE_ADDRESS;
        final List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            addresses.add(parseAddress("127.0.0." + (2 + i)));
        }
        return addresses;
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
