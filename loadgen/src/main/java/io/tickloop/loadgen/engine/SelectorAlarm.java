package io.tickloop.loadgen.engine;

import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes an engine's Selector at a moment finer than a millisecond, which {@code Selector.select(long)} cannot do:
 * the engine sleeps in an untimed {@code select}, woken at once by a reply, and this alarm's own thread sleeps in
 * {@code parkNanos} until the deadline and then calls {@link Selector#wakeup()}. So the engine wakes once per
 * reply and once per send, as a C client in {@code epoll_pwait2} does, instead of polling in short slices.
 * <p>
 * One deadline at a time, set by the engine thread; setting it wakes the alarm only when it is sooner than the one
 * the alarm sleeps towards, so a steady schedule costs the engine one {@code unpark} per send at most.
 */
final class SelectorAlarm implements AutoCloseable
{
    private static final long NONE = Long.MIN_VALUE;

    private final Selector selector;
    private final long leadNs;
    private final AtomicLong deadlineNs = new AtomicLong(NONE);
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param selector the selector to wake.
     * @param leadNs how much earlier than a deadline to start waking it: the expected overshoot of a park and a
     * wakeup.
     * @param name the alarm thread's name.
     */
    SelectorAlarm(final Selector selector, final long leadNs, final String name)
    {
        this.selector = selector;
        this.leadNs = leadNs;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Engine thread: wake the selector at {@code atNs} (less the lead), replacing any deadline set before.
     *
     * @param atNs when.
     */
    void set(final long atNs)
    {
        final long previousNs = deadlineNs.getAndSet(atNs);
        if (previousNs == NONE || atNs - previousNs < 0)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Engine thread: forget the deadline, when the engine waits some other way; the alarm's thread is not woken
     * for it, and only stops sleeping towards a deadline that is gone.
     */
    void cancel()
    {
        deadlineNs.set(NONE);
    }

    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void run()
    {
        while (!closed)
        {
            final long atNs = deadlineNs.get();
            if (atNs == NONE)
            {
                LockSupport.park(this);
                continue;
            }
            final long remainingNs = atNs - leadNs - System.nanoTime();
            if (remainingNs > 0)
            {
                LockSupport.parkNanos(this, remainingNs);
            }
            else if (deadlineNs.compareAndSet(atNs, NONE))
            {
                selector.wakeup();
            }
        }
    }
}
