package io.tickloop.server.game;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the game's UDP port did: datagrams taken and sent, and every datagram dropped, by why. Written by the
 * world's thread only (single writer, ordered stores), read by any thread for {@code --stats} and tests.
 */
public final class DatagramCounters
{
    /** What is counted. */
    public enum Kind
    {
        /** Datagrams received, whatever became of them. */
        RECEIVED("in"),
        /** UDP_HELLOs that bound a source to a session (a repeat from the same source is answered, not counted). */
        BOUND("bound"),
        /** INPUTS whose newest input was applied at the next tick. */
        INPUTS_TAKEN("inputs"),
        /** Datagrams sent: UDP_WELCOMEs and STATE parts. */
        SENT("out"),
        /** Datagrams the kernel had no room for (the socket's send buffer full): dropped, as the network may. */
        SEND_DROPPED("sendDropped"),
        /** Dropped: from a source no session is bound to (other than a UDP_HELLO). */
        UNBOUND_SOURCE("unbound"),
        /** Dropped: a player id no session has, or a token that is not the session's. */
        BAD_TOKEN("badToken"),
        /** Dropped: a UDP_HELLO after the token's binding window, or from a second source. */
        EXPIRED("expired"),
        /** Dropped: INPUTS with nothing newer than what was seen (late, duplicated or replayed). */
        STALE("stale"),
        /** Dropped: a length or layout that does not match its type, a type not sent by UDP, out of bounds. */
        MALFORMED("malformed"),
        /** Dropped: past the session's datagrams per second. */
        FLOODING("flooding");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }
    }

    private static final Kind[] KINDS = Kind.values();

    private final AtomicLongArray counts = new AtomicLongArray(KINDS.length);

    /**
     * World thread: count one.
     *
     * @param kind what happened.
     */
    void increment(final Kind kind)
    {
        counts.lazySet(kind.ordinal(), counts.get(kind.ordinal()) + 1);
    }

    /**
     * @param kind what.
     * @return how many so far.
     */
    public long count(final Kind kind)
    {
        return counts.get(kind.ordinal());
    }

    @Override
    public String toString()
    {
        return describe();
    }

    /**
     * @return every count as {@code udp in=.. bound=.. ...} for the stats line.
     */
    String describe()
    {
        final StringBuilder line = new StringBuilder("udp");
        for (final Kind kind : KINDS)
        {
            line.append(' ').append(kind.label).append('=').append(count(kind));
        }
        return line.toString();
    }
}
