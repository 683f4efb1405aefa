package io.tickloop.server.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One platform thread, {@value #THREAD_NAME}, that keeps time for a model whose I/O threads block or wait for
 * completions and so cannot: it runs a task every {@value #INTERVAL_MS} ms (frame timeouts) and any delayed
 * task it is given (an accept retried after a pause).
 */
public final class Housekeeping implements AutoCloseable
{
    /** The thread's name. */
    public static final String THREAD_NAME = "tickloop-housekeeping";
    /** How often the periodic task runs. */
    public static final long INTERVAL_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    /**
     * Start the thread.
     *
     * @param periodicTask runs every {@value #INTERVAL_MS} ms until closed.
     */
    public Housekeeping(final Runnable periodicTask)
    {
        executor = Executors.newSingleThreadScheduledExecutor(task ->
        {
            final Thread newThread = new Thread(task, THREAD_NAME);
            thread = newThread;
            return newThread;
        });
        executor.scheduleWithFixedDelay(() -> safely(periodicTask), INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param task to run once, later, on the housekeeping thread; dropped once closed.
     * @param delayMs how much later.
     */
    public void schedule(final Runnable task, final long delayMs)
    {
        if (!executor.isShutdown())
        {
            executor.schedule(() -> safely(task), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @return true while the thread is alive.
     */
    public boolean isRunning()
    {
        final Thread current = thread;
        return null != current && current.isAlive();
    }

    /**
     * Stop the thread and wait for it to end.
     */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            while (!executor.awaitTermination(1, TimeUnit.SECONDS))
            {
                LOG.warn("waiting for the housekeeping thread to end");
            }
            final Thread current = thread;
            if (null != current)
            {
                current.join();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void safely(final Runnable task)
    {
        try
        {
            task.run();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("a housekeeping task failed", ex);
        }
    }
}
