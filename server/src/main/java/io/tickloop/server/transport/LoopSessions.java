package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;

import java.util.ArrayList;

/**
 * The open sessions of one {@link ConnectionLoop}, on its thread only: a list in which a closed session's place
 * goes to the last one (removal in constant time, no garbage), and the sessions that queued bytes since the last
 * flush, so that each is flushed once per turn.
 */
final class LoopSessions
{
    private final ArrayList<LoopSession> open = new ArrayList<>();
    private final ArrayList<LoopSession> dirty = new ArrayList<>();
    private final ArrayList<LoopSession> closing = new ArrayList<>();
    private final ArrayList<LoopSession> idle = new ArrayList<>();

    int size()
    {
        return open.size();
    }

    LoopSession get(final int index)
    {
        return open.get(index);
    }

    void add(final LoopSession session)
    {
        session.index = open.size();
        open.add(session);
    }

    void remove(final LoopSession session)
    {
        final LoopSession last = open.remove(open.size() - 1);
        if (last != session)
        {
            last.index = session.index;
            open.set(session.index, last);
        }
    }

    void markDirty(final LoopSession session)
    {
        if (!session.dirty)
        {
            session.dirty = true;
            dirty.add(session);
        }
    }

    void flushDirty()
    {
        // a flush may close a session, and the service may then queue bytes for another: take those too
        for (int i = 0; i < dirty.size(); i++)
        {
            final LoopSession session = dirty.get(i);
            session.dirty = false;
            session.flush();
        }
        dirty.clear();
    }

    /**
     * Every session stops handing input to the service, flushes and then half-closes.
     */
    void startDraining()
    {
        for (int i = 0, size = open.size(); i < size; i++)
        {
            startDraining(open.get(i));
        }
    }

    void startDraining(final LoopSession session)
    {
        session.draining = true;
        markDirty(session);
    }

    /**
     * Close every session whose incomplete frame has waited past the frame timeout, or that stayed silent past
     * the idle timeout (0: none); free the buffers a burst grew in any that stayed idle since the last pass.
     */
    void closeExpired(final long nowNs, final long frameTimeoutNs, final long idleTimeoutNs)
    {
        for (int i = 0, size = open.size(); i < size; i++)
        {
            final LoopSession session = open.get(i);
            final CloseReason expired = session.inboundLimits.expired(nowNs, frameTimeoutNs, idleTimeoutNs);
            if (null != expired)
            {
                (expired == CloseReason.IDLE_TIMEOUT ? idle : closing).add(session);
            }
            else
            {
                session.shrinkIfIdle();
            }
        }
        closeAllClosing(CloseReason.FRAME_TIMEOUT);
        closing.addAll(idle);
        idle.clear();
        closeAllClosing(CloseReason.IDLE_TIMEOUT);
    }

    void closeAll(final CloseReason reason)
    {
        closing.addAll(open);
        closeAllClosing(reason);
    }

    private void closeAllClosing(final CloseReason reason)
    {
        for (int i = 0, size = closing.size(); i < size; i++)
        {
            closing.get(i).close(reason);
        }
        closing.clear();
    }
}
