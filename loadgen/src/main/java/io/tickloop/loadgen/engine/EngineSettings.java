package io.tickloop.loadgen.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What an {@link EngineLoop} needs besides its driver: whom to connect to, from where, how fast, and when its
 * run starts and ends.
 *
 * @param target the server.
 * @param sourceAddresses local addresses to bind to, round robin by run-wide connection index; empty for none.
 * @param firstConnectionIndex the run-wide index of the loop's first connection.
 * @param connectRatePerSecond connects this loop starts per second, from {@code startNs}.
 * @param connectTimeoutNs how long a connect may take before it counts as an error.
 * @param idle how the loop waits between sends.
 * @param startNs when the run starts.
 * @param endNs when sending stops.
 * @param drainNs how long after {@code endNs} the loop may wait for outstanding replies.
 */
public record EngineSettings(
    InetSocketAddress target,
    List<InetAddress> sourceAddresses,
    int firstConnectionIndex,
    double connectRatePerSecond,
    long connectTimeoutNs,
    EngineIdle idle,
    long startNs,
    long endNs,
    long drainNs)
{
    /**
     * Keeps its own copy of the source addresses.
     */
    public EngineSettings
    {
        sourceAddresses = List.copyOf(sourceAddresses);
    }
}
