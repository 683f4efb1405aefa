package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.StateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            new WorldFailures());
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
        final World world = new World(GameOptions.parse(), 4096, 60_000, new TickStats(), new WorldFailures());
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
