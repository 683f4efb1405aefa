package io.tickloop.server.polling;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.ConnectionLoop;
import io.tickloop.server.transport.LoopSession;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ConnectionLoop} with no Selector: readiness comes from trying. Every turn asks the non-blocking
 * listening channel for a connection ({@code accept()} returning null when none waits), every connection for
 * bytes ({@code read()} returning 0 when none arrived) and writes what each still has queued. It is correct and
 * costs a core: a poll that finds nothing to do only calls {@link Thread#onSpinWait()}, and the loop turns again.
 */
public final class PollingLoop extends ConnectionLoop
{
    private static final int MAX_ACCEPTS_PER_TURN = 64;

    /**
     * @param config the server's configuration.
     * @param service the service every connection runs.
     * @param counters where the loop counts.
     * @param listeners the bound listening channels this loop accepts on.
     * @throws IOException when the listening channel cannot be made non-blocking.
     */
    public PollingLoop(
        final ServerConfig config,
        final Service service,
        final ServerCounters counters,
        final List<ServerSocketChannel> listeners) throws IOException
    {
        super(config, service, counters, new AtomicLong(), listeners, null, MAX_ACCEPTS_PER_TURN);
    }

    @Override
    protected int pollIo(final boolean mayWait, final long deadlineNs)
    {
        int workCount = acceptSome();
        // backwards: a closed session's place goes to the last one, which has already had its turn; a service
        // may close several at once (a broadcast cutting off slow consumers), so the index is clamped each time
        for (int i = sessionCount() - 1; i >= 0; i = Math.min(i, sessionCount()) - 1)
        {
            final LoopSession session = session(i);
            workCount += readSome(session);
            // a dirty session is flushed at the end of the turn anyway: one write per session per turn
            if (!session.isClosed() && !session.isDirty() && !session.outbound().isEmpty() && flush(session))
            {
                workCount++;
            }
        }
        if (0 == workCount && mayWait)
        {
            Thread.onSpinWait(); // the whole of this model's waiting
        }
        return workCount;
    }

    @Override
    protected void onRegistered(final LoopSession session)
    {
        // nothing to register with: every turn tries every channel
    }
}
