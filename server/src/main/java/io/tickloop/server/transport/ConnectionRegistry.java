package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open connections of a model whose connections are served by several threads (blocking, virtual, async):
 * added by the accepting thread, removed by whichever thread closes one, visited by a housekeeping thread for
 * timeouts and by the closing thread for a graceful shutdown.
 *
 * @param <C> the model's connection type.
 */
public final class ConnectionRegistry<C extends ConnectionRegistry.Member>
{
    /**
     * What the registry needs of a connection.
     */
    public interface Member
    {
        /**
         * @return the connection's id.
         */
        long id();

        /**
         * The housekeeping thread's periodic visit: close if stuck mid-frame past the timeout, and the like.
         *
         * @param nowNs the time now ({@link System#nanoTime()}).
         * @param frameTimeoutNs how long a frame may stay incomplete.
         * @param idleTimeoutNs how long a connection may stay silent; 0 for no limit.
         */
        void onTimer(long nowNs, long frameTimeoutNs, long idleTimeoutNs);

        /**
         * Start a graceful close: stop handing input to the service, flush, then half-close the output.
         */
        void beginDrain();

        /**
         * Close now, counting the reason. Idempotent.
         *
         * @param reason why.
         */
        void close(CloseReason reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final ConcurrentHashMap<Long, C> connections = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition removed = lock.newCondition();

    /**
     * @param connection a connection now open.
     */
    public void add(final C connection)
    {
        connections.put(connection.id(), connection);
    }

    /**
     * @param connection a connection now closed.
     */
    public void remove(final C connection)
    {
        if (null != connections.remove(connection.id()))
        {
            lock.lock();
            try
            {
                removed.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /**
     * @return connections open.
     */
    public int size()
    {
        return connections.size();
    }

    /**
     * Visit every connection from the housekeeping thread: frame timeouts, stalled writes.
     *
     * @param nowNs the time now ({@link System#nanoTime()}).
     * @param frameTimeoutNs how long a frame may stay incomplete.
     * @param idleTimeoutNs how long a connection may stay silent; 0 for no limit.
     */
    public void onTimer(final long nowNs, final long frameTimeoutNs, final long idleTimeoutNs)
    {
        for (final C connection : connections.values())
        {
            connection.onTimer(nowNs, frameTimeoutNs, idleTimeoutNs);
        }
    }

    /**
     * Drain gracefully: every connection flushes and half-closes, then this waits until they have all closed or
     * the timeout passed, and closes what is left as {@link CloseReason#SHUTTING_DOWN}. Call once no more
     * connections can be added.
     *
     * @param timeoutMs how long the flush may take.
     */
    public void drain(final long timeoutMs)
    {
        LOG.info("shutting down: draining {} connections, at most {} ms", connections.size(), timeoutMs);
        for (final C connection : new ArrayList<>(connections.values()))
        {
            connection.beginDrain();
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try
        {
            long remainingNs;
            while (!connections.isEmpty() && (remainingNs = deadlineNs - System.nanoTime()) > 0)
            {
                removed.awaitNanos(remainingNs);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            lock.unlock();
        }
        for (final C connection : new ArrayList<>(connections.values()))
        {
            connection.close(CloseReason.SHUTTING_DOWN);
        }
    }
}
