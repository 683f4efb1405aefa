package io.tickloop.lessons;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lesson 5: a non-blocking read with nothing to read returns 0 at once, so waiting for data with it means asking
 * again and again: a whole core spent waiting. A blocking read, or a Selector, waits in the kernel for free.
 */
public final class BusyPollingLesson implements Lesson
{
    /** How long each waiter waits for its byte. */
    public static final long WAIT_MS = 1_000;

    private static final int EMPTY_READS = 10_000;
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    private static final long TIMEOUT_MS = 20_000;

    @Override
    public int number()
    {
        return 5;
    }

    @Override
    public String title()
    {
        return "Blocking, non-blocking and busy polling";
    }

    @Override
    public String claim()
    {
        return "a non-blocking socket polled in a loop burns a core while it waits; blocking or select() " +
            "waits for free.";
    }

    @Override
    public Result run() throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported())
        {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        final double emptyReadNs = emptyReadNs();
        final Wait busy = wait(Waiter.BUSY_POLL);
        final Wait blocking = wait(Waiter.BLOCKING_READ);
        final Wait selector = wait(Waiter.SELECTOR);
        return new Result(EMPTY_READS, emptyReadNs, busy, blocking, selector);
    }

    private static double emptyReadNs() throws IOException
    {
        try (Loopback.Pair pair = Loopback.connect(0))
        {
            pair.server().configureBlocking(false);
            final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
            final long startNs = System.nanoTime();
            for (int i = 0; i < EMPTY_READS; i++)
            {
                if (pair.server().read(buffer) != 0)
                {
                    throw new IllegalStateException("read something from a silent peer");
                }
            }
            return (System.nanoTime() - startNs) / (double)EMPTY_READS;
        }
    }

    private static Wait wait(final Waiter waiter) throws Exception
    {
        try (Loopback.Pair pair = Loopback.connect(0))
        {
            final CountDownLatch waiting = new CountDownLatch(1);
            final AtomicReference<Object> outcome = new AtomicReference<>();
            final Thread thread = new Thread(() ->
            {
                try
                {
                    outcome.set(waiter.await(pair.server(), waiting));
                }
                catch (final Exception ex)
                {
                    outcome.set(ex);
                }
            }, "lesson5-" + waiter.name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            thread.start();
            if (!waiting.await(TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException(waiter + " never started waiting");
            }
            Thread.sleep(WAIT_MS);
            pair.client().write(ByteBuffer.wrap(new byte[] {42}));
            thread.join(TIMEOUT_MS);
            if (thread.isAlive())
            {
                thread.interrupt();
                throw new IllegalStateException(waiter + " never saw the byte");
            }
            if (outcome.get() instanceof final Exception ex)
            {
                throw ex;
            }
            return (Wait)outcome.get();
        }
    }

    /**
     * Ways to wait for one byte, each measured on its own thread.
     */
    enum Waiter
    {
        /** Non-blocking reads in a loop until one returns a byte. */
        BUSY_POLL
        {
            @Override
            long waitForByte(final SocketChannel channel, final ByteBuffer buffer) throws IOException
            {
                channel.configureBlocking(false);
                long calls = 0;
                int read;
                do
                {
                    read = channel.read(buffer);
                    calls++;
                    if (Thread.interrupted())
                    {
                        throw new InterruptedIOException("gave up polling after " + calls + " reads");
                    }
                }
                while (read == 0);
                return calls;
            }
        },
        /** One blocking read. */
        BLOCKING_READ
        {
            @Override
            long waitForByte(final SocketChannel channel, final ByteBuffer buffer) throws IOException
            {
                channel.read(buffer);
                return 1;
            }
        },
        /** A Selector waits for OP_READ, then one non-blocking read. */
        SELECTOR
        {
            @Override
            long waitForByte(final SocketChannel channel, final ByteBuffer buffer) throws IOException
            {
                channel.configureBlocking(false);
                try (Selector selector = Selector.open())
                {
                    channel.register(selector, SelectionKey.OP_READ);
                    long selects = 0;
                    do
                    {
                        selector.select();
                        selects++;
                    }
                    while (channel.read(buffer) == 0);
                    return selects;
                }
            }
        };

        abstract long waitForByte(SocketChannel channel, ByteBuffer buffer) throws IOException;

        Wait await(final SocketChannel channel, final CountDownLatch waiting) throws IOException
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
            final long startQueuedNs = runQueueNs();
            final long startCpuNs = threads.getCurrentThreadCpuTime();
            final long startNs = System.nanoTime();
            waiting.countDown();
            final long calls = waitForByte(channel, buffer);
            final long wallNs = System.nanoTime() - startNs;
            final long cpuNs = threads.getCurrentThreadCpuTime() - startCpuNs;
            final long queuedNs = startQueuedNs < 0 ? -1 : runQueueNs() - startQueuedNs;
            return new Wait(this, wallNs, cpuNs, queuedNs, calls);
        }

        /**
         * @return how long this thread has waited for a CPU while runnable (Linux schedstat), -1 when unknown.
         */
        private static long runQueueNs()
        {
            try
            {
                final String[] fields = Files.readAllLines(SCHEDSTAT).getFirst().trim().split("\\s+");
                return Long.parseLong(fields[1]);
            }
            catch (final IOException | RuntimeException ex)
            {
                return -1;
            }
        }
    }

    /**
     * One thread's wait for a byte that came after {@link #WAIT_MS}.
     *
     * @param waiter how it waited.
     * @param wallNs how long it waited.
     * @param cpuNs the CPU time the thread used meanwhile.
     * @param runQueueNs the time it was runnable but waiting for a CPU, taken by other work (Linux schedstat);
     *                   -1 when unknown.
     * @param calls the read (busy poll) or select calls it made.
     */
    public record Wait(Waiter waiter, long wallNs, long cpuNs, long runQueueNs, long calls)
    {
        /**
         * @return CPU time over wall time: 1.0 is one core kept busy.
         */
        public double coreShare()
        {
            return cpuNs / (double)Math.max(1, wallNs);
        }

        /**
         * @return the share of the wait the thread wanted a CPU (on one, or queued for one): what it would have
         *         used on an otherwise idle machine. Its CPU share when the run queue time is unknown.
         */
        public double demandShare()
        {
            return (cpuNs + Math.max(0, runQueueNs)) / (double)Math.max(1, wallNs);
        }

        String describe()
        {
            final String queued = runQueueNs < 0 ? "" : String.format(", runnable %5.1f%% of the time",
                demandShare() * 100);
            return String.format("%-13s waited %4d ms, used %4d ms of CPU = %5.1f%% of a core%s, calls: %,d",
                waiter.name().toLowerCase(java.util.Locale.ROOT), wallNs / 1_000_000, cpuNs / 1_000_000,
                coreShare() * 100, queued, calls);
        }
    }

    /**
     * What lesson 5 measured.
     *
     * @param emptyReads non-blocking reads made on a silent connection.
     * @param emptyReadNs the average time one of them took to return 0.
     * @param busy the busy-polling wait.
     * @param blocking the blocking-read wait.
     * @param selector the Selector wait.
     */
    public record Result(int emptyReads, double emptyReadNs, Wait busy, Wait blocking, Wait selector)
        implements LessonResult
    {
        @Override
        public List<String> findings()
        {
            return List.of(
                String.format("%,d non-blocking reads on a silent connection each returned 0 at once, %.2f us " +
                    "per call", emptyReads, emptyReadNs / 1e3),
                busy.describe(),
                blocking.describe(),
                selector.describe(),
                "the busy loop pays a system call per turn to learn nothing and wants a CPU the whole time (on a " +
                    "shared machine it gets only its share: 'runnable' counts the time it queued for one too); " +
                    "the other two sleep in the kernel (a blocked read, epoll_wait) and are woken when the byte lands");
        }
    }
}
