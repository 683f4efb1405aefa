package io.tickloop.server.game;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.InputsDecoder;
import io.tickloop.protocol.game.SnapshotDecoder;
import io.tickloop.protocol.game.SnapshotEncoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.UdpHelloDecoder;
import io.tickloop.protocol.game.UdpWelcomeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

import static io.tickloop.server.game.DatagramCounters.Kind;

/**
 * The world's side of UDP: which source is which session, what a datagram may do, and STATE by datagram.
 * Single-writer, on the world's thread, like the {@link World} that owns it.
 * <p>
 * WELCOME (over TCP) gives each session a token of 128 random bits. A UDP_HELLO carrying the session's player id
 * and token, within {@link #BIND_WINDOW_NS} of the WELCOME, binds its source address and port to the session and
 * is answered with a UDP_WELCOME a third its size, so a forged source cannot make the server send more than it
 * received. From then on INPUTS are taken only from that source and with that token, at most
 * {@code datagramsPerSecond} a second, and STATEs go there, as SNAPSHOTs, instead of over TCP. Everything else
 * is dropped without an answer and counted ({@link DatagramCounters}); an unknown source costs no memory.
 */
final class DatagramSessions
{
    /** How long after WELCOME a token may bind a source. */
    static final long BIND_WINDOW_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final DatagramPort port;
    private final DatagramCounters counters;
    private final int datagramsPerSecond;
    private final SecureRandom random = new SecureRandom();
    private final Int2ObjectHashMap<Player> byPlayerId = new Int2ObjectHashMap<>();
    private final HashMap<SocketAddress, Player> bySource = new HashMap<>();
    private final UdpHelloDecoder hello = new UdpHelloDecoder();
    private final InputsDecoder inputs = new InputsDecoder();
    private final UdpWelcomeEncoder welcome = new UdpWelcomeEncoder();
    private final SnapshotEncoder snapshot = new SnapshotEncoder();
    private final StateDecoder state = new StateDecoder();

    /**
     * @param port the socket.
     * @param counters where it counts.
     * @param datagramsPerSecond what one session may send.
     */
    DatagramSessions(final DatagramPort port, final DatagramCounters counters, final int datagramsPerSecond)
    {
        this.port = port;
        this.counters = counters;
        this.datagramsPerSecond = datagramsPerSecond;
    }

    /**
     * @return the socket's channel, for a loop to watch.
     */
    SelectableChannel channel()
    {
        return port.channel();
    }

    /**
     * @return the UDP port, for WELCOME.
     */
    int port()
    {
        return port.port();
    }

    /**
     * A player was welcomed: give it a token to bind a source with.
     */
    void issueToken(final Player player, final long nowNs)
    {
        player.token0 = random.nextLong();
        player.token1 = random.nextLong();
        player.tokenIssuedNs = nowNs;
        byPlayerId.put(player.playerId, player);
    }

    /**
     * The player left the world: its token and source mean nothing any more.
     */
    void onRemoved(final Player player)
    {
        if (0 != player.playerId)
        {
            byPlayerId.remove(player.playerId, player);
        }
        if (null != player.udpSource)
        {
            bySource.remove(player.udpSource, player);
        }
    }

    /**
     * Take the datagrams waiting on the port, at most {@code limit}, and hand each to the world.
     *
     * @return how many were taken.
     */
    int receiveSome(final World world, final int limit, final long nowNs) throws IOException
    {
        int taken = 0;
        SocketAddress source;
        while (taken < limit && null != (source = port.receive()))
        {
            taken++;
            world.onDatagram(source, port.received(), 0, port.receivedLength(), nowNs);
        }
        return taken;
    }

    /**
     * One datagram from {@code source}.
     */
    void onDatagram(
        final World world,
        final SocketAddress source,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long nowNs)
    {
        counters.increment(Kind.RECEIVED);
        if (length < FrameDescriptor.HEADER_LENGTH || length > GameProtocol.MAX_DATAGRAM_BYTES ||
            FrameDescriptor.frameLength(buffer, offset) != length)
        {
            counters.increment(Kind.MALFORMED);
            return;
        }
        switch (FrameDescriptor.frameType(buffer, offset))
        {
            case GameProtocol.UDP_HELLO -> onHello(source, buffer, offset, length, nowNs);
            case GameProtocol.INPUTS -> onInputs(world, source, buffer, offset, length, nowNs);
            default -> counters.increment(Kind.MALFORMED);
        }
    }

    /**
     * The world's tick: send a bound player its STATE by UDP, as SNAPSHOTs of at most
     * {@link SnapshotDecoder#MAX_ENTRIES} entries that share the tick; the client keeps the newest tick.
     *
     * @param frame a STATE frame at 0, as the world encoded it for this player.
     * @return false when the player has no bound source: the caller sends it over TCP.
     */
    boolean sendState(final Player player, final DirectBuffer frame, final int length)
    {
        final SocketAddress to = player.udpSource;
        if (null == to)
        {
            return false;
        }
        final UnsafeBuffer out = port.sending();
        final StateDecoder state = this.state.wrap(frame, 0, length);
        final int entries = state.count();
        int next = 0;
        do
        {
            snapshot.wrap(out, 0, state.tick(), player.lastInputSeq);
            for (final int end = Math.min(entries, next + SnapshotDecoder.MAX_ENTRIES); next < end; next++)
            {
                snapshot.addEntry(state.playerId(next), state.x(next), state.y(next));
            }
            send(snapshot.frameLength(), to);
        }
        while (next < entries);
        return true;
    }

    private void onHello(
        final SocketAddress source, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!hello.wrap(buffer, offset, length).isWellFormed())
        {
            counters.increment(Kind.MALFORMED);
            return;
        }
        final Player player = byPlayerId.get(hello.playerId());
        if (null == player || !hello.hasToken(player.token0, player.token1))
        {
            counters.increment(Kind.BAD_TOKEN);
            return;
        }
        if (null == player.udpSource)
        {
            if (nowNs - player.tokenIssuedNs > BIND_WINDOW_NS)
            {
                counters.increment(Kind.EXPIRED);
                return;
            }
            player.udpSource = source;
            bySource.put(source, player);
            counters.increment(Kind.BOUND);
        }
        else if (!player.udpSource.equals(source))
        {
            counters.increment(Kind.EXPIRED); // one source a session: a token seen from a second is not trusted
            return;
        }
        // The answer is repeated for every HELLO from the bound source: the client retries until one arrives.
        send(welcome.wrap(port.sending(), 0).playerId(player.playerId).frameLength(), source);
    }

    private void onInputs(
        final World world,
        final SocketAddress source,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long nowNs)
    {
        final Player player = bySource.get(source);
        if (null == player)
        {
            counters.increment(Kind.UNBOUND_SOURCE);
            return;
        }
        if (!inputs.wrap(buffer, offset, length).isWellFormed())
        {
            counters.increment(Kind.MALFORMED);
            return;
        }
        if (inputs.playerId() != player.playerId || !inputs.hasToken(player.token0, player.token1))
        {
            counters.increment(Kind.BAD_TOKEN);
            return;
        }
        if (!withinBudget(player, nowNs))
        {
            counters.increment(Kind.FLOODING);
            return;
        }
        if (player.state != Player.IN_ROOM || !world.isInBounds(inputs.x(0)) || !world.isInBounds(inputs.y(0)))
        {
            counters.increment(Kind.MALFORMED);
            return;
        }
        // The newest input is the only one that matters: a position, not a step; older ones only covered losses.
        if (player.offerInput(inputs.inputSeq(0), inputs.x(0), inputs.y(0)))
        {
            world.onHeard(player, nowNs);
            counters.increment(Kind.INPUTS_TAKEN);
        }
        else
        {
            counters.increment(Kind.STALE);
        }
    }

    private boolean withinBudget(final Player player, final long nowNs)
    {
        if (nowNs - player.datagramWindowStartNs >= SECOND_NS)
        {
            player.datagramWindowStartNs = nowNs;
            player.datagramsInWindow = 0;
        }
        return ++player.datagramsInWindow <= datagramsPerSecond;
    }

    private void send(final int length, final SocketAddress to)
    {
        counters.increment(port.send(length, to) ? Kind.SENT : Kind.SEND_DROPPED);
    }
}
