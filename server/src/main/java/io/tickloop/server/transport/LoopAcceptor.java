package io.tickloop.server.transport;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Accepting for a {@link ConnectionLoop} on its non-blocking listening channels (the service's port, and the
 * WebSocket port when there is one): up to a bound per turn, the connection limit applied to each, and after a
 * failure (often: out of descriptors) a pause instead of a spin.
 */
final class LoopAcceptor
{
    private static final Logger LOG = LoggerFactory.getLogger(LoopAcceptor.class);
    private static final long PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final List<ServerSocketChannel> listeners;
    private final ServerConfig config;
    private final ServerCounters counters;
    private final int maxPerTurn;
    private boolean paused;
    private long resumeNs;

    LoopAcceptor(
        final List<ServerSocketChannel> listeners,
        final ServerConfig config,
        final ServerCounters counters,
        final int maxPerTurn) throws IOException
    {
        this.listeners = listeners;
        this.config = config;
        this.counters = counters;
        this.maxPerTurn = maxPerTurn;
        for (final ServerSocketChannel listener : listeners)
        {
            listener.configureBlocking(false);
        }
    }

    /**
     * Accept what waits, up to the bound, unless paused; refuse past the connection limit; give the loop the rest.
     *
     * @param loop registers each channel accepted.
     * @return how many were accepted, refused ones included.
     */
    int acceptSome(final ConnectionLoop loop)
    {
        if (paused)
        {
            return 0;
        }
        int accepted = 0;
        for (int i = 0; i < listeners.size() && !paused; i++)
        {
            accepted += acceptSome(loop, listeners.get(i), maxPerTurn - accepted);
        }
        return accepted;
    }

    private int acceptSome(final ConnectionLoop loop, final ServerSocketChannel listener, final int most)
    {
        int accepted = 0;
        for (int i = 0; i < most; i++)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final IOException ex)
            {
                LOG.warn("accept failed, pausing accepts for at least {} ms: {}", TimeUnit.NANOSECONDS.toMillis(PAUSE_NS),
                    ex.toString());
                counters.onAcceptFailed();
                paused = true;
                resumeNs = System.nanoTime() + PAUSE_NS;
                loop.onAcceptPaused(true);
                break;
            }
            if (null == channel)
            {
                break;
            }
            accepted++;
            loop.register(channel, false, CloseReporting.isFull(LOG, config, counters));
        }
        return accepted;
    }

    /**
     * End a pause whose time has come.
     *
     * @param loop told that accepting resumes.
     * @param nowNs the time now.
     */
    void resumeIfDue(final ConnectionLoop loop, final long nowNs)
    {
        if (paused && nowNs - resumeNs >= 0)
        {
            paused = false;
            loop.onAcceptPaused(false);
        }
    }

    void close()
    {
        CloseHelper.quietCloseAll(listeners);
    }
}
