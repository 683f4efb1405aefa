package io.tickloop.loadgen.engine;

import java.util.Arrays;

/**
 * A hashed timing wheel of connections by the time of their next scheduled send, so that one loop pass touches
 * only the connections that are due instead of scanning them all. Intrusive, array-backed doubly linked lists
 * per slot: scheduling, cancelling and expiring allocate nothing.
 * <p>
 * A tick is {@value #TICK_SHIFT}-bit nanoseconds (about 65 us); {@link #SLOTS} slots cover about 4.3 s, and an
 * entry further ahead simply waits for its round: {@link #expire} checks each entry's own deadline.
 */
final class SendWheel
{
    static final int TICK_SHIFT = 16;
    static final int SLOTS = 65_536;
    private static final int MASK = SLOTS - 1;
    private static final int NONE = -1;

    private final long originNs;
    private final int[] heads = new int[SLOTS];
    private final int[] next;
    private final int[] prev;
    private final int[] slotOf;
    private final long[] deadlinesNs;
    private long nextTick;

    /**
     * Handles an entry whose deadline has come; it is already removed and may be scheduled again.
     */
    @FunctionalInterface
    interface DueHandler
    {
        void onDue(int entry);
    }

    SendWheel(final int capacity, final long originNs)
    {
        this.originNs = originNs;
        this.next = new int[capacity];
        this.prev = new int[capacity];
        this.slotOf = new int[capacity];
        this.deadlinesNs = new long[capacity];
        Arrays.fill(heads, NONE);
        Arrays.fill(slotOf, NONE);
    }

    boolean isScheduled(final int entry)
    {
        return slotOf[entry] != NONE;
    }

    void schedule(final int entry, final long deadlineNs)
    {
        cancel(entry);
        final long tick = Math.max(tickOf(deadlineNs), nextTick);
        final int slot = (int)(tick & MASK);
        final int head = heads[slot];
        next[entry] = head;
        prev[entry] = NONE;
        if (head != NONE)
        {
            prev[head] = entry;
        }
        heads[slot] = entry;
        slotOf[entry] = slot;
        deadlinesNs[entry] = deadlineNs;
    }

    void cancel(final int entry)
    {
        final int slot = slotOf[entry];
        if (slot == NONE)
        {
            return;
        }
        final int before = prev[entry];
        final int after = next[entry];
        if (before == NONE)
        {
            heads[slot] = after;
        }
        else
        {
            next[before] = after;
        }
        if (after != NONE)
        {
            prev[after] = before;
        }
        slotOf[entry] = NONE;
    }

    /**
     * Hand every entry whose deadline is at or before now to the handler.
     *
     * @param nowNs the time now.
     * @param handler told of each due entry, after it is removed.
     * @return how many entries were due.
     */
    int expire(final long nowNs, final DueHandler handler)
    {
        final long nowTick = tickOf(nowNs);
        final long fromTick = nextTick;
        // Move on before handling: an entry a handler schedules in the past lands in slot nowTick, which this
        // pass (or the next one) still visits, rather than behind nextTick for a whole turn of the wheel.
        nextTick = Math.max(nextTick, nowTick);
        int expired = 0;
        for (long tick = fromTick; tick <= nowTick; tick++)
        {
            int entry = heads[(int)(tick & MASK)];
            while (entry != NONE)
            {
                final int after = next[entry];
                if (deadlinesNs[entry] - nowNs <= 0)
                {
                    cancel(entry);
                    handler.onDue(entry);
                    expired++;
                }
                entry = after;
            }
        }
        return expired;
    }

    /**
     * @param nowNs the time now.
     * @param windowNs how far ahead to look.
     * @return the earliest deadline of the entries due by {@code now + window} (maybe already past), or
     * {@code now + window} when none is.
     */
    long nextDeadlineNs(final long nowNs, final long windowNs)
    {
        final long limitNs = nowNs + windowNs;
        final long lastTick = tickOf(limitNs);
        long earliestNs = limitNs;
        for (long tick = nextTick; tick <= lastTick && earliestNs == limitNs; tick++)
        {
            // Deadlines in a later slot are later, except an entry of a later round, which is past the window.
            for (int entry = heads[(int)(tick & MASK)]; entry != NONE; entry = next[entry])
            {
                if (deadlinesNs[entry] - earliestNs < 0)
                {
                    earliestNs = deadlinesNs[entry];
                }
            }
        }
        return earliestNs;
    }

    private long tickOf(final long timeNs)
    {
        return (timeNs - originNs) >> TICK_SHIFT;
    }
}
