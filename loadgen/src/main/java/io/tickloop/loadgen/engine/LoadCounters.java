package io.tickloop.loadgen.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters one {@link PingLoop} writes (single writer, ordered stores) and other threads read.
 */
final class LoadCounters
{
    static final int SENT = 0;
    static final int RECEIVED = 1;
    static final int MEASURED_SENT = 2;
    static final int MEASURED_RECEIVED = 3;
    static final int CONNECTED = 4;
    static final int CONNECTIONS_UP = 5;
    static final int UNSENT = 6;
    static final int FIRST_ERROR = 7;
    static final int LENGTH = FIRST_ERROR + ErrorKind.values().length;

    private final AtomicLongArray values = new AtomicLongArray(LENGTH);

    void increment(final int index)
    {
        values.lazySet(index, values.get(index) + 1);
    }

    void add(final int index, final long delta)
    {
        values.lazySet(index, values.get(index) + delta);
    }

    void error(final ErrorKind kind)
    {
        increment(FIRST_ERROR + kind.ordinal());
    }

    long value(final int index)
    {
        return values.get(index);
    }

    long errors(final ErrorKind kind)
    {
        return values.get(FIRST_ERROR + kind.ordinal());
    }

    long totalErrors()
    {
        long total = 0;
        for (int i = FIRST_ERROR; i < LENGTH; i++)
        {
            total += values.get(i);
        }
        return total;
    }
}
