package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;
import io.tickloop.server.service.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.tickloop.server.TestClients.PING_FRAME_LENGTH;
import static io.tickloop.server.TestClients.pingPong;
import static io.tickloop.server.TestClients.pings;
import static io.tickloop.server.TestClients.readFully;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Quick checks of every socket model against real loopback sockets: ping round trips, echo, a slow consumer
 * cut off, and a shutdown that drains queued replies and leaves no thread behind.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketModelsTest
{
    private final List<Server> servers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private Set<String> baselineThreads;

    @AfterEach
    void after() throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
        for (final Server server : servers)
        {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldAnswerEveryPingInOrderForSeveralClients(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping"));
        final int clients = 8;
        final int pings = 300;
        final ExecutorService executor = Executors.newFixedThreadPool(clients);
        try
        {
            final List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final Socket socket = connect(server);
                results.add(executor.submit(() -> pingPong(socket, pings, 50)));
            }
            for (final Future<?> result : results)
            {
                result.get(20, TimeUnit.SECONDS);
            }
        }
        finally
        {
            executor.shutdownNow();
        }
        final MetricsSnapshot metrics = server.metrics();
        assertEquals((long)clients * pings, metrics.framesIn());
        assertEquals((long)clients * pings, metrics.framesOut());
        assertEquals(clients, metrics.accepted());
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldEchoRandomChunksByteIdentical(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("echo"));
        final Socket socket = connect(server);
        final byte[] sent = new byte[256 * 1024];
        final Random random = new Random(42);
        random.nextBytes(sent);
        final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(socket, sent.length));
        final OutputStream out = socket.getOutputStream();
        int offset = 0;
        while (offset < sent.length)
        {
            final int length = Math.min(sent.length - offset, 1 + random.nextInt(9000));
            out.write(sent, offset, length);
            offset += length;
        }
        assertArrayEquals(sent, received.get(20, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffASlowConsumerWhileServingOthers(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping").sendQueueBytes(64 * 1024));
        final Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(server.localAddress());
        sockets.add(slow);
        final Socket fast = connect(server);
        final byte[] batch = pings(64, 4096, 0);
        final OutputStream out = slow.getOutputStream();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try
        {
            while (server.metrics().closes(CloseReason.SLOW_CONSUMER) == 0 && System.nanoTime() < deadlineNs)
            {
                out.write(batch);
                pingPong(fast, 10, 10);
            }
        }
        catch (final IOException expected)
        {
            // the server closed the slow client while it was still writing
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> server.metrics().closes(CloseReason.SLOW_CONSUMER) == 1 && server.metrics().connections() == 1);
        pingPong(fast, 100, 20);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverQueuedRepliesOnShutdownAndStopEveryThread(final SocketModel model) throws Exception
    {
        baselineThreads = tickloopThreads();
        final Server server = start(model, config().serviceName("ping").sendQueueBytes(4 * 1024 * 1024));
        final Socket socket = connect(server);
        final int pings = 1000;
        final int frameLength = 1024;
        socket.getOutputStream().write(pings(pings, frameLength, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().framesOut() == pings);

        final CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
        final DataInputStream in = new DataInputStream(socket.getInputStream());
        final byte[] frame = new byte[frameLength];
        for (int i = 0; i < pings; i++)
        {
            in.readFully(frame);
            assertEquals(i, ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(4));
        }
        assertEquals(-1, in.read());
        socket.close();
        closed.get(10, TimeUnit.SECONDS);

        final MetricsSnapshot metrics = server.metrics();
        assertEquals(0, metrics.threads());
        assertEquals(0, metrics.connections());
        assertEquals(1, metrics.closes(CloseReason.SHUTTING_DOWN) + metrics.closes(CloseReason.PEER_CLOSED));
        assertEquals(baselineThreads, tickloopThreads());
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldRefuseConnectionsPastTheLimit(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping").maxConnections(2));
        final Socket first = connect(server);
        final Socket second = connect(server);
        pingPong(first, 1, 1);
        pingPong(second, 1, 1);
        final Socket third = connect(server);
        assertEquals(-1, third.getInputStream().read());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().closes(CloseReason.SERVER_FULL) == 1);
        pingPong(first, 10, 5);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseOnlyTheClientThatSendsAnOversizedFrame(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping"));
        final Socket good = connect(server);
        final Socket bad = connect(server);
        pingPong(good, 5, 5);
        final byte[] header = pings(1, PING_FRAME_LENGTH, 0);
        header[0] = (byte)0xFF;
        header[1] = (byte)0xFF;
        bad.getOutputStream().write(header);
        assertEquals(-1, bad.getInputStream().read());
        await().atMost(Duration.ofSeconds(10))
            .until(() -> server.metrics().closes(CloseReason.FRAME_TOO_LONG) == 1 && server.metrics().connections() == 1);
        pingPong(good, 50, 10);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldLeaveNoSessionAfterAResetOrAMidFrameClose(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping"));
        final Socket reset = connect(server);
        final Socket midFrame = connect(server);
        pingPong(reset, 1, 1);
        pingPong(midFrame, 1, 1);
        final int baselineThreads = server.metrics().threads();
        midFrame.getOutputStream().write(pings(1, PING_FRAME_LENGTH, 0), 0, 7);
        midFrame.close();
        reset.setSoLinger(true, 0);
        reset.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().connections() == 0);
        final MetricsSnapshot metrics = server.metrics();
        assertEquals(2, metrics.closes(CloseReason.PEER_CLOSED) + metrics.closes(CloseReason.IO_ERROR));
        final int perConnection = model == SocketModel.BLOCKING || model == SocketModel.VIRTUAL ? 2 : 0;
        await().atMost(Duration.ofSeconds(10))
            .until(() -> server.metrics().threads() == baselineThreads - 2 * perConnection);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseAConnectionStuckMidFrame(final SocketModel model) throws Exception
    {
        final Server server = start(model, config().serviceName("ping").frameTimeoutMs(300));
        final Socket stuck = connect(server);
        final Socket fine = connect(server);
        stuck.getOutputStream().write(pings(1, PING_FRAME_LENGTH, 0), 0, 10);
        assertEquals(-1, stuck.getInputStream().read());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().closes(CloseReason.FRAME_TIMEOUT) == 1);
        pingPong(fine, 10, 10);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseWithInternalErrorWhenTheServiceThrowsAndServeTheRest(final SocketModel model) throws Exception
    {
        final ServerConfig config = config().serviceName("echo");
        final Service echo = Services.create("echo", config.maxFrameLength());
        final Service failing = new Service()
        {
            @Override
            public String name()
            {
                return "failing-echo";
            }

            @Override
            public ConnectionHandler onOpen(final Connection connection)
            {
                final ConnectionHandler handler = echo.onOpen(connection);
                return (buffer, offset, length) ->
                {
                    if (buffer.getByte(offset) == 'X')
                    {
                        throw new IllegalStateException("a bug in the service, on purpose");
                    }
                    handler.onBytes(buffer, offset, length);
                };
            }
        };
        final Server server = model.create(config, failing);
        servers.add(server);
        server.start();
        final Socket victim = connect(server);
        final Socket other = connect(server);
        victim.getOutputStream().write('X');
        assertEquals(-1, victim.getInputStream().read());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().closes(CloseReason.INTERNAL_ERROR) == 1);
        other.getOutputStream().write(new byte[] {'o', 'k'});
        assertArrayEquals(new byte[] {'o', 'k'}, readFully(other, 2));
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldFailToStartOnAPortInUseAndCloseQuietly(final SocketModel model) throws Exception
    {
        final Server first = start(model, config());
        final ServerConfig taken = config().port(first.localAddress().getPort());
        final Server second = model.create(taken, Services.create(taken.serviceName(), taken.maxFrameLength()));
        assertThrows(IOException.class, second::start);
        second.close();
        pingPong(connect(first), 5, 5);
    }

    private static ServerConfig config()
    {
        return new ServerConfig().port(0).reactors(2).threads(2).shutdownTimeoutMs(5_000).validate();
    }

    private Server start(final SocketModel model, final ServerConfig config) throws IOException
    {
        final Server server = model.create(config, Services.create(config.serviceName(), config.maxFrameLength()));
        servers.add(server);
        server.start();
        return server;
    }

    private Socket connect(final Server server) throws IOException
    {
        final Socket socket = new Socket();
        sockets.add(socket);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", server.localAddress().getPort()));
        return socket;
    }

    private static Set<String> tickloopThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("tickloop-"))
            .collect(Collectors.toSet());
    }
}
