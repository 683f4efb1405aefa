package io.tickloop.server;

import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.testing.FaultProxy;
import io.tickloop.server.testing.Faults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every socket model behind a {@link FaultProxy}: latency, a bandwidth limit and one-byte writes change when and
 * in what pieces bytes arrive, never which bytes; a reset cuts the stream, leaving a prefix and an error, never a
 * gap or a duplicate, and the server carries on.
 */
class FaultsInThePathTest
{
    private static final int ECHO_BYTES = 32 * 1024;
    private static final int CHATS = 40;
    private static final int RESET_AFTER_BYTES = 10_000;
    private static final int MIN_STATES = 10;
    private static final int GAME_RESET_AFTER_BYTES = 700;

    static Stream<Arguments> modelsAndFaults()
    {
        final Faults[] faults = {
            Faults.NONE.withLatencyMs(20),
            Faults.NONE.withBytesPerSecond(256 * 1024),
            Faults.NONE.withOneByteWrites(),
            Faults.NONE.withLatencyMs(5).withBytesPerSecond(512 * 1024).withOneByteWrites(),
        };
        return Arrays.stream(SocketModel.values())
            .flatMap(model -> Arrays.stream(faults).map(fault -> Arguments.of(model, fault)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsAndFaults")
    void shouldEchoEveryByteInOrderThroughTheFaults(final SocketModel model, final Faults faults) throws Exception
    {
        final byte[] data = randomBytes(ECHO_BYTES, model.ordinal());
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.ECHO);
            FaultProxy proxy = FaultProxy.start(fixture.address(), faults);
            TestClient client = TestClient.connect(proxy.address()))
        {
            final long startNs = System.nanoTime();
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeInChunks(client, data));
            final byte[] echoed = client.readExactly(data.length);
            writer.get(10, TimeUnit.SECONDS);
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

            assertArrayEquals(data, echoed);
            assertTrue(elapsedMs >= faults.latencyMs() * 2L, "the latency was added both ways: " + elapsedMs + " ms");
            // the proxy writes a slice (1/100 s of bandwidth) and then books its time, sleeping once 1 ms ahead:
            // the first slice leaves at once and the last may leave 1 ms early
            final long slicedMs = faults.bytesPerSecond() == 0 ? 0 :
                1000L * (data.length - faults.bytesPerSecond() / 100) / faults.bytesPerSecond() - 1;
            assertTrue(elapsedMs >= slicedMs, "the bandwidth was limited: " + elapsedMs + " ms, at least " + slicedMs);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modelsAndFaults")
    void shouldDeliverWholeGameFramesWithContiguousSequencesThroughTheFaults(final SocketModel model,
        final Faults faults) throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(model, GameOptions.parse("--tick-hz", "50"));
            FaultProxy proxy = FaultProxy.start(fixture.address(), faults);
            GameTestClient sender = new GameTestClient(proxy.address());
            GameTestClient receiver = new GameTestClient(proxy.address()))
        {
            receiver.hello("receiver").expect(GameProtocol.WELCOME);
            receiver.join(1).expect(GameProtocol.JOINED);
            sender.hello("sender").expect(GameProtocol.WELCOME);
            sender.join(1).expect(GameProtocol.JOINED);
            final ChatEncoder chat = new ChatEncoder();
            for (int i = 0; i < CHATS; i++)
            {
                sender.send(chat.wrap(sender.buffer(), 0).clientTimeNs(i).text("chat " + i).frameLength());
            }

            final int[] seen = receiveChatsAndStates(receiver);

            assertEquals(CHATS, seen[0], "chats, each the next in sequence");
            assertTrue(seen[1] >= MIN_STATES, "STATEs, each the next tick");
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldLeaveAPrefixAndAnErrorAfterAResetAndServeTheNextClient(final SocketModel model) throws Exception
    {
        final byte[] data = randomBytes(4 * RESET_AFTER_BYTES, model.ordinal());
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.ECHO))
        {
            try (FaultProxy proxy = FaultProxy.start(fixture.address(), Faults.NONE.withResetToClientAfter(RESET_AFTER_BYTES));
                Socket socket = new Socket(proxy.address().getAddress(), proxy.address().getPort()))
            {
                socket.setSoTimeout(TestClient.READ_TIMEOUT_MS);
                final IOException writeError = writeUntilReset(socket, data);
                final ByteArrayOutputStream received = new ByteArrayOutputStream();
                final IOException readEnding = readUntilFailure(socket.getInputStream(), received);

                final byte[] prefix = received.toByteArray();
                assertTrue(prefix.length <= RESET_AFTER_BYTES, prefix.length + " bytes arrived");
                assertArrayEquals(Arrays.copyOf(data, prefix.length), prefix, "a prefix: no gap, no duplicate");
                // Linux reports a reset once, to the first call on the socket: a write's error, or else the read's.
                assertTrue(null != writeError || !(readEnding instanceof EOFException),
                    "a reset ends in an error, not an orderly EOF: " + readEnding);
            }
            fixture.awaitMetrics(metrics -> metrics.connections() == 0);

            try (TestClient next = TestClient.connect(fixture.address()))
            {
                next.write(data, 0, 100);
                assertArrayEquals(Arrays.copyOf(data, 100), next.readExactly(100), "the server carries on");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverWholeFramesInSequenceThenAnErrorWhenAGameConnectionIsReset(final SocketModel model)
        throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(model, GameOptions.parse("--tick-hz", "50")))
        {
            try (FaultProxy proxy = FaultProxy.start(fixture.address(), Faults.NONE.withResetToClientAfter(GAME_RESET_AFTER_BYTES));
                GameTestClient player = new GameTestClient(proxy.address()))
            {
                player.hello("player").expect(GameProtocol.WELCOME);
                player.join(1).expect(GameProtocol.JOINED);
                final StateDecoder state = new StateDecoder();
                long lastTick = -1;
                int states = 0;
                IOException ending = null;
                while (null == ending)
                {
                    try
                    {
                        final GameTestClient.Frame frame = player.next();
                        assertEquals(GameProtocol.STATE, frame.type());
                        assertTrue(state.wrap(frame.buffer(), 0, frame.length()).isWellFormed());
                        assertTrue(lastTick < 0 || state.tick() == lastTick + 1, "tick " + state.tick() + " after " + lastTick);
                        lastTick = state.tick();
                        states++;
                    }
                    catch (final IOException ex)
                    {
                        ending = ex;
                    }
                }
                assertTrue(states > 0, "STATEs before the reset");
                assertTrue(!(ending instanceof EOFException), "a reset ends in an error, not an orderly EOF: " + ending);
            }
            fixture.awaitMetrics(metrics -> metrics.connections() == 0);
        }
    }

    /**
     * Reads until every chat and a few ticks have arrived, checking that chats arrive in their order and STATE ticks follow each
     * other without a gap. @return {chats, states} seen.
     */
    private static int[] receiveChatsAndStates(final GameTestClient receiver) throws IOException
    {
        final ChatDecoder chat = new ChatDecoder();
        final StateDecoder state = new StateDecoder();
        int chats = 0;
        int states = 0;
        long lastTick = -1;
        while (chats < CHATS || states < MIN_STATES)
        {
            final GameTestClient.Frame frame = receiver.next();
            if (frame.type() == GameProtocol.CHAT)
            {
                assertTrue(chat.wrap(frame.buffer(), 0, frame.length()).isWellFormed());
                assertEquals(chats, chat.clientTimeNs(), "the next chat");
                assertEquals("chat " + chats, chat.text());
                chats++;
            }
            else if (frame.type() == GameProtocol.STATE)
            {
                assertTrue(state.wrap(frame.buffer(), 0, frame.length()).isWellFormed());
                assertTrue(lastTick < 0 || state.tick() == lastTick + 1, "tick " + state.tick() + " after " + lastTick);
                lastTick = state.tick();
                states++;
            }
        }
        return new int[] {chats, states};
    }

    private static IOException readUntilFailure(final InputStream in, final ByteArrayOutputStream received)
    {
        final byte[] buffer = new byte[4096];
        try
        {
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                received.write(buffer, 0, n);
            }
            return new EOFException("EOF after " + received.size() + " bytes");
        }
        catch (final IOException ex)
        {
            return ex;
        }
    }

    /** @return the error that ended the writes (the reset reached them first), or null when all were taken. */
    private static IOException writeUntilReset(final Socket socket, final byte[] data)
    {
        try
        {
            for (int offset = 0; offset < data.length; offset += 1000)
            {
                socket.getOutputStream().write(data, offset, Math.min(1000, data.length - offset));
            }
            return null;
        }
        catch (final IOException ex)
        {
            return ex;
        }
    }

    private static void writeInChunks(final TestClient client, final byte[] data)
    {
        final Random random = new Random(data.length);
        try
        {
            int position = 0;
            while (position < data.length)
            {
                final int chunk = Math.min(data.length - position, 1 + random.nextInt(4096));
                client.write(data, position, chunk);
                position += chunk;
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static byte[] randomBytes(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
