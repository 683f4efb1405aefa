package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;

import java.net.SocketAddress;

/**
 * One session as the world sees it. Touched only by the world's thread.
 */
final class Player
{
    /** Connected, no HELLO yet: only HELLO is accepted. */
    static final int CONNECTED = 1;
    /** HELLO accepted, not in a room. */
    static final int HELLOED = 2;
    /** In a room. */
    static final int IN_ROOM = 4;
    /** Gone from the world; its connection is closed or about to be. */
    static final int CLOSED = 8;
    /** Watching a room without an avatar: sent its STATEs and CHATs, in none of them, takes no room space. */
    static final int SPECTATING = 16;

    final long sessionId;
    final PlayerLink link;
    int state = CONNECTED;
    int playerId;
    String name;
    Room room;
    int roomIndex;
    int worldIndex;
    int x;
    int y;
    int lastInputSeq;
    boolean hasInput;
    int inputX;
    int inputY;
    int inputSeq;
    long openedNs;
    long lastHeardNs;
    long heartbeatSentNs;
    CloseReason closeReason;
    Player nextInCell;
    /** UDP: the session's token, given in WELCOME; a datagram must carry it. */
    long token0;
    long token1;
    long tokenIssuedNs;
    /** UDP: the source bound by UDP_HELLO, where STATEs go; null until then. */
    SocketAddress udpSource;
    /** UDP: the start of the current second of the datagram budget, and what it has spent. */
    long datagramWindowStartNs;
    int datagramsInWindow;

    Player(final long sessionId, final PlayerLink link)
    {
        this.sessionId = sessionId;
        this.link = link;
    }

    boolean isIn(final int stateMask)
    {
        return (state & stateMask) != 0;
    }

    /**
     * Keep an input for the next tick, unless one as new has been seen: inputs arrive late or twice by UDP, and
     * the input sequence never goes backwards.
     *
     * @return true when the input is newer than any seen.
     */
    boolean offerInput(final int seq, final int x, final int y)
    {
        if (seq - (hasInput ? inputSeq : lastInputSeq) <= 0)
        {
            return false;
        }
        hasInput = true;
        inputSeq = seq;
        inputX = x;
        inputY = y;
        return true;
    }

    /**
     * Apply the input received since the last tick; the input sequence never goes backwards.
     */
    void applyInput()
    {
        if (hasInput)
        {
            hasInput = false;
            x = inputX;
            y = inputY;
            lastInputSeq = inputSeq;
        }
    }

    @Override
    public String toString()
    {
        return "session-" + sessionId;
    }
}
