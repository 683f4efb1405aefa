package io.tickloop.server.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Starts a model's threads (platform or virtual, from a {@link ThreadFactory}), counts those alive, and joins
 * them all at shutdown, including any that finished their work a moment ago and are still ending.
 */
public final class ThreadTracker
{
    private final ThreadFactory factory;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Thread> finished = new ConcurrentLinkedQueue<>();

    /**
     * @param factory makes the threads; each is named when started.
     */
    public ThreadTracker(final ThreadFactory factory)
    {
        this.factory = factory;
    }

    /**
     * @param name the thread's name.
     * @param task what it runs.
     * @return the started thread.
     */
    public Thread start(final String name, final Runnable task)
    {
        final Thread thread = factory.newThread(() ->
        {
            try
            {
                task.run();
            }
            finally
            {
                final Thread self = Thread.currentThread();
                running.remove(self);
                finished.offer(self);
            }
        });
        thread.setName(name);
        running.add(thread);
        thread.start();
        return thread;
    }

    /**
     * @return threads started whose task has not yet returned.
     */
    public int running()
    {
        return running.size();
    }

    /**
     * Forget threads that have finished, joining each (it is at most a moment from its end). Bounds the memory
     * a long-lived server keeps for them.
     */
    public void reap()
    {
        Thread thread;
        while (null != (thread = finished.poll()))
        {
            ServerThreads.joinUninterruptibly(thread);
        }
    }

    /**
     * Wait for every thread started to end. Call once no more can be started.
     */
    public void joinAll()
    {
        ServerThreads.joinUninterruptibly(running.toArray(new Thread[0]));
        reap();
    }
}
