package io.tickloop.server.game;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guard around the world: an exception the world throws (a bug) is counted and logged with its stack trace,
 * and the world goes on. A bug that fires on every tick would log 20 stack traces a second, so after the first,
 * at most one a second is logged; the count ({@code --stats}: {@code worldFailures}) has them all.
 * <p>
 * Why go on rather than stop the server: the world's state is a set of lists and maps that a failed handler
 * leaves consistent in every case found so far (a handler validates before it changes anything), and a stopped
 * world would cut off every player for the bug of one message. An {@link Error} (out of memory) is not caught.
 */
final class WorldFailures
{
    private static final Logger LOG = LoggerFactory.getLogger(WorldFailures.class);
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong count = new AtomicLong();
    private long lastLoggedNs;

    /**
     * On the world's thread.
     *
     * @param where what the world was doing, such as {@code "tick"}.
     * @param who the player it was doing it for, or null.
     * @param ex what it threw.
     */
    void onFailure(final String where, final Object who, final RuntimeException ex)
    {
        final long total = count.incrementAndGet();
        final long nowNs = System.nanoTime();
        if (total == 1 || nowNs - lastLoggedNs >= LOG_INTERVAL_NS)
        {
            lastLoggedNs = nowNs;
            LOG.error("the world failed in {} ({}), failure {}; it goes on", where, who, total, ex);
        }
    }

    /**
     * @return failures since the world started; any thread.
     */
    long total()
    {
        return count.get();
    }
}
