package io.tickloop.server.testing;

/**
 * What a {@link FaultProxy} does to the bytes it forwards, the same in both directions (except the reset).
 *
 * @param latencyMs how long each read is held before it is written on.
 * @param bytesPerSecond the most bytes written per second in each direction; 0 for no limit.
 * @param oneByteWrites write every byte on its own (TCP_NODELAY set), so that the peer reads in tiny pieces.
 * @param resetToClientAfterBytes once this many bytes have gone to the client, reset both connections (RST, by
 * closing with SO_LINGER 0); -1 for never.
 */
public record Faults(int latencyMs, int bytesPerSecond, boolean oneByteWrites, long resetToClientAfterBytes)
{
    /** Forward as fast as the sockets allow. */
    public static final Faults NONE = new Faults(0, 0, false, -1);

    /**
     * @param latencyMs added to every read.
     * @return these faults with that latency.
     */
    public Faults withLatencyMs(final int latencyMs)
    {
        return new Faults(latencyMs, bytesPerSecond, oneByteWrites, resetToClientAfterBytes);
    }

    /**
     * @param bytesPerSecond the limit in each direction.
     * @return these faults with that bandwidth.
     */
    public Faults withBytesPerSecond(final int bytesPerSecond)
    {
        return new Faults(latencyMs, bytesPerSecond, oneByteWrites, resetToClientAfterBytes);
    }

    /**
     * @return these faults, writing one byte at a time.
     */
    public Faults withOneByteWrites()
    {
        return new Faults(latencyMs, bytesPerSecond, true, resetToClientAfterBytes);
    }

    /**
     * @param bytes to let through to the client before the reset.
     * @return these faults with a reset.
     */
    public Faults withResetToClientAfter(final long bytes)
    {
        return new Faults(latencyMs, bytesPerSecond, oneByteWrites, bytes);
    }
}
