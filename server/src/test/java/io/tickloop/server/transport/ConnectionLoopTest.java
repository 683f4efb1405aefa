package io.tickloop.server.transport;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.polling.PollingLoop;
import io.tickloop.server.selector.SelectorLoop;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.EchoService;
import io.tickloop.server.service.PingService;
import io.tickloop.server.service.Service;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The loop core under both of its models, driven turn by turn on the test thread ({@code doWork()}) against
 * real loopback sockets: nothing sleeps, every wait is a loop turn with a deadline.
 */
class ConnectionLoopTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    enum Model
    {
        SELECTOR, POLLING;

        ConnectionLoop create(final ServerConfig config, final Service service, final ServerCounters counters,
            final ServerSocketChannel listener) throws IOException
        {
            return this == SELECTOR ?
                new SelectorLoop(config, service, counters, new AtomicLong(), List.of(listener), null) :
                new PollingLoop(config, service, counters, List.of(listener));
        }
    }

    private final ServerCounters counters = new ServerCounters();
    private final List<SocketChannel> clients = new ArrayList<>();
    private ServerSocketChannel listener;
    private ConnectionLoop loop;

    @AfterEach
    void closeEverything() throws IOException
    {
        for (final SocketChannel client : clients)
        {
            client.close();
        }
        if (null != loop)
        {
            loop.close();
        }
        if (null != listener)
        {
            listener.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldAcceptAndAnswerEveryPingAcrossTurns(final Model model) throws IOException
    {
        start(model, new PingService(4096));
        final SocketChannel client = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 1, "the connection to be accepted");

        final ByteBuffer pings = ByteBuffer.allocate(10 * 32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 10; i++)
        {
            pings.putShort((short)32).putShort((short)1).putLong(i).putLong(i * 7L).put(new byte[12]);
        }
        pings.flip();
        final byte[] expected = pings.array().clone();
        for (int i = 0; i < 10; i++)
        {
            expected[i * 32 + 2] = 2; // PONG: the same frame, type 2
        }
        client.write(pings);
        assertArrayEquals(expected, readExactly(client, expected.length));
        assertEquals(1, counters.snapshot(0).connections());
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldKeepWhatAPartialWriteLeavesAndDeliverEveryByteInOrder(final Model model) throws IOException
    {
        start(model, new EchoService(), "--send-queue-bytes", "16m");
        final SocketChannel client = connect(4096);
        final byte[] sent = new byte[6 * 1024 * 1024];
        for (int i = 0; i < sent.length; i++)
        {
            sent[i] = (byte)(i * 31 + (i >>> 11));
        }
        final ByteBuffer out = ByteBuffer.wrap(sent);
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (out.hasRemaining())
        {
            client.write(out);
            loop.doWork();
            assertTrue(System.nanoTime() - deadlineNs < 0, "only " + out.position() + " bytes sent in time");
        }
        final long echoedWhileTheClientDidNotRead = counters.snapshot(0).bytesOut();
        assertTrue(echoedWhileTheClientDidNotRead < sent.length,
            "the kernel took only part of the echo: the rest waits in the outbound buffer (" +
            echoedWhileTheClientDidNotRead + " bytes written)");

        assertArrayEquals(sent, readExactly(client, sent.length));
        assertEquals(1, counters.snapshot(0).connections(), "the connection stays open");
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldCloseAConnectionLeftMidFrameOnceTheFrameTimeoutPasses(final Model model) throws IOException
    {
        start(model, new PingService(4096), "--frame-timeout", "50ms");
        final SocketChannel stuck = connect(64 * 1024);
        final SocketChannel idle = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 2, "both connections to be accepted");

        stuck.write(ByteBuffer.wrap(new byte[]{32, 0, 1}));
        turnUntil(() -> counters.closes(CloseReason.FRAME_TIMEOUT) == 1, "the frame timeout");

        assertEquals(1, loop.sessionCount(), "a connection with no partial frame is not timed out");
        assertTrue(readsEndOfStream(stuck));
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldRefuseAConnectionPastTheLimitAndServeTheOthers(final Model model) throws IOException
    {
        start(model, new EchoService(), "--max-connections", "1");
        final SocketChannel first = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 1, "the first connection to be accepted");
        final SocketChannel second = connect(64 * 1024);
        turnUntil(() -> counters.closes(CloseReason.SERVER_FULL) == 1, "the second connection to be refused");

        assertTrue(readsEndOfStream(second));
        first.write(ByteBuffer.wrap(new byte[]{1, 2, 3}));
        assertArrayEquals(new byte[]{1, 2, 3}, readExactly(first, 3));
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldCloseOnlyTheConnectionWhoseServiceThrows(final Model model) throws IOException
    {
        final Service echo = new EchoService();
        start(model, new Service()
        {
            @Override
            public String name()
            {
                return "fails-on-x";
            }

            @Override
            public ConnectionHandler onOpen(final io.tickloop.server.service.Connection connection)
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
        });
        final SocketChannel victim = connect(64 * 1024);
        final SocketChannel other = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 2, "both connections to be accepted");

        victim.write(ByteBuffer.wrap(new byte[]{'X'}));
        turnUntil(() -> counters.closes(CloseReason.INTERNAL_ERROR) == 1, "the failing connection to be closed");
        other.write(ByteBuffer.wrap(new byte[]{'o', 'k'}));
        assertArrayEquals(new byte[]{'o', 'k'}, readExactly(other, 2));
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldSurviveAServiceClosingOtherConnectionsReadyInTheSameTurn(final Model model)
        throws IOException
    {
        // a service may cut off other connections while handling this one (a broadcast past send-queue bounds);
        // when they are ready in the same turn, the loop must pass over them and go on serving
        final List<io.tickloop.server.service.Connection> open = new ArrayList<>();
        final Service echo = new EchoService();
        start(model, new Service()
        {
            @Override
            public String name()
            {
                return "closes-the-others-on-k";
            }

            @Override
            public ConnectionHandler onOpen(final io.tickloop.server.service.Connection connection)
            {
                open.add(connection);
                final ConnectionHandler handler = echo.onOpen(connection);
                return (buffer, offset, length) ->
                {
                    if (buffer.getByte(offset) == 'K')
                    {
                        open.stream().filter(other -> other != connection).forEach(
                            other -> other.close(CloseReason.SLOW_CONSUMER));
                    }
                    handler.onBytes(buffer, offset, length);
                };
            }
        });
        for (int round = 1; round <= 20; round++)
        {
            open.clear();
            final SocketChannel first = connect(64 * 1024);
            final SocketChannel second = connect(64 * 1024);
            final SocketChannel killer = connect(64 * 1024); // accepted last: polled first by the polling loop
            turnUntil(() -> loop.sessionCount() == 3, "three connections to be accepted");
            killer.write(ByteBuffer.wrap(new byte[]{'K'}));
            first.write(ByteBuffer.wrap(new byte[]{'1'}));
            second.write(ByteBuffer.wrap(new byte[]{'2'}));
            final long closedBefore = 2L * (round - 1);
            turnUntil(() -> counters.closes(CloseReason.SLOW_CONSUMER) == closedBefore + 2, "both others cut off");
            assertArrayEquals(new byte[]{'K'}, readExactly(killer, 1));
            killer.close();
            turnUntil(() -> loop.sessionCount() == 0, "the killer's close");
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldFlushQueuedRepliesThenHalfCloseAndStopOnceTheClientCloses(final Model model) throws IOException
    {
        start(model, new EchoService());
        final SocketChannel client = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 1, "the connection to be accepted");
        final byte[] request = new byte[100_000];
        for (int i = 0; i < request.length; i++)
        {
            request[i] = (byte)i;
        }
        final ByteBuffer out = ByteBuffer.wrap(request);
        while (out.hasRemaining())
        {
            client.write(out);
            loop.doWork();
        }
        loop.requestShutdown();

        assertArrayEquals(request, readExactly(client, request.length));
        assertTrue(readsEndOfStream(client), "the server half-closes once its replies are flushed");
        assertTrue(!loop.isStopped(), "the loop waits for the client's end of the stream");
        client.close();
        turnUntil(loop::isStopped, "the loop to stop once every connection closed");
        assertEquals(1, counters.closes(CloseReason.SHUTTING_DOWN));
        assertTrue(!listener.isOpen(), "the drain stops accepting");
    }

    @Test
    void shouldKeepTurningAndServingWhenItsAgentThrows() throws IOException
    {
        final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        final io.tickloop.server.service.LoopAgent failingTwice = nowNs ->
        {
            if (runs.incrementAndGet() <= 2)
            {
                throw new IllegalStateException("a bug in the agent");
            }
            return nowNs + TimeUnit.MILLISECONDS.toNanos(1);
        };
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        loop = new SelectorLoop(ServerOptions.parse(), new PingService(4096), counters, new AtomicLong(), List.of(listener),
            failingTwice);
        final SocketChannel client = connect(64 * 1024);
        turnUntil(() -> runs.get() >= 4, "the agent to run again after failing twice");
        turnUntil(() -> loop.sessionCount() == 1, "the connection to be accepted");
        final ByteBuffer ping = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        ping.putShort((short)32).putShort((short)1).putLong(1).putLong(2).put(new byte[12]).flip();
        final byte[] expected = ping.array().clone();
        expected[2] = 2;
        client.write(ping);
        assertArrayEquals(expected, readExactly(client, expected.length));
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldHandleAtMostItsFrameBudgetPerConnectionPerTurn(final Model model) throws IOException
    {
        final AtomicLong framesHandled = new AtomicLong();
        final Service headersOnly = new Service()
        {
            @Override
            public String name()
            {
                return "headers-only";
            }

            @Override
            public ConnectionHandler onOpen(final io.tickloop.server.service.Connection connection)
            {
                final FrameReader reader = new FrameReader(4096);
                final FrameHandler countFrame = (type, buffer, offset, length) -> framesHandled.incrementAndGet();
                return new ConnectionHandler()
                {
                    @Override
                    public void onBytes(final DirectBuffer buffer, final int offset, final int length)
                    {
                        reader.onBytes(buffer, offset, length, countFrame);
                    }

                    @Override
                    public long framesIn()
                    {
                        return reader.framesRead();
                    }
                };
            }
        };
        start(model, headersOnly, "--max-frames-per-second", "0");
        final SocketChannel client = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 1, "the connection to be accepted");

        final int frames = 16_384; // 64 KiB of 4-byte frames: one read held them all before the budget
        final ByteBuffer flood = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (flood.hasRemaining())
        {
            flood.putShort((short)4).putShort((short)99);
        }
        flood.flip();
        int turns = 0;
        long mostInOneTurn = 0;
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (framesHandled.get() < frames)
        {
            client.write(flood);
            final long before = framesHandled.get();
            loop.doWork();
            mostInOneTurn = Math.max(mostInOneTurn, framesHandled.get() - before);
            turns++;
            assertTrue(System.nanoTime() - deadlineNs < 0, "only " + framesHandled.get() + " frames in time");
        }
        System.out.printf("%s: %d frames in %d turns, at most %d in one; %d frame budget hits%n", model, frames,
            turns, mostInOneTurn, counters.snapshot(0).frameBudgetHits());
        assertTrue(mostInOneTurn <= 1_025, "frames in one turn: " + mostInOneTurn);
        assertTrue(counters.snapshot(0).frameBudgetHits() > 0, "the budget stopped a turn's reads");
    }

    /**
     * A world thread checks its outbox bound with {@code queuedBytes()} while the loop writes (reactors, polling).
     * Read from the loop's plain fields, a compiled spin on another thread may never see the flush (the load is
     * hoisted out of the loop); through the session's published copy it does.
     */
    @ParameterizedTest
    @EnumSource(Model.class)
    void shouldShowAnotherThreadTheQueuedBytesTheLoopHasWritten(final Model model) throws Exception
    {
        start(model, new EchoService());
        final SocketChannel client = connect(64 * 1024);
        turnUntil(() -> loop.sessionCount() == 1, "the connection to be accepted");
        final LoopSession connection = loop.session(0);
        connection.send(new UnsafeBuffer(new byte[64]), 0, 64);
        assertEquals(64, connection.queuedBytes());

        final AtomicLong spins = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            long count = 0;
            while (connection.queuedBytes() != 0)
            {
                count++;
            }
            spins.set(count);
        }, "queued-bytes-reader");
        reader.setDaemon(true); // without the fix it may spin until the JVM exits
        reader.start();
        final long warmUpEndNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() - warmUpEndNs < 0)
        {
            Thread.onSpinWait(); // the loop does not turn: the reader's spin gets compiled meanwhile
        }

        turnUntil(() -> connection.outbound().isEmpty(), "the flush");
        readExactly(client, 64);
        reader.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(reader.isAlive(), "the other thread never saw the queue drained");
        System.out.printf("%s: the other thread saw 0 queued bytes after %,d spins%n", model, spins.get());
    }

    private void start(final Model model, final Service service, final String... flags) throws IOException
    {
        final ServerConfig config = ServerOptions.parse(flags);
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        loop = model.create(config, service, counters, listener);
    }

    private SocketChannel connect(final int receiveBufferBytes) throws IOException
    {
        final SocketChannel client = SocketChannel.open();
        clients.add(client);
        client.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        client.connect(listener.getLocalAddress());
        client.configureBlocking(false);
        return client;
    }

    private byte[] readExactly(final SocketChannel client, final int length) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(length);
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (in.hasRemaining())
        {
            final int read = client.read(in);
            if (read < 0)
            {
                fail("end of stream after " + in.position() + " of " + length + " bytes");
            }
            if (read == 0)
            {
                loop.doWork();
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, "only " + in.position() + " of " + length + " bytes in time");
        }
        return in.array();
    }

    private boolean readsEndOfStream(final SocketChannel client) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(FrameDescriptor.HEADER_LENGTH);
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (System.nanoTime() - deadlineNs < 0)
        {
            loop.doWork();
            in.clear();
            final int read = client.read(in);
            if (read < 0)
            {
                return true;
            }
            if (read > 0)
            {
                return false;
            }
        }
        return false;
    }

    private void turnUntil(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            loop.doWork();
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
        }
    }
}
