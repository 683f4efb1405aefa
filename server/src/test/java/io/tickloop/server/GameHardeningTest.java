package io.tickloop.server;

import ch.qos.logback.classic.Level;
import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatDecoder;
import io.tickloop.protocol.game.HeartbeatEncoder;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.ReasonEncoder;
import io.tickloop.protocol.game.SpectateEncoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameServiceProbes;
import io.tickloop.server.service.Service;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, the game service's part: what a hostile or broken client, a flooder, a bug in the world and a
 * graceful shutdown do, under every socket model (docs/reliability.md lists each case with its defense).
 */
class GameHardeningTest
{
    /** Each message a client may send, and how to encode a well-formed one at offset 0; returns its length. */
    private enum ClientMessage
    {
        HELLO(false, buffer -> new HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION).name("x").frameLength()),
        JOIN(false, buffer -> new JoinEncoder().wrap(buffer, 0).roomId(1).frameLength()),
        SPECTATE(false, buffer -> new SpectateEncoder().wrap(buffer, 0).roomId(1).frameLength()),
        LEAVE(true, buffer -> bareHeader(buffer, GameProtocol.LEAVE)),
        MOVE(true, buffer -> new MoveEncoder().wrap(buffer, 0).inputSeq(1).position(1, 1).clientTimeNs(1).frameLength()),
        CHAT(true, buffer -> new ChatEncoder().wrap(buffer, 0).clientTimeNs(1).text("hi").frameLength()),
        HEARTBEAT(true, buffer -> new HeartbeatEncoder().wrap(buffer, 0).timeNs(1).frameLength()),
        BYE(true, buffer -> new ReasonEncoder().wrap(buffer, 0, GameProtocol.BYE).reason(CloseReason.PEER_CLOSED)
            .frameLength());

        final boolean inRoom;
        final Encoding encoding;

        ClientMessage(final boolean inRoom, final Encoding encoding)
        {
            this.inRoom = inRoom;
            this.encoding = encoding;
        }

        interface Encoding
        {
            int encode(UnsafeBuffer buffer);
        }
    }

    private static ServerFixture game(final SocketModel model, final String... gameFlags) throws IOException
    {
        return ServerFixture.game(model, GameOptions.parse(gameFlags));
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickAFrameOfTypeZeroBeforeHelloWithOneWarnLineAndNoStackTrace(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model);
            LogCapture log = new LogCapture();
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            client.send(bareHeader(client.buffer(), 0));
            assertEquals(CloseReason.UNEXPECTED_MESSAGE, client.expectKick());
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.UNEXPECTED_MESSAGE) == 1 &&
                metrics.connections() == 0);
            assertEquals(0, fixture.metrics().closes(CloseReason.INTERNAL_ERROR));
            assertEquals(0, log.at(Level.ERROR).size(), "no ERROR for a client's fault");
            assertEquals(1, log.at(Level.WARN).size(), "one WARN line: " + log.at(Level.WARN));
            assertEquals(0, log.withStackTrace(), "no stack trace for a client's fault");
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickAnythingButHelloAndAnyFrameOverOneKibBeforeHello(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model))
        {
            for (final int type : new int[] {GameProtocol.JOIN, GameProtocol.MOVE, GameProtocol.WELCOME, 999, 0xFFFF})
            {
                try (GameTestClient client = new GameTestClient(fixture.address()))
                {
                    FrameDescriptor.putHeader(client.buffer(), 0, 8, type);
                    client.send(8);
                    assertEquals(CloseReason.UNEXPECTED_MESSAGE, client.expectKick(), "type " + type);
                }
            }
            try (GameTestClient client = new GameTestClient(fixture.address()))
            {
                FrameDescriptor.putHeader(client.buffer(), 0, 1025, GameProtocol.HELLO);
                client.send(1025);
                assertEquals(CloseReason.FRAME_TOO_LONG, client.expectKick());
            }
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.UNEXPECTED_MESSAGE) == 5 &&
                metrics.closes(CloseReason.FRAME_TOO_LONG) == 1 && metrics.connections() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickASilentClientAtTheAuthDeadline(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model, "--auth-timeout", "300ms");
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            final long startNs = System.nanoTime();
            assertEquals(CloseReason.AUTH_TIMEOUT, client.expectKick());
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(waitedMs >= 250, "kicked after " + waitedMs + " ms");
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.AUTH_TIMEOUT) == 1);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickATruncatedBodyAndTrailingBytesInEveryMessageType(final SocketModel model) throws Exception
    {
        int expected = 0;
        try (ServerFixture fixture = game(model))
        {
            int name = 0;
            for (final ClientMessage message : ClientMessage.values())
            {
                for (final int change : new int[] {-1, +1})
                {
                    try (GameTestClient client = new GameTestClient(fixture.address()))
                    {
                        if (message != ClientMessage.HELLO)
                        {
                            client.hello("p" + name++).expect(GameProtocol.WELCOME);
                        }
                        if (message.inRoom)
                        {
                            client.join(1).expect(GameProtocol.JOINED);
                        }
                        final int length = message.encoding.encode(client.buffer()) + change;
                        if (length < FrameDescriptor.HEADER_LENGTH)
                        {
                            continue; // LEAVE is a bare header: nothing to truncate
                        }
                        FrameDescriptor.putHeader(client.buffer(), 0, length,
                            FrameDescriptor.frameType(client.buffer(), 0));
                        client.send(length);
                        assertEquals(CloseReason.MALFORMED_MESSAGE, client.expectKick(), message + " " + change);
                        expected++;
                    }
                }
            }
            final int malformed = expected;
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.MALFORMED_MESSAGE) == malformed);
        }
        assertEquals(15, expected);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickAMoveOutsideTheWorld(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model, "--world-bound", "100");
            GameTestClient inside = new GameTestClient(fixture.address());
            GameTestClient outside = new GameTestClient(fixture.address()))
        {
            inside.hello("in").expect(GameProtocol.WELCOME);
            inside.join(1).expect(GameProtocol.JOINED);
            inside.move(1, -100, 100);
            outside.hello("out").expect(GameProtocol.WELCOME);
            outside.join(1).expect(GameProtocol.JOINED);
            outside.move(1, 0, 101);
            assertEquals(CloseReason.MALFORMED_MESSAGE, outside.expectKick());
            awaitOwnInput(inside, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffTheFlooderNotItsNeighbourWhenTheWorldFallsBehind(final SocketModel model) throws Exception
    {
        final AtomicBoolean stall = new AtomicBoolean();
        final CountDownLatch stalled = new CountDownLatch(1);
        final Runnable slowWorld = () ->
        {
            if (stall.compareAndSet(true, false))
            {
                stalled.countDown();
                sleepMs(1000); // the world falls behind: a long GC, a slow tick
            }
        };
        try (ServerFixture fixture = new ServerFixture(model, config ->
                GameServiceProbes.withTickProbe(GameOptions.parse("--input-queue-bytes", "8k"), config, slowWorld));
            GameTestClient flooder = new GameTestClient(fixture.address());
            GameTestClient neighbour = new GameTestClient(fixture.address()))
        {
            flooder.hello("flooder").expect(GameProtocol.WELCOME);
            flooder.join(1).expect(GameProtocol.JOINED);
            neighbour.hello("neighbour").expect(GameProtocol.WELCOME);
            neighbour.join(1).expect(GameProtocol.JOINED);
            stall.set(true);
            assertTrue(stalled.await(5, TimeUnit.SECONDS));

            final int heartbeats = 2000; // 2,000 x (12 + 8) bytes in the ring: past an 8 KiB share
            final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
            final UnsafeBuffer burst = new UnsafeBuffer(new byte[heartbeats * HeartbeatDecoder.FRAME_LENGTH]);
            for (int i = 0; i < heartbeats; i++)
            {
                heartbeat.wrap(burst, i * HeartbeatDecoder.FRAME_LENGTH).timeNs(i);
            }
            flooder.sendRaw(burst.byteArray());
            neighbour.move(1, 5, 5);

            awaitOwnInput(neighbour, 1);
            if (model == SocketModel.SELECTOR)
            {
                // the world runs on the loop: a stalled world stalls the reads too, and TCP holds the flood back
                assertEquals(0, fixture.metrics().closes(CloseReason.SERVER_FULL));
            }
            else
            {
                assertEquals(CloseReason.SERVER_FULL, flooder.expectKick());
                fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.SERVER_FULL) == 1 &&
                    metrics.connections() == 1);
            }
        }
    }

    /**
     * Frames a client sent before its stream broke are already in the world's input ring when the break is
     * queued: the world handles them first (WELCOME for the HELLO), then kicks. It kicked first, and the HELLO met
     * a closed player.
     */
    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldHandleTheFramesSentBeforeABrokenStreamThenKick(final SocketModel model) throws Exception
    {
        final AtomicBoolean stall = new AtomicBoolean();
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final Runnable stalledWorld = () ->
        {
            if (stall.compareAndSet(true, false))
            {
                stalled.countDown();
                awaitQuietly(resume);
            }
        };
        try (ServerFixture fixture = new ServerFixture(model, config ->
                GameServiceProbes.withTickProbe(GameOptions.parse(), config, stalledWorld));
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            stall.set(true);
            assertTrue(stalled.await(5, TimeUnit.SECONDS));
            final UnsafeBuffer bytes = client.buffer();
            final int helloLength = new HelloEncoder().wrap(bytes, 0).version(GameProtocol.VERSION).name("early")
                .frameLength();
            FrameDescriptor.putHeader(bytes, helloLength, FrameDescriptor.HEADER_LENGTH, 0); // type 0: the break
            client.send(helloLength + FrameDescriptor.HEADER_LENGTH);
            if (model != SocketModel.SELECTOR) // there the stalled world stalls the reads: nothing to wait for
            {
                fixture.awaitMetrics(metrics -> metrics.framesIn() == 2);
            }
            resume.countDown();

            client.expect(GameProtocol.WELCOME);
            assertEquals(CloseReason.UNEXPECTED_MESSAGE, client.expectKick());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKeepTickingWhenTheWorldThrows(final SocketModel model) throws Exception
    {
        final AtomicInteger failuresLeft = new AtomicInteger(5);
        final Service[] game = new Service[1];
        final Runnable buggyWorld = () ->
        {
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0)
            {
                throw new IllegalStateException("a bug in the world");
            }
        };
        try (LogCapture log = new LogCapture();
            ServerFixture fixture = new ServerFixture(model, config ->
                game[0] = GameServiceProbes.withTickProbe(GameOptions.parse("--tick-hz", "50"), config, buggyWorld));
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            client.hello("survivor").expect(GameProtocol.WELCOME);
            client.join(1).expect(GameProtocol.JOINED);
            client.move(1, 3, 4);
            awaitOwnInput(client, 1);
            assertEquals(0, failuresLeft.get());
            assertTrue(game[0].intervalStats().contains("worldFailures=5"), game[0].intervalStats());
            assertEquals(1, log.at(Level.ERROR).size(), "the first failure with its stack, then at most one a second");
            assertEquals(1, log.withStackTrace());
            assertEquals(1, fixture.metrics().connections());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverEveryQueuedFrameAndByeBeforeFinOnShutdown(final SocketModel model) throws Exception
    {
        final int clients = 100;
        final ServerFixture fixture = game(model, "--tick-hz", "20");
        final GameTestClient[] players = new GameTestClient[clients];
        final java.net.InetSocketAddress address = fixture.address();
        final Thread closer = new Thread(fixture::close, "test-closer");
        try
        {
            for (int i = 0; i < clients; i++)
            {
                players[i] = new GameTestClient(fixture.address());
                players[i].hello("p" + i).join(1);
            }
            for (int i = 0; i < clients; i++)
            {
                players[i].expect(GameProtocol.WELCOME);
                players[i].expect(GameProtocol.JOINED);
            }
            // 100 chats, each to the 99 others: 9,900 CHAT and 100 BYE queued; each chat is seen by one reader
            // before the next is sent, so the world has handed on every one before the shutdown begins
            final int[] chats = new int[clients];
            players[0].chat("from 0");
            chats[1] += readChats(players[1], 1);
            for (int i = 1; i < clients; i++)
            {
                players[i].chat("from " + i);
                chats[0] += readChats(players[0], 1);
            }
            closer.start();
            for (int i = 0; i < clients; i++)
            {
                chats[i] += readChatsUntilBye(players[i]);
                assertEquals(clients - 1, chats[i], "chats player " + i + " saw");
                if (i == 0)
                {
                    assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close(), "a connect during the drain is refused");
                }
                assertEquals(null, players[i].nextOrFin(), "FIN (not RST, not a frame) right after BYE, player " + i);
                players[i].close();
            }
            closer.join(ServerFixture.DEADLINE.toMillis());
            final var metrics = fixture.metrics();
            assertEquals(clients, metrics.closes(CloseReason.SHUTTING_DOWN), metrics.closesSummary());
            assertEquals(0, metrics.closes(CloseReason.IO_ERROR), metrics.closesSummary());
        }
        finally
        {
            for (final GameTestClient player : players)
            {
                if (null != player)
                {
                    player.close();
                }
            }
            closer.join(ServerFixture.DEADLINE.toMillis());
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickAConnectionRefusedAtAcceptWithServerFull(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(model, GameOptions.parse(), "--max-connections", "1");
            GameTestClient served = new GameTestClient(fixture.address()))
        {
            served.hello("served").expect(GameProtocol.WELCOME);
            try (GameTestClient refused = new GameTestClient(fixture.address()))
            {
                assertEquals(CloseReason.SERVER_FULL, refused.expectKick());
            }
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.SERVER_FULL) == 1);
            assertEquals(1, fixture.metrics().connections(), "a refusal is never counted as open");
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldKickAFrameLeftIncompleteWithFrameTimeout(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(model, GameOptions.parse(), "--frame-timeout", "300ms");
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            FrameDescriptor.putHeader(client.buffer(), 0, 20, GameProtocol.HELLO);
            client.send(6);
            assertEquals(CloseReason.FRAME_TIMEOUT, client.expectKick());
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.FRAME_TIMEOUT) == 1 &&
                metrics.connections() == 0);
        }
    }

    /**
     * Read up to a number of chats, skipping STATE and HEARTBEAT.
     */
    private static int readChats(final GameTestClient player, final int count) throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            player.expect(GameProtocol.CHAT);
        }
        return count;
    }

    /**
     * Read chats, STATE and HEARTBEAT up to a BYE SHUTTING_DOWN; anything else fails.
     *
     * @return the chats read.
     */
    private static int readChatsUntilBye(final GameTestClient player) throws IOException
    {
        int chats = 0;
        while (true)
        {
            final GameTestClient.Frame frame = player.next();
            if (frame.type() == GameProtocol.BYE)
            {
                assertEquals(CloseReason.SHUTTING_DOWN, new io.tickloop.protocol.game.ReasonDecoder()
                    .wrap(frame.buffer(), 0, frame.length()).reason());
                return chats;
            }
            if (frame.type() == GameProtocol.CHAT)
            {
                chats++;
            }
            else if (frame.type() != GameProtocol.STATE && frame.type() != GameProtocol.HEARTBEAT)
            {
                throw new AssertionError("unexpected " + GameProtocol.name(frame.type()));
            }
        }
    }

    private static void awaitOwnInput(final GameTestClient client, final int inputSeq) throws IOException
    {
        while (true)
        {
            final GameTestClient.Frame frame = client.expect(GameProtocol.STATE);
            final StateDecoder state = new StateDecoder().wrap(frame.buffer(), 0, frame.length());
            for (int i = 0; i < state.count(); i++)
            {
                if (state.lastInputSeq(i) >= inputSeq)
                {
                    return;
                }
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(ServerFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static int bareHeader(final UnsafeBuffer buffer, final int type)
    {
        FrameDescriptor.putHeader(buffer, 0, FrameDescriptor.HEADER_LENGTH, type);
        return FrameDescriptor.HEADER_LENGTH;
    }
}
