package io.tickloop.server.game;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The game's dispatcher and handlers, through the world, under a fuzzed script of four clients: bytes each sends
 * (cut at fuzzed points), ticks, time passing, peers going away. The script runs twice, once with each client's
 * bytes delivered whole and once cut; what the world sends and closes must be the same, nothing may throw, no
 * byte may go to a closed connection, and the world's player count must match the open connections. Time is the
 * script's, so both runs see the same clock.
 * <pre>
 *   byte 0              settings: bit 0 a view radius of 100, bits 1-2 room capacity 1..4
 *   then per step:
 *     op                bits 0-1 the client, bit 6 the client's peer closes instead of sending,
 *                       bit 7 a tick after the step, bits 4-5 time advanced first: 0, 10 ms, 1 s, 6 s,
 *                       bit 2 the client stops reading: the next send to it cuts it off as a slow consumer,
 *                       closing it from inside the send as a socket model does (the world is mid-loop then)
 *     length, cut, cut  up to 255 bytes the client sends, cut at two points (modulo length + 1)
 *     bytes             what it sends
 * </pre>
 * A campaign: {@code bin/tickloop fuzz dispatcher 5m}.
 */
class GameDispatcherFuzzTest
{
    private static final int CLIENTS = 4;
    private static final int MAX_FRAME_LENGTH = 512;
    /** Parsed once: picocli per run would cost more than the run. Index: the settings byte's bits 0-2. */
    private static final GameSettings[] SETTINGS = new GameSettings[8];
    /** Short enough for the script's time jumps to reach heartbeats and the idle KICK. */
    private static final long IDLE_TIMEOUT_MS = 15_000;
    private static final long[] TIME_STEPS_NS =
        { 0, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(6) };

    static
    {
        for (int bits = 0; bits < SETTINGS.length; bits++)
        {
            SETTINGS[bits] = GameOptions.parse(
                "--view-radius", (bits & 1) != 0 ? "100" : "0", "--room-capacity", Integer.toString(1 + (bits >> 1 & 3)));
        }
    }

    /**
     * Whole or cut, a client's bytes make the world do the same; only protocol errors end a stream.
     */
    @FuzzTest(maxDuration = "10s")
    void shouldActTheSameHoweverTheBytesAreCut(final byte[] data)
    {
        final List<String> whole = new Script(data, false).run();
        final List<String> cut = new Script(data, true).run();

        assertEquals(whole, cut);
    }

    /** One run of the fuzzed script against a fresh world. */
    private static final class Script
    {
        private final byte[] data;
        private final boolean cutBytes;
        private final World world;
        private final Client[] clients = new Client[CLIENTS];
        private final List<String> log = new ArrayList<>();
        private long nowNs = TimeUnit.HOURS.toNanos(1);
        private long sessionIds;

        Script(final byte[] data, final boolean cutBytes)
        {
            this.data = data;
            this.cutBytes = cutBytes;
            this.world = new World(SETTINGS[data.length > 0 ? data[0] & 7 : 0], MAX_FRAME_LENGTH, IDLE_TIMEOUT_MS,
                new TickStats(), new WorldFailures(), null);
        }

        List<String> run()
        {
            int position = 1;
            while (position < data.length)
            {
                final int op = data[position] & 0xFF;
                final int length = byteAt(position + 1);
                final int from = Math.min(data.length, position + 4);
                final byte[] bytes = Arrays.copyOfRange(data, from, Math.min(data.length, from + length));
                step(op, bytes, byteAt(position + 2), byteAt(position + 3));
                position = from + length;
            }
            return log;
        }

        private void step(final int op, final byte[] bytes, final int cutA, final int cutB)
        {
            nowNs += TIME_STEPS_NS[op >> 4 & 3];
            final int slot = op & 3;
            if (null == clients[slot] || clients[slot].closed)
            {
                clients[slot] = new Client(slot, ++sessionIds);
            }
            final Client client = clients[slot];
            client.slowConsumer |= (op & 0x04) != 0;
            if ((op & 0x40) != 0)
            {
                log.add(slot + " peer closed");
                client.closed = true;
                world.onClosed(client.player);
            }
            else if (cutBytes)
            {
                final int first = Math.min(cutA, cutB) % (bytes.length + 1);
                final int second = Math.max(first, Math.max(cutA, cutB) % (bytes.length + 1));
                client.onBytes(Arrays.copyOfRange(bytes, 0, first));
                client.onBytes(Arrays.copyOfRange(bytes, first, second));
                client.onBytes(Arrays.copyOfRange(bytes, second, bytes.length));
            }
            else
            {
                client.onBytes(bytes);
            }
            if ((op & 0x80) != 0)
            {
                world.onTick(nowNs);
            }
            checkPlayerCount();
        }

        private void checkPlayerCount()
        {
            int inWorld = 0;
            for (final Client client : clients)
            {
                if (null != client && client.link.player.state != Player.CLOSED)
                {
                    inWorld++;
                }
            }
            assertEquals(inWorld, world.playerCount(), "players in the world");
        }

        private int byteAt(final int index)
        {
            return index < data.length ? data[index] & 0xFF : 0;
        }

        /** A client's connection as the game's handler sees it: a frame reader in front, a link behind. */
        private final class Client implements FrameHandler
        {
            final int slot;
            final Link link;
            final Player player;
            final FrameReader reader = new FrameReader(MAX_FRAME_LENGTH);
            boolean failed;
            boolean closed;
            boolean slowConsumer;

            Client(final int slot, final long sessionId)
            {
                this.slot = slot;
                this.link = new Link(this);
                this.player = new Player(sessionId, link);
                link.player = player;
                world.onOpen(player, nowNs);
            }

            void onBytes(final byte[] bytes)
            {
                if (failed || closed)
                {
                    return;
                }
                final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                final CloseReason error = reader.onBytes(buffer, 0, bytes.length, this);
                if (null != error)
                {
                    if (!error.isProtocolError())
                    {
                        throw new AssertionError("the reader ended a stream with no protocol error: " + error);
                    }
                    // Not logged itself: only what the world does about it is seen (a KICK, a close), and a
                    // client closed earlier in the same read leaves the world nothing to do.
                    failed = true;
                    world.kick(player, error);
                }
            }

            @Override
            public void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
            {
                if (!failed && !closed)
                {
                    world.onFrame(player, type, buffer, offset, length, nowNs);
                }
            }
        }

        /** What the world sends to a client and when it closes it, logged; the connection closes as a model's does. */
        private final class Link implements PlayerLink
        {
            final Client client;
            Player player;

            Link(final Client client)
            {
                this.client = client;
            }

            @Override
            public void send(final DirectBuffer buffer, final int offset, final int length)
            {
                if (client.closed)
                {
                    throw new AssertionError("the world sent " + length + " bytes to a closed connection");
                }
                if (client.slowConsumer)
                {
                    close(CloseReason.SLOW_CONSUMER);
                    return;
                }
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                log.add(client.slot + " <- " + Arrays.toString(frame));
            }

            @Override
            public void sendLastWords(final DirectBuffer buffer, final int offset, final int length)
            {
                send(buffer, offset, length);
            }

            @Override
            public void close(final CloseReason reason)
            {
                if (client.closed)
                {
                    return;
                }
                log.add(client.slot + " closed " + reason);
                client.closed = true;
                world.onClosed(player);
            }
        }
    }
}
