package io.tickloop.server.transport;

import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;

/**
 * Tasks other threads queue for a loop's own thread (a service's sends, produced on its own thread), run at
 * the loop's next turn. A task that throws is logged; the loop goes on.
 */
public final class LoopTasks
{
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();

    /**
     * @param task to run on the loop's thread. Any thread.
     */
    public void offer(final Runnable task)
    {
        tasks.offer(task);
    }

    /**
     * @return true when no task waits.
     */
    public boolean isEmpty()
    {
        return tasks.isEmpty();
    }

    /**
     * Run every task queued. On the loop's thread.
     *
     * @param log the loop's logger.
     * @return how many ran.
     */
    public int runAll(final Logger log)
    {
        int count = 0;
        Runnable task;
        while (null != (task = tasks.poll()))
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                log.error("a task on the loop failed", ex);
            }
            count++;
        }
        return count;
    }
}
