package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import io.tickloop.server.service.PingService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket gateway ({@code --ws-port}) against RFC 6455 and HTTP/1.1: a game played through the JDK's own
 * WebSocket client (an implementation independent of ours) under every socket model, TCP and WebSocket players
 * in one room, and a raw client for each violation the server must answer with a close code or an HTTP status.
 */
class WebSocketGatewayTest
{
    private static ServerFixture gameWithWebSocket(final SocketModel model, final String... serverFlags)
        throws Exception
    {
        final String[] flags = Arrays.copyOf(new String[] {"--ws-port", "0"}, 2 + serverFlags.length);
        System.arraycopy(serverFlags, 0, flags, 2, serverFlags.length);
        return ServerFixture.game(model, GameOptions.parse("--tick-hz", "50"), flags);
    }

    private static byte[] hello(final String name)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION).name(name).frameLength();
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static byte[] join(final int roomId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        return Arrays.copyOf(buffer.byteArray(), new JoinEncoder().wrap(buffer, 0).roomId(roomId).frameLength());
    }

    private static byte[] move(final int inputSeq, final int x, final int y)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        return Arrays.copyOf(buffer.byteArray(), new MoveEncoder().wrap(buffer, 0).inputSeq(inputSeq).position(x, y)
            .clientTimeNs(System.nanoTime()).frameLength());
    }

    /** A JDK WebSocket listener that queues each whole binary message. */
    private static final class Messages implements WebSocket.Listener
    {
        private final LinkedBlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private ByteBuffer partial = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            final ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining());
            partial = joined.put(partial).put(data).flip();
            if (last)
            {
                final byte[] message = new byte[partial.remaining()];
                partial.get(message);
                binary.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed.complete(statusCode);
            return null;
        }

        /** The next message of a type, skipping others (STATE, HEARTBEAT); each is exactly one frame. */
        UnsafeBuffer expect(final int type) throws InterruptedException
        {
            while (true)
            {
                final byte[] message = binary.poll(ServerFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(message, "no " + GameProtocol.name(type) + " arrived");
                final UnsafeBuffer frame = new UnsafeBuffer(message);
                assertEquals(message.length, FrameDescriptor.frameLength(frame, 0), "one message, one whole frame");
                if (FrameDescriptor.frameType(frame, 0) == type)
                {
                    return frame;
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldPlayThroughTheJdkWebSocketClientBesideATcpPlayer(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model);
            GameTestClient tcp = new GameTestClient(fixture.address());
            HttpClient http = HttpClient.newHttpClient()) // closed first: its selector's descriptors are counted
        {
            final Messages messages = new Messages();
            final WebSocket webSocket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.webSocketAddress().getPort() + "/ws"), messages)
                .get(ServerFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            webSocket.sendBinary(ByteBuffer.wrap(hello("browser")), true).join();
            final UnsafeBuffer welcome = messages.expect(GameProtocol.WELCOME);
            final int playerId = new WelcomeDecoder().wrap(welcome, 0, welcome.capacity()).playerId();
            webSocket.sendBinary(ByteBuffer.wrap(join(3)), true).join();
            messages.expect(GameProtocol.JOINED);
            tcp.hello("terminal").expect(GameProtocol.WELCOME);
            tcp.join(3).expect(GameProtocol.JOINED);

            webSocket.sendBinary(ByteBuffer.wrap(move(1, 40, -7)), true).join();
            while (true)
            {
                final GameTestClient.Frame frame = tcp.expect(GameProtocol.STATE);
                final StateDecoder state = new StateDecoder().wrap(frame.buffer(), 0, frame.length());
                final int at = indexOf(state, playerId);
                if (at >= 0 && state.lastInputSeq(at) == 1)
                {
                    assertEquals(40, state.x(at));
                    assertEquals(-7, state.y(at));
                    break;
                }
            }
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            assertEquals(WebSocket.NORMAL_CLOSURE, messages.closed.get(ServerFixture.DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS), "the server answers a close with the same code");
        }
    }

    private static int indexOf(final StateDecoder state, final int playerId)
    {
        for (int i = 0; i < state.count(); i++)
        {
            if (state.playerId(i) == playerId)
            {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldServeThePageTheStatsAndNotFoundOnOneKeptAliveConnection() throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(SocketModel.SELECTOR);
            TestClient client = TestClient.connect(fixture.webSocketAddress()))
        {
            client.write(get("/"));
            final String page = WebSocketTestClient.readResponse(client);
            assertTrue(page.startsWith("HTTP/1.1 200 "), page);
            assertTrue(page.contains("Content-Type: text/html"), page);
            assertTrue(page.contains("<canvas"), "the page draws on a canvas");

            client.write(get("/stats"));
            final String stats = WebSocketTestClient.readResponse(client);
            assertTrue(stats.startsWith("HTTP/1.1 200 ") && stats.contains("application/json"), stats);
            assertTrue(stats.contains("\"tickHz\":50") && stats.contains("\"tickDurationMs\":{\"p50\":"), stats);

            client.write(get("/nothing-here.js"));
            assertTrue(WebSocketTestClient.readResponse(client).startsWith("HTTP/1.1 404 "));
            client.write(get("/../pom.xml"));
            assertTrue(WebSocketTestClient.readResponse(client).startsWith("HTTP/1.1 404 "));
        }
    }

    /**
     * Every model at once, since the wait is the keep-alive's 5 s (plain servers: a fixture checks that no other
     * server's threads are left, so fixtures run one at a time): a connection with no request under way is closed
     * as IDLE_TIMEOUT by each model's housekeeping, under that model's own locking.
     */
    @Test
    void shouldCloseAConnectionIdleBetweenRequestsUnderEveryModel() throws Exception
    {
        final List<Server> servers = new ArrayList<>();
        final List<TestClient> clients = new ArrayList<>();
        try
        {
            for (final SocketModel model : SocketModel.values())
            {
                final ServerConfig config = ServerFixture.config("--ws-port", "0");
                final Server server = model.create(config, new GameService(GameOptions.parse(), config));
                servers.add(server);
                server.start();
                final TestClient client = TestClient.connect(server.webSocketAddress());
                clients.add(client);
                client.write(get("/stats"));
                assertTrue(WebSocketTestClient.readResponse(client).startsWith("HTTP/1.1 200 "));
            }
            final long startNs = System.nanoTime();
            for (int i = 0; i < clients.size(); i++)
            {
                assertTrue(clients.get(i).awaitClosedByServer(), SocketModel.values()[i] + " closed it");
                final Server server = servers.get(i);
                await().atMost(ServerFixture.DEADLINE)
                    .until(() -> server.metrics().closes(CloseReason.IDLE_TIMEOUT) == 1);
            }
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            System.out.println("idle keep-alive connections closed within " + tookMs + " ms of the last response");
            assertTrue(tookMs < 15_000, "took " + tookMs + " ms");
        }
        finally
        {
            for (final TestClient client : clients)
            {
                client.close();
            }
            servers.forEach(Server::close);
        }
    }

    private static byte[] get(final String path)
    {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldAnswerHttpErrorsWithTheirStatusAndClose(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model))
        {
            assertStatusThenClosed(fixture, "NONSENSE\r\n\r\n", 400, CloseReason.MALFORMED_MESSAGE);
            assertStatusThenClosed(fixture, "GET / HTTP/1.1\r\n\r\n", 400, CloseReason.MALFORMED_MESSAGE); // no Host
            assertStatusThenClosed(fixture, "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400,
                CloseReason.MALFORMED_MESSAGE);
            assertStatusThenClosed(fixture, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405,
                CloseReason.UNEXPECTED_MESSAGE);
            assertStatusThenClosed(fixture, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n",
                431, CloseReason.FRAME_TOO_LONG);
            assertStatusThenClosed(fixture, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: " +
                "Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n", 400,
                CloseReason.MALFORMED_MESSAGE);
            assertStatusThenClosed(fixture, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: " +
                "Upgrade\r\nSec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", 426,
                CloseReason.UNEXPECTED_MESSAGE);
        }
    }

    private static void assertStatusThenClosed(final ServerFixture fixture, final String request, final int status,
        final CloseReason counted) throws Exception
    {
        final long before = fixture.metrics().closes(counted);
        try (TestClient client = TestClient.connect(fixture.webSocketAddress()))
        {
            client.write(request.getBytes(StandardCharsets.US_ASCII));
            final String response = WebSocketTestClient.readResponse(client);
            assertTrue(response.startsWith("HTTP/1.1 " + status + " "), request + " -> " + response);
            assertTrue(client.awaitClosedByServer(), "closed after " + status);
        }
        fixture.awaitMetrics(metrics -> metrics.closes(counted) == before + 1);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseARequestHeadNotCompleteWithinTheFrameTimeout(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model, "--frame-timeout", "300ms");
            TestClient client = TestClient.connect(fixture.webSocketAddress()))
        {
            client.write("GET / HTTP/1.1\r\nHost: slow".getBytes(StandardCharsets.US_ASCII));
            final long startNs = System.nanoTime();
            assertTrue(client.awaitClosedByServer());
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            System.out.println("an incomplete request head was closed after " + tookMs + " ms (frame timeout 300 ms)");
            assertTrue(tookMs >= 250 && tookMs < 5_000, "closed after " + tookMs + " ms");
            assertEquals(1, fixture.metrics().closes(CloseReason.FRAME_TIMEOUT));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldAnswerAPingAndReassembleAFragmentedMessage(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model);
            WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            client.send(0x89, "are you there".getBytes(StandardCharsets.US_ASCII), true);
            final WebSocketTestClient.Frame pong = client.read();
            assertEquals(0xA, pong.opcode());
            assertArrayEquals("are you there".getBytes(StandardCharsets.US_ASCII), pong.payload());

            final byte[] hello = hello("fragments");
            client.send(0x02, Arrays.copyOfRange(hello, 0, 3), true); // binary, not final
            client.send(0x89, new byte[0], true); // a ping between fragments is allowed
            client.send(0x00, Arrays.copyOfRange(hello, 3, 7), true);
            client.send(0x80, Arrays.copyOfRange(hello, 7, hello.length), true);
            assertEquals(0xA, client.read().opcode());
            final WebSocketTestClient.Frame welcome = client.read();
            assertEquals(0x2, welcome.opcode());
            assertEquals(GameProtocol.WELCOME, FrameDescriptor.frameType(new UnsafeBuffer(welcome.payload()), 0));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseWithTheCodeForEachViolation(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model))
        {
            final byte[] hello = hello("v");
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x82, hello, false)); // not masked
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0xC2, hello, true)); // RSV1 without extension
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x83, hello, true)); // reserved opcode
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x8B, new byte[0], true)); // reserved control
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x80, hello, true)); // continuation of nothing
            assertCloseCode(fixture, 1002, concat(WebSocketTestClient.frame(0x02, hello, true),
                WebSocketTestClient.frame(0x82, hello, true))); // a new message inside one
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x09, new byte[0], true)); // fragmented ping
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x89, new byte[126], true)); // ping over 125
            assertCloseCode(fixture, 1009, WebSocketTestClient.frame(0x82, new byte[5000], true)); // over --max-frame
            assertCloseCode(fixture, 1009, concat(WebSocketTestClient.frame(0x02, new byte[3000], true),
                WebSocketTestClient.frame(0x80, new byte[3000], true))); // fragments that pass it together
            assertCloseCode(fixture, 1007, WebSocketTestClient.frame(0x81, new byte[] {'o', (byte)0xC0, 'k'}, true));
            assertCloseCode(fixture, 1007, concat(WebSocketTestClient.frame(0x01, new byte[] {(byte)0xE2, (byte)0x82},
                true), WebSocketTestClient.frame(0x80, new byte[] {'x'}, true))); // split, then broken
            assertCloseCode(fixture, 1003, WebSocketTestClient.frame(0x81, "héllo".getBytes(StandardCharsets.UTF_8),
                true)); // valid text: the game is binary
            assertCloseCode(fixture, 1008, WebSocketTestClient.frame(0x82, Arrays.copyOf(hello, 5), true)); // half
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x88, new byte[] {3}, true)); // close of 1 byte
            assertCloseCode(fixture, 1002, WebSocketTestClient.frame(0x88, new byte[] {0x03, (byte)0xED}, true));
            assertCloseCode(fixture, 1007, WebSocketTestClient.frame(0x88, new byte[] {0x03, (byte)0xE8,
                (byte)0xFF}, true)); // 1000, reason not UTF-8
            assertCloseCode(fixture, 1008, WebSocketTestClient.frame(0x82, move(1, 0, 0), true)); // MOVE before HELLO
        }
    }

    private static void assertCloseCode(final ServerFixture fixture, final int code, final byte[] bytes)
        throws Exception
    {
        try (WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            client.write(bytes);
            assertEquals(code, client.expectClose(), "close code for " + WebSocketTestClient.class.getSimpleName() +
                " bytes " + TestClient.describe(bytes));
        }
    }

    private static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffAPingFloodAsAFrameFlood(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(model, "--max-frames-per-second", "50");
            WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            final byte[] ping = WebSocketTestClient.frame(0x89, new byte[] {1}, true);
            final byte[] pings = new byte[ping.length * 200];
            for (int i = 0; i < 200; i++)
            {
                System.arraycopy(ping, 0, pings, i * ping.length, ping.length);
            }
            client.write(pings);
            assertEquals(1008, client.expectClose(), "FLOODING is a protocol error: 1008 after the KICK");
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.FLOODING) == 1);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldSayByeThenGoingAwayWhenTheServerStops(final SocketModel model) throws Exception
    {
        final ServerFixture fixture = gameWithWebSocket(model);
        final Thread closer = new Thread(fixture::close);
        try (WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            client.sendBinary(hello("leaving"));
            client.sendBinary(join(4));
            while (frameType(client.read()) != GameProtocol.JOINED)
            {
                continue;
            }
            closer.start();
            WebSocketTestClient.Frame frame;
            do
            {
                frame = client.read();
            }
            while (frame.opcode() == 0x2 && frameType(frame) != GameProtocol.BYE);
            assertEquals(GameProtocol.BYE, frameType(frame), "BYE SHUTTING_DOWN, as a message");
            final WebSocketTestClient.Frame close = client.read();
            assertEquals(0x8, close.opcode(), "then a close frame");
            assertEquals(1001, close.closeCode(), "going away");
        }
        finally
        {
            closer.join(ServerFixture.DEADLINE.toMillis());
            fixture.close();
        }
    }

    private static int frameType(final WebSocketTestClient.Frame frame)
    {
        return frame.opcode() == 0x2 ? FrameDescriptor.frameType(new UnsafeBuffer(frame.payload()), 0) : -1;
    }

    @Test
    void shouldCarryThePingServiceToo() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(SocketModel.REACTORS,
            config -> new PingService(config.maxFrameLength()), "--ws-port", "0");
            WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            final byte[] pings = TestClient.pings(1, 3, 64);
            client.sendBinary(pings); // three frames in one message: whole frames, so accepted
            final byte[] pongs = TestClient.pongsFor(pings);
            for (int i = 0; i < 3; i++)
            {
                final WebSocketTestClient.Frame pong = client.read();
                assertEquals(0x2, pong.opcode());
                assertArrayEquals(Arrays.copyOfRange(pongs, i * 64, (i + 1) * 64), pong.payload(),
                    "one PONG a message");
            }
        }
    }

    /**
     * Random frames (any first byte, masked or not, any length form) and raw garbage, after the upgrade and
     * before it: the gateway may close any of them, but never fails (no INTERNAL_ERROR, which a thrown exception
     * would be), and a player connecting afterwards plays.
     */
    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldSurviveRandomBytesBeforeAndAfterTheUpgrade(final SocketModel model) throws Exception
    {
        final java.util.Random random = new java.util.Random(14);
        try (ServerFixture fixture = gameWithWebSocket(model))
        {
            for (int i = 0; i < 60; i++)
            {
                final byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                if (i % 4 == 0)
                {
                    try (TestClient client = TestClient.connect(fixture.webSocketAddress()))
                    {
                        client.write(garbage);
                    }
                    continue;
                }
                try (WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
                {
                    for (int frames = 0; frames < 1 + random.nextInt(6); frames++)
                    {
                        // mostly frames a correct client could send (FIN or not, a real opcode), with a game HELLO
                        // or random bytes inside; now and then any first byte at all
                        final int opcode = new int[] {0x0, 0x1, 0x2, 0x2, 0x8, 0x9, 0xA}[random.nextInt(7)];
                        final int firstByte = random.nextInt(5) == 0 ? random.nextInt(256) :
                            (random.nextInt(3) == 0 ? 0 : 0x80) | opcode;
                        final byte[] payload = random.nextBoolean() ? hello("n" + i) :
                            Arrays.copyOf(garbage, random.nextInt(Math.min(garbage.length, 130) + 1));
                        client.write(i % 7 == 0 ? garbage :
                            WebSocketTestClient.frame(firstByte, payload, random.nextInt(10) != 0));
                    }
                }
                catch (final java.io.IOException closedWhileWriting)
                {
                    // the server may cut a client off while it writes: that is allowed, failing is not
                }
            }
            try (WebSocketTestClient player = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
            {
                player.sendBinary(hello("after-the-noise"));
                assertEquals(GameProtocol.WELCOME, frameType(player.read()));
            }
            System.out.println(model + " after 60 noisy clients: " + fixture.metrics().closesSummary());
            assertEquals(0, fixture.metrics().closes(CloseReason.INTERNAL_ERROR), "the gateway never failed");
        }
    }

    @Test
    void shouldAnswerAClientCloseWithItsCode() throws Exception
    {
        try (ServerFixture fixture = gameWithWebSocket(SocketModel.SELECTOR);
            WebSocketTestClient client = WebSocketTestClient.upgrade(fixture.webSocketAddress()))
        {
            client.send(0x88, new byte[] {0x0F, (byte)0xA0, 'b', 'y', 'e'}, true); // 4000, "bye"
            final WebSocketTestClient.Frame close = client.read();
            assertEquals(0x8, close.opcode());
            assertEquals(4000, close.closeCode());
        }
    }
}
