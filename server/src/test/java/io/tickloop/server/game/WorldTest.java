package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.JoinedDecoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.ReasonDecoder;
import io.tickloop.protocol.game.SpectateEncoder;
import io.tickloop.protocol.game.SnapshotDecoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.UdpHelloEncoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The world driven directly on the test thread, through links that record what it sends.
 */
class WorldTest
{
    private final UnsafeBuffer in = new UnsafeBuffer(new byte[256]);
    private long sessionIds;

    @Test
    void shouldSendOnlyThePlayersWithinTheViewRadius()
    {
        final World world = new World(GameOptions.parse("--view-radius", "100"), 4096, 60_000, new TickStats(),
            new WorldFailures(), null);
        final RecordingLink near = enter(world, "near", 0, 0);
        final RecordingLink close = enter(world, "close", 90, -90);
        final RecordingLink far = enter(world, "far", 1000, 1000);
        final RecordingLink edge = enter(world, "edge", 190, 0);

        world.onTick(System.nanoTime());

        assertEquals(new TreeSet<>(List.of(1, 2)), lastStateIds(near));
        assertEquals(new TreeSet<>(List.of(1, 2, 4)), lastStateIds(close));
        assertEquals(new TreeSet<>(List.of(3)), lastStateIds(far));
        assertEquals(new TreeSet<>(List.of(2, 4)), lastStateIds(edge));
    }

    @Test
    void shouldSendTheWholeRoomWithoutAViewRadiusAndRemoveAnEmptyRoom()
    {
        final World world = new World(GameOptions.parse(), 4096, 60_000, new TickStats(), new WorldFailures(), null);
        final RecordingLink a = enter(world, "a", 0, 0);
        final RecordingLink b = enter(world, "b", 5000, 5000);

        world.onTick(System.nanoTime());

        assertEquals(new TreeSet<>(List.of(1, 2)), lastStateIds(a));
        assertEquals(new TreeSet<>(List.of(1, 2)), lastStateIds(b));
        world.onClosed(a.player);
        world.onClosed(b.player);
        assertEquals(0, world.roomCount());
        assertEquals(0, world.playerCount());
    }

    @Test
    void shouldSendASpectatorTheRoomWithoutCountingItOrShowingIt()
    {
        final World world = new World(GameOptions.parse("--room-capacity", "2"), 4096, 60_000, new TickStats(),
            new WorldFailures(), null);
        final RecordingLink a = enter(world, "a", 10, 20);
        final RecordingLink watcher = hello(world, "watcher");
        frame(world, watcher.player, new SpectateEncoder().wrap(in, 0).roomId(1).frameLength());
        assertJoined(watcher, 1, 1);
        final RecordingLink b = enter(world, "b", 30, 40);
        assertJoined(b, 1, 2);
        assertEquals(1, world.roomCount());

        world.onTick(System.nanoTime());

        assertEquals(new TreeSet<>(List.of(1, 3)), lastStateIds(watcher), "the players, not the spectator (2)");
        assertEquals(new TreeSet<>(List.of(1, 3)), lastStateIds(a));
        final RecordingLink c = enter(world, "c", 0, 0);
        assertEquals(CloseReason.ROOM_FULL, lastReason(c), "two players fill a room of two, whoever watches");

        frame(world, a.player, new ChatEncoder().wrap(in, 0).clientTimeNs(7).text("hi").frameLength());
        final UnsafeBuffer line = last(watcher);
        final ChatDecoder chat = new ChatDecoder().wrap(line, 0, line.capacity());
        assertEquals(GameProtocol.CHAT, FrameDescriptor.frameType(line, 0));
        assertEquals(1, chat.senderId());
        assertEquals("hi", chat.text());

        frame(world, watcher.player, new MoveEncoder().wrap(in, 0).inputSeq(1).position(1, 1).frameLength());
        assertEquals(CloseReason.UNEXPECTED_MESSAGE, lastReason(watcher), "a spectator has no avatar to move");
        final RecordingLink talker = hello(world, "talker");
        frame(world, talker.player, new SpectateEncoder().wrap(in, 0).roomId(1).frameLength());
        frame(world, talker.player, new ChatEncoder().wrap(in, 0).text("me too").frameLength());
        assertEquals(CloseReason.UNEXPECTED_MESSAGE, lastReason(talker), "spectators may not chat");
    }

    @Test
    void shouldSwitchBetweenPlayingAndWatchingAndRemoveARoomOnlyWhenNobodyIsLeft()
    {
        final World world = new World(GameOptions.parse("--view-radius", "100"), 4096, 60_000, new TickStats(),
            new WorldFailures(), null);
        final RecordingLink near = enter(world, "near", 0, 0);
        final RecordingLink far = enter(world, "far", 5000, 5000);
        final RecordingLink watcher = hello(world, "watcher");
        frame(world, watcher.player, new SpectateEncoder().wrap(in, 0).roomId(1).frameLength());

        world.onTick(System.nanoTime());
        assertEquals(new TreeSet<>(List.of(1, 2)), lastStateIds(watcher), "no position, no view: the whole room");
        assertEquals(new TreeSet<>(List.of(1)), lastStateIds(near));

        frame(world, far.player, new SpectateEncoder().wrap(in, 0).roomId(1).frameLength());
        assertJoined(far, 1, 1);
        frame(world, watcher.player, new JoinEncoder().wrap(in, 0).roomId(1).frameLength());
        assertJoined(watcher, 1, 2);
        world.onTick(System.nanoTime());
        assertEquals(new TreeSet<>(List.of(1, 3)), lastStateIds(far), "the spectator that was a player");
        assertEquals(new TreeSet<>(List.of(1, 3)), lastStateIds(watcher), "the player that was a spectator");

        world.onClosed(near.player);
        world.onClosed(watcher.player);
        assertEquals(1, world.roomCount(), "a spectator keeps its room");
        world.onTick(System.nanoTime());
        assertEquals(new TreeSet<>(), lastStateIds(far), "an empty STATE each tick");
        frame(world, far.player, FrameDescriptor.HEADER_LENGTH, GameProtocol.LEAVE);
        assertEquals(0, world.roomCount());
        assertEquals(Player.HELLOED, far.player.state);
    }

    @Test
    void shouldSplitAStateLargerThanADatagramIntoPartsOfTheSameTick() throws Exception
    {
        final DatagramCounters counters = new DatagramCounters();
        try (DatagramPort port = new DatagramPort("127.0.0.1", 0);
            DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            final World world = new World(GameOptions.parse("--room-capacity", "100", "--udp-port", "0"), 4096,
                60_000, new TickStats(), new WorldFailures(), new DatagramSessions(port, counters, 1000));
            final List<RecordingLink> links = new ArrayList<>();
            for (int i = 0; i < 100; i++)
            {
                links.add(enter(world, "p" + i, i, i));
            }
            final RecordingLink bound = links.get(0);
            final WelcomeDecoder welcome = welcomeOf(bound);
            final int hello = new UdpHelloEncoder().wrap(in, 0)
                .credentials(welcome.playerId(), welcome.token0(), welcome.token1()).frameLength();
            world.onDatagram(client.getLocalAddress(), in, 0, hello, System.nanoTime());
            assertEquals(1, counters.count(DatagramCounters.Kind.BOUND));
            final int tcpFramesBefore = bound.frames.size();

            world.onTick(System.nanoTime());

            assertEquals(tcpFramesBefore, bound.frames.size(), "no STATE over TCP once bound");
            assertEquals(GameProtocol.STATE, FrameDescriptor.frameType(links.get(1).frames.get(
                links.get(1).frames.size() - 1), 0), "the others still get theirs over TCP");
            final ByteBuffer datagram = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
            client.receive(datagram.clear());
            assertEquals(GameProtocol.UDP_WELCOME, datagram.getShort(2));
            final TreeSet<Integer> ids = new TreeSet<>();
            long tick = -1;
            int parts = 0;
            while (ids.size() < 100)
            {
                client.receive(datagram.clear());
                assertTrue(datagram.position() <= GameProtocol.MAX_DATAGRAM_BYTES, datagram.position() + " bytes");
                final SnapshotDecoder state = new SnapshotDecoder().wrap(new UnsafeBuffer(datagram.array()), 0,
                    datagram.position());
                assertEquals(GameProtocol.SNAPSHOT, datagram.getShort(2));
                assertTrue(state.isWellFormed());
                assertEquals(1, state.lastInputSeq(), "the receiver's own input, in the header");
                assertTrue(tick == -1 || tick == state.tick(), "every part carries the same tick");
                tick = state.tick();
                for (int i = 0; i < state.count(); i++)
                {
                    ids.add(state.playerId(i));
                }
                parts++;
            }
            System.out.printf("a STATE of 100 players went in %d SNAPSHOTs of at most %d entries%n", parts,
                SnapshotDecoder.MAX_ENTRIES);
            assertEquals(2, parts);
        }
    }

    @Test
    void shouldRefuseToBindATokenAfterItsWindow() throws Exception
    {
        final DatagramCounters counters = new DatagramCounters();
        try (DatagramPort port = new DatagramPort("127.0.0.1", 0))
        {
            final World world = new World(GameOptions.parse("--udp-port", "0"), 4096, 60_000, new TickStats(),
                new WorldFailures(), new DatagramSessions(port, counters, 1000));
            final WelcomeDecoder late = welcomeOf(enter(world, "late", 0, 0));
            final WelcomeDecoder early = welcomeOf(enter(world, "early", 0, 0));
            final long afterTheWindowNs = System.nanoTime() + DatagramSessions.BIND_WINDOW_NS + 1_000_000_000L;
            final int lateHello = new UdpHelloEncoder().wrap(in, 0)
                .credentials(late.playerId(), late.token0(), late.token1()).frameLength();
            world.onDatagram(new InetSocketAddress("127.0.0.1", 40_001), in, 0, lateHello, afterTheWindowNs);
            assertEquals(1, counters.count(DatagramCounters.Kind.EXPIRED));

            final int earlyHello = new UdpHelloEncoder().wrap(in, 0)
                .credentials(early.playerId(), early.token0(), early.token1()).frameLength();
            world.onDatagram(new InetSocketAddress("127.0.0.1", 40_002), in, 0, earlyHello, System.nanoTime());
            assertEquals(1, counters.count(DatagramCounters.Kind.BOUND));
            assertTrue(early.token0() != late.token0() || early.token1() != late.token1(), "a token each");
        }
    }

    private static WelcomeDecoder welcomeOf(final RecordingLink link)
    {
        final UnsafeBuffer frame = link.frames.get(0);
        final WelcomeDecoder welcome = new WelcomeDecoder().wrap(frame, 0, frame.capacity());
        assertTrue(welcome.isWellFormed() && welcome.hasUdp());
        return welcome;
    }

    private RecordingLink enter(final World world, final String name, final int x, final int y)
    {
        final RecordingLink link = new RecordingLink();
        link.player = new Player(++sessionIds, link);
        world.onOpen(link.player, System.nanoTime());
        frame(world, link.player, new HelloEncoder().wrap(in, 0).version(GameProtocol.VERSION).name(name).frameLength());
        frame(world, link.player, new JoinEncoder().wrap(in, 0).roomId(1).frameLength());
        frame(world, link.player, new MoveEncoder().wrap(in, 0).inputSeq(1).position(x, y).frameLength());
        return link;
    }

    private RecordingLink hello(final World world, final String name)
    {
        final RecordingLink link = new RecordingLink();
        link.player = new Player(++sessionIds, link);
        world.onOpen(link.player, System.nanoTime());
        frame(world, link.player, new HelloEncoder().wrap(in, 0).version(GameProtocol.VERSION).name(name).frameLength());
        return link;
    }

    private static UnsafeBuffer last(final RecordingLink link)
    {
        return link.frames.get(link.frames.size() - 1);
    }

    private static void assertJoined(final RecordingLink link, final int roomId, final int playersPresent)
    {
        final UnsafeBuffer frame = last(link);
        assertEquals(GameProtocol.JOINED, FrameDescriptor.frameType(frame, 0));
        final JoinedDecoder joined = new JoinedDecoder().wrap(frame, 0, frame.capacity());
        assertEquals(roomId, joined.roomId());
        assertEquals(playersPresent, joined.playersPresent(), "players with an avatar");
    }

    private static CloseReason lastReason(final RecordingLink link)
    {
        final UnsafeBuffer frame = last(link);
        assertEquals(GameProtocol.KICK, FrameDescriptor.frameType(frame, 0));
        return new ReasonDecoder().wrap(frame, 0, frame.capacity()).reason();
    }

    private void frame(final World world, final Player player, final int length, final int type)
    {
        FrameDescriptor.putHeader(in, 0, length, type);
        frame(world, player, length);
    }

    private void frame(final World world, final Player player, final int length)
    {
        world.onFrame(player, FrameDescriptor.frameType(in, 0), in, 0, length, System.nanoTime());
    }

    private static TreeSet<Integer> lastStateIds(final RecordingLink link)
    {
        final UnsafeBuffer state = link.frames.get(link.frames.size() - 1);
        assertEquals(GameProtocol.STATE, FrameDescriptor.frameType(state, 0));
        final StateDecoder decoder = new StateDecoder().wrap(state, 0, state.capacity());
        final TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < decoder.count(); i++)
        {
            ids.add(decoder.playerId(i));
        }
        return ids;
    }

    private static final class RecordingLink implements PlayerLink
    {
        final List<UnsafeBuffer> frames = new ArrayList<>();
        Player player;

        @Override
        public void send(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            frames.add(new UnsafeBuffer(copy));
        }

        @Override
        public void sendLastWords(final DirectBuffer buffer, final int offset, final int length)
        {
            send(buffer, offset, length);
        }

        @Override
        public void close(final CloseReason reason)
        {
        }
    }
}
