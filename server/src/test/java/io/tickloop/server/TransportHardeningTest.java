package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.PingService;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.DirectBuffers;
import io.tickloop.server.transport.OutboundBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.ReasonDecoder;
import io.tickloop.protocol.game.ReasonEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.tickloop.server.command.ServerCommand;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.tickloop.server.TestClient.pings;
import static io.tickloop.server.TestClient.pongsFor;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The transport's defenses (issue 12, docs/reliability.md "Transport"), each parameterized over every model
 * where it applies: what a hostile or broken client, or the machine running out of a resource, may cost.
 */
class TransportHardeningTest
{
    /**
     * What a flooder kept on a core of its own may add to a good client's p99, generously: its turns (1,024 frames,
     * ~0.1-0.3 ms each) go first by design, and a scheduler hiccup on a 2-core machine adds as much again (a full
     * run saw 557 us beside it against 54 us quiet). A loop without the per-turn budget reads the flooder's socket
     * until it is empty and leaves the others waiting far longer.
     */
    private static final long PINNED_FLOOD_ALLOWANCE_NS = 2_000_000L;
    private static final int PING_LENGTH = 32;

    @AfterEach
    void stopInjecting()
    {
        DirectBuffers.failNextAllocations(0);
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"BLOCKING", "VIRTUAL", "ASYNC"})
    void shouldCloseAConnectionWithoutMemoryForItsReadBufferAndServeOn(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING))
        {
            final int baselineThreads = fixture.metrics().threads();
            DirectBuffers.failNextAllocations(1);
            try (TestClient starved = TestClient.connect(fixture.address()))
            {
                assertTrue(starved.awaitClosedByServer(), "the connection without a read buffer is closed");
            }
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0 &&
                m.closes(CloseReason.INTERNAL_ERROR) == 1 && m.threads() == baselineThreads);
            assertEquals(1, metrics.allocationFailures());

            try (TestClient next = TestClient.connect(fixture.address()))
            {
                assertRoundTrip(next, 1); // accepting goes on
            }
        }
    }

    /**
     * A service that queues its own last frame and then closes, in one call (the game's KICK and the close the world
     * hands over together when the owning thread is behind): the frame reaches the client before EOF under every
     * model. The loop models freed the buffer unsent; the queued ones closed the channel under the writer.
     */
    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverAKickTheServiceQueuedJustBeforeItsOwnCloseBeforeEof(final SocketModel model) throws Exception
    {
        final UnsafeBuffer kick = new UnsafeBuffer(new byte[64]);
        final int kickLength = new ReasonEncoder().wrap(kick, 0, GameProtocol.KICK)
            .reason(CloseReason.UNEXPECTED_MESSAGE).frameLength();
        final UnsafeBuffer before = new UnsafeBuffer(new byte[1024]); // queued ahead of it, so a writer is busy
        final Service kicksOnK = new Service()
        {
            @Override
            public String name()
            {
                return "kicks-on-k";
            }

            @Override
            public ConnectionHandler onOpen(final Connection connection)
            {
                return (buffer, offset, length) ->
                {
                    connection.send(before, 0, before.capacity());
                    connection.send(kick, 0, kickLength);
                    connection.close(CloseReason.UNEXPECTED_MESSAGE);
                };
            }
        };
        try (ServerFixture fixture = new ServerFixture(model, config -> kicksOnK))
        {
            for (int i = 0; i < 20; i++)
            {
                try (TestClient client = TestClient.connect(fixture.address()))
                {
                    client.write(new byte[]{'K'});
                    client.readExactly(before.capacity());
                    final byte[] received = client.readExactly(kickLength);
                    final ReasonDecoder decoder = new ReasonDecoder().wrap(new UnsafeBuffer(received), 0, kickLength);
                    assertEquals(CloseReason.UNEXPECTED_MESSAGE, decoder.reason(), "connection " + i);
                    assertTrue(client.awaitClosedByServer(), "then EOF");
                }
            }
            fixture.awaitMetrics(m -> m.connections() == 0 && m.closes(CloseReason.UNEXPECTED_MESSAGE) == 20);
        }
    }

    /**
     * A frame split across reads grows the frame reader's reassembly buffer (64 bytes doubled to 1 KiB here); once
     * no frame was split for a whole housekeeping pass it is given back, under every model (it was kept for the
     * connection's life). The 1 KiB PONG fits the send buffers' first size, so the one shrink counted is the reader's.
     */
    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldGiveBackTheReassemblyBufferOfAConnectionThatStoppedSplittingFrames(final SocketModel model)
        throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient client = TestClient.connect(fixture.address()))
        {
            final byte[] ping = pings(1, 1, 1024);
            client.write(ping, 0, 500);
            fixture.awaitMetrics(m -> m.bytesIn() == 500);
            client.write(ping, 500, ping.length - 500);
            assertArrayEquals(pongsFor(ping), client.readExactly(ping.length));

            final long startNs = System.nanoTime();
            fixture.awaitMetrics(m -> m.buffersShrunk() == 1);
            System.out.printf("%s: the reassembly buffer was given back %d ms after the frame%n", model,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
            assertRoundTrip(client, 2); // and the connection serves on
        }
    }

    /**
     * Direct memory runs out while a send buffer grows (the seam fails the next allocation): only that connection
     * is closed, {@code INTERNAL_ERROR}, counted as an allocation failure, and the thread serving it serves on. It
     * was refused as a slow consumer, uncounted, past the seam.
     */
    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseAConnectionWhoseSendBufferCannotGrowAndServeOn(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient starved = TestClient.connect(fixture.address());
            TestClient neighbour = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(starved, 1); // its buffers are made: the next allocation for it is a growth
            assertRoundTrip(neighbour, 1);
            DirectBuffers.failNextAllocations(1);
            starved.write(pings(2, 1, 4096)); // a 4 KiB PONG: past the send buffer's first 2 KiB

            assertTrue(starved.awaitClosedByServer(), "the connection whose buffer could not grow is closed");
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 1 &&
                m.closes(CloseReason.INTERNAL_ERROR) == 1);
            assertEquals(1, metrics.allocationFailures());
            assertEquals(0, metrics.closes(CloseReason.SLOW_CONSUMER));
            assertRoundTrip(neighbour, 2); // the loop or threads serving it go on
        }
    }

    @Test
    void shouldStopHandingConnectionsToAReactorLoopThatDied() throws Exception
    {
        final Service diesOnX = new FailingOnX(new PingService(4096), "dies-on-x", () ->
        {
            throw new StackOverflowError("an Error no guard catches, on purpose: the loop dies");
        });
        try (ServerFixture fixture = new ServerFixture(SocketModel.REACTORS, config -> diesOnX);
            TestClient killer = TestClient.connect(fixture.address()))
        {
            killer.write(new byte[]{'X'});
            assertTrue(killer.awaitClosedByServer(), "the dead loop closed its connections");
            // awaitility would rethrow the loop thread's Error here: that Error is the test's premise
            await().dontCatchUncaughtExceptions().atMost(ServerFixture.DEADLINE)
                .until(fixture::metrics, m -> m.connections() == 0 && m.threads() == 2); // the acceptor, one loop

            for (int i = 0; i < 6; i++) // round-robin would hand every second one to the dead loop
            {
                try (TestClient client = TestClient.connect(fixture.address()))
                {
                    assertRoundTrip(client, i);
                }
            }
            fixture.awaitMetrics(m -> m.connections() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseASilentClientAtTheIdleTimeoutAndKeepOneThatTalks(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.ECHO, "--idle-timeout", "600ms");
            TestClient silent = TestClient.connect(fixture.address());
            TestClient talking = TestClient.connect(fixture.address()))
        {
            silent.write(new byte[]{1});
            silent.readExactly(1);
            final long startNs = System.nanoTime();
            long closedAfterMs = -1;
            while (System.nanoTime() - startNs < TimeUnit.MILLISECONDS.toNanos(2_000))
            {
                talking.write(new byte[]{2});
                assertEquals(2, talking.readExactly(1)[0], "the client that talks is served throughout");
                if (closedAfterMs < 0 && fixture.metrics().closes(CloseReason.IDLE_TIMEOUT) == 1)
                {
                    closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                }
                Thread.sleep(50);
            }
            System.out.printf("%s: the silent echo client was closed %d ms after its last byte (timeout 600 ms)%n",
                model, closedAfterMs);
            assertTrue(silent.awaitClosedByServer(), "the silent client is closed");
            assertTrue(closedAfterMs >= 600 && closedAfterMs < 1_600, "closed after " + closedAfterMs + " ms");
            final MetricsSnapshot metrics = fixture.metrics();
            assertEquals(1, metrics.closes(CloseReason.IDLE_TIMEOUT), metrics.closesSummary());
            assertEquals(1, metrics.connections(), metrics.closesSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseASilentPingClientAtTheIdleTimeout(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--idle-timeout", "400ms");
            TestClient silent = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(silent, 1);
            final long startNs = System.nanoTime();
            assertTrue(silent.awaitClosedByServer(), "the silent client is closed");
            final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(closedAfterMs >= 350 && closedAfterMs < 1_400, "closed after " + closedAfterMs + " ms");
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0);
            assertEquals(1, metrics.closes(CloseReason.IDLE_TIMEOUT), metrics.closesSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseTwoHundredSlowlorisClientsAtTheFrameDeadlineWhileAGoodClientIsServed(final SocketModel model)
        throws Exception
    {
        final int attackers = 200;
        final long frameTimeoutMs = 1_000;
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--frame-timeout", frameTimeoutMs + "ms");
            TestClient good = TestClient.connect(fixture.address()))
        {
            final long quietP99Ns = p99RoundTripNs(good, 0, 1_000);
            final List<TestClient> slow = new ArrayList<>();
            final byte[] header = new byte[FrameDescriptor.HEADER_LENGTH];
            FrameDescriptor.putHeader(new UnsafeBuffer(header), 0, 1024, MessageTypes.PING);
            final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try
            {
                for (int i = 0; i < attackers; i++)
                {
                    final TestClient client = TestClient.connect(fixture.address());
                    client.write(header);
                    slow.add(client);
                }
                final long attackStartNs = System.nanoTime();
                trickle.scheduleAtFixedRate(() -> trickleOneByte(slow), 200, 200, TimeUnit.MILLISECONDS);
                final long underAttackP99Ns = p99RoundTripNs(good, 1_000_000, 1_000);

                final MetricsSnapshot metrics = fixture.awaitMetrics(
                    m -> m.closes(CloseReason.FRAME_TIMEOUT) == attackers);
                final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attackStartNs);
                System.out.printf("%s: %d slowloris clients closed within %d ms (frame timeout %d ms); the good " +
                    "client's p99 %d us quiet, %d us under attack%n", model, attackers, closedAfterMs, frameTimeoutMs,
                    quietP99Ns / 1000, underAttackP99Ns / 1000);
                assertTrue(closedAfterMs < frameTimeoutMs + 2_000, "closed by the deadline: " + closedAfterMs);
                assertEquals(1, metrics.connections(), "the good client is never dropped: " + metrics.closesSummary());
                // 2x, with a floor of 10 ms: on two shared cores a p99 of 1,000 round trips is its ten worst
                // scheduler delays (seen: 0.06-0.9 ms quiet, up to 5 ms under polling's own spinning beside 200 peers)
                assertTrue(underAttackP99Ns <= Math.max(2 * quietP99Ns, 10_000_000),
                    "p99 " + underAttackP99Ns / 1000 + " us under attack vs " + quietP99Ns / 1000 + " us quiet");
                assertRoundTrip(good, 7);
            }
            finally
            {
                trickle.shutdownNow();
                for (final TestClient client : slow)
                {
                    client.close();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "ASYNC"})
    void shouldGiveBackTheSendBuffersOfFiveHundredConnectionsThatEachQueuedTwoHundredKibThenWentQuiet(
        final SocketModel model) throws Exception
    {
        final int clients = 500;
        final int burstBytes = 200 * 1024;
        final long perConnectionBound = 8 * 1024;
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.ECHO, "--send-queue-bytes", "4m"))
        {
            final byte[] burst = new byte[burstBytes];
            final List<TestClient> open = new ArrayList<>();
            try
            {
                long peakBytes = 0;
                for (int i = 0; i < clients; i++)
                {
                    final TestClient client = TestClient.connect(fixture.address(), 4096); // reads nothing yet
                    client.write(burst);
                    open.add(client);
                    if (i % 50 == 49)
                    {
                        peakBytes = Math.max(peakBytes, fixture.metrics().bufferBytes());
                    }
                }
                fixture.awaitMetrics(m -> m.bytesIn() == (long)clients * burstBytes);
                peakBytes = Math.max(peakBytes, fixture.metrics().bufferBytes());
                for (final TestClient client : open)
                {
                    client.readExactly(burstBytes); // the server's queue drains
                }
                final long drainedNs = System.nanoTime();
                final MetricsSnapshot quiet = fixture.awaitMetrics(
                    m -> m.bufferBytes() < clients * perConnectionBound && m.bytesOut() == (long)clients * burstBytes);
                final long backAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainedNs);
                System.out.printf("%s: %d connections that each queued 200 KiB: send buffers peaked at >= %,d bytes, " +
                    "%,d (%,d each) %d ms after the last was read, %,d shrinks%n", model, clients, peakBytes,
                    quiet.bufferBytes(), quiet.bufferBytes() / clients, backAfterMs, quiet.buffersShrunk());
                assertTrue(peakBytes > clients * perConnectionBound, "the bursts were queued: " + peakBytes);
                assertTrue(quiet.buffersShrunk() >= clients / 2, "shrinks: " + quiet.buffersShrunk());
                assertEquals(clients, quiet.connections(), "nobody was cut off: " + quiet.closesSummary());
            }
            finally
            {
                for (final TestClient client : open)
                {
                    client.close();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "REACTORS", "ASYNC"})
    void shouldCloseAThousandMaximumHeadersWithOneByteAtTheFrameTimeoutWithinTheirBudget(final SocketModel model)
        throws Exception
    {
        final int clients = 1_000;
        final long frameTimeoutMs = 2_000;
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--frame-timeout", frameTimeoutMs + "ms"))
        {
            final byte[] headerAndOneByte = new byte[FrameDescriptor.HEADER_LENGTH + 1];
            FrameDescriptor.putHeader(new UnsafeBuffer(headerAndOneByte), 0, 4096, MessageTypes.PING);
            final List<TestClient> open = new ArrayList<>();
            try
            {
                final long startNs = System.nanoTime();
                for (int i = 0; i < clients; i++)
                {
                    final TestClient client = TestClient.connect(fixture.address());
                    client.write(headerAndOneByte);
                    open.add(client);
                }
                final MetricsSnapshot connected = fixture.awaitMetrics(m -> m.accepted() == clients);
                final MetricsSnapshot metrics = fixture.awaitMetrics(
                    m -> m.closes(CloseReason.FRAME_TIMEOUT) == clients);
                final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                System.out.printf("%s: %,d maximum headers + 1 byte closed within %d ms (frame timeout %d ms); send " +
                    "buffers held %,d bytes while open, %,d after%n", model, clients, closedAfterMs, frameTimeoutMs,
                    connected.bufferBytes(), metrics.bufferBytes());
                assertTrue(closedAfterMs < frameTimeoutMs + 5_000, "closed by the deadline: " + closedAfterMs);
                assertTrue(connected.bufferBytes() <= (long)clients * OutboundBuffer.INITIAL_CAPACITY,
                    "send buffers: " + connected.bufferBytes());
                assertEquals(0, fixture.awaitMetrics(m -> m.bufferBytes() == 0).bufferBytes());
            }
            finally
            {
                for (final TestClient client : open)
                {
                    client.close();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "REACTORS"})
    void shouldSpendUnderTwoPercentOfACoreOnAThousandIdleConnections(final SocketModel model) throws Exception
    {
        final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--idle-timeout", "60s"))
        {
            measureIdleLoopCpu(model, fixture, threadBean);
        }
    }

    private static void measureIdleLoopCpu(final SocketModel model, final ServerFixture fixture,
        final ThreadMXBean threadBean) throws Exception
    {
        final List<TestClient> clients = new ArrayList<>();
        try
        {
            for (int i = 0; i < 1_000; i++)
            {
                clients.add(TestClient.connect(fixture.address()));
            }
            fixture.awaitMetrics(m -> m.connections() == 1_000);
            final long[] loopThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tickloop-selector") || t.getName().startsWith("tickloop-reactor-"))
                .mapToLong(Thread::threadId).toArray();
            assertTrue(loopThreads.length > 0, "found the loop threads");
            final long cpuBeforeNs = cpuNs(threadBean, loopThreads);
            final long startNs = System.nanoTime();
            Thread.sleep(5_000);
            final double share = (double)(cpuNs(threadBean, loopThreads) - cpuBeforeNs) / (System.nanoTime() - startNs);
            System.out.printf("%s: 1,000 idle connections for 5 s cost %.3f%% of a core on the loop threads%n",
                model, share * 100);
            assertTrue(share < 0.02, "loop CPU " + share * 100 + "% of a core");
        }
        finally
        {
            for (final TestClient client : clients)
            {
                client.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseAFlooderAsFloodingAndKeepAClientWithinItsRate(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-frames-per-second", "2000");
            TestClient good = TestClient.connect(fixture.address());
            Flooder flooder = new Flooder(TestClient.connect(fixture.address())))
        {
            flooder.start();
            final long startNs = System.nanoTime();
            for (int i = 0; fixture.metrics().closes(CloseReason.FLOODING) == 0; i++)
            {
                assertRoundTrip(good, i); // about 500 a second: within its allowance
                Thread.sleep(2);
                assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(10), "the flooder is closed");
            }
            System.out.printf("%s: the flooder was closed after %d ms, %d frames in%n", model,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs), fixture.metrics().framesIn());
            for (int i = 0; i < 500; i++) // a further second at its pace: a client within its rate stays
            {
                assertRoundTrip(good, 1_000_000 + i);
                Thread.sleep(2);
            }
            final MetricsSnapshot metrics = fixture.metrics();
            assertEquals(1, metrics.connections(), metrics.closesSummary());
            assertEquals(1, metrics.closes(CloseReason.FLOODING), metrics.closesSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "REACTORS", "POLLING"})
    void shouldKeepOtherClientsP99WithinTwiceWhileAFlooderRuns(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-frames-per-second", "0",
            "--reactors", "1");
            TestClient good = TestClient.connect(fixture.address()))
        {
            final long quietP99Ns = p99RoundTripNs(good, 0, 2_000);
            final long floodP99Ns;
            try (Flooder flooder = new Flooder(TestClient.connect(fixture.address())))
            {
                flooder.start();
                fixture.awaitMetrics(m -> m.framesIn() > 100_000);
                floodP99Ns = p99RoundTripNs(good, 1_000_000, 2_000);
            }
            final MetricsSnapshot metrics = fixture.metrics();
            System.out.printf("%s: the good client's p99 %d us quiet, %d us beside a flooder (%d frames in, %d " +
                "frame budget hits)%n", model, quietP99Ns / 1000, floodP99Ns / 1000, metrics.framesIn(),
                metrics.frameBudgetHits());
            // 2x, with a floor of 10 ms: on two shared cores the flooder's own two threads take the CPU the loop and
            // the good client need (measured: 0.2-1.2 ms quiet, 3.7-4.4 ms beside it), which no server can prevent
            assertTrue(floodP99Ns <= Math.max(2 * quietP99Ns, 10_000_000),
                "p99 " + floodP99Ns / 1000 + " us beside a flooder vs " + quietP99Ns / 1000 + " us quiet");
        }
    }

    /**
     * The same, with the flooder's threads kept on a core of their own ({@code taskset} on their thread ids) and
     * the server's loop and the good client on the other: what the server's per-turn budget gives the others when
     * the flooder cannot take their CPU. Needs two cores and {@code taskset}; skipped otherwise. Measured
     * 2026-11-27: selector 91-224 us quiet, 148-189 us beside it; reactors 33-80 us quiet, 135-161 us beside it.
     */
    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "REACTORS"})
    void shouldKeepOtherClientsP99WithinTwiceWhileAFlooderRunsOnACoreOfItsOwn(final SocketModel model) throws Exception
    {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: nothing to keep the flooder on");
        assumeTrue(ThreadPinning.isAvailable(), "no taskset (util-linux): the flooder cannot be kept on its core");
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-frames-per-second", "0",
            "--reactors", "1");
            TestClient good = TestClient.connect(fixture.address()))
        {
            final long[] p99Ns = new long[2];
            final Thread goodClient = new Thread(() ->
            {
                try
                {
                    ThreadPinning.pin(0, "test-good-clien", "tickloop-select", "tickloop-reacto");
                    p99Ns[0] = p99RoundTripNs(good, 0, 5_000);
                    try (Flooder flooder = new Flooder(TestClient.connect(fixture.address())))
                    {
                        flooder.start();
                        ThreadPinning.pin(1, "test-flood-writ", "test-flood-read");
                        fixture.awaitMetrics(m -> m.framesIn() > 100_000);
                        p99Ns[1] = p99RoundTripNs(good, 1_000_000, 5_000);
                    }
                }
                catch (final Exception ex)
                {
                    throw new AssertionError(ex);
                }
            }, "test-good-client");
            goodClient.start();
            goodClient.join();
            final MetricsSnapshot metrics = fixture.metrics();
            System.out.printf("%s, flooder pinned to a core of its own: the good client's p99 %d us quiet, %d us " +
                "beside a flooder (%d frames in)%n", model, p99Ns[0] / 1000, p99Ns[1] / 1000, metrics.framesIn());
            // 2x, or the allowance above quiet where that is more: a quiet p99 of 30-100 us doubles with any
            // scheduler hiccup
            assertTrue(p99Ns[1] <= Math.max(2 * p99Ns[0], p99Ns[0] + PINNED_FLOOD_ALLOWANCE_NS),
                "p99 " + p99Ns[1] / 1000 + " us vs " + p99Ns[0] / 1000 + " us");
        }
    }

    /**
     * Writes 20-byte PINGs as fast as the socket takes them, and reads (and drops) the replies so that it is
     * never cut off as a slow consumer.
     */
    private static final class Flooder implements AutoCloseable
    {
        private final TestClient client;
        private final Thread writer;
        private final Thread reader;
        private volatile boolean running = true;

        Flooder(final TestClient client)
        {
            this.client = client;
            final byte[] burst = pings(1, 1024, 20);
            this.writer = new Thread(() ->
            {
                try
                {
                    while (running)
                    {
                        client.write(burst);
                    }
                }
                catch (final IOException ex)
                {
                    // closed by the server
                }
            }, "test-flood-writer");
            this.reader = new Thread(() ->
            {
                try
                {
                    client.awaitClosedByServer();
                }
                catch (final IOException ex)
                {
                    // closed
                }
            }, "test-flood-reader");
        }

        void start()
        {
            writer.start();
            reader.start();
        }

        @Override
        public void close() throws IOException
        {
            running = false;
            client.close();
            try
            {
                writer.join(10_000);
                reader.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverEveryQueuedReplyToAClientThatHalfClosesAfterItsFrames(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient client = TestClient.connect(fixture.address()))
        {
            final byte[] stream = pings(1, 2_000, PING_LENGTH); // 64 KB: several reads, replies queued across them
            client.write(stream);
            client.shutdownOutput();

            assertArrayEquals(pongsFor(stream), client.readExactly(stream.length), "every reply before the close");
            assertTrue(client.awaitClosedByServer());
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0);
            assertEquals(1, metrics.closes(CloseReason.PEER_CLOSED), metrics.closesSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldForgetAClientThatResetsMidFrameWithinASecondAndNotSpin(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING))
        {
            final int baselineThreads = fixture.metrics().threads();
            for (int i = 0; i < 20; i++)
            {
                final TestClient resetting = TestClient.connect(fixture.address());
                resetting.write(pings(i, 1, PING_LENGTH), 0, PING_LENGTH / 2);
                resetting.reset();
            }
            final long resetNs = System.nanoTime();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(fixture::metrics, m -> m.connections() == 0 && m.closes(CloseReason.IO_ERROR) +
                    m.closes(CloseReason.PEER_CLOSED) == 20);
            final long goneAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resetNs);
            final long emptyPollsBefore = fixture.metrics().emptyPolls();
            Thread.sleep(1_000);
            final MetricsSnapshot metrics = fixture.metrics();
            final long emptyPolls = metrics.emptyPolls() - emptyPollsBefore;
            System.out.printf("%s: 20 resets mid-frame forgotten after %d ms; %d empty polls in the next second%n",
                model, goneAfterMs, emptyPolls);
            // housekeeping wakes a waiting loop 4 times a second, per loop: a spinning one would show thousands
            assertTrue(emptyPolls <= 20, "empty polls in a quiet second: " + emptyPolls);
            assertEquals(baselineThreads, metrics.threads(), "threads back to where they were");
            try (TestClient next = TestClient.connect(fixture.address()))
            {
                assertRoundTrip(next, 1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseFiveHundredConnectionsPastTheLimitAtOnceAndReturnToBaseline(final SocketModel model)
        throws Exception
    {
        final int limit = 10;
        final int excess = 500;
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-connections", "" + limit))
        {
            final long baselineFds = ServerFixture.openFileDescriptors();
            final int baselineThreads = fixture.metrics().threads();
            final List<Socket> sockets = new ArrayList<>();
            try
            {
                final long startNs = System.nanoTime();
                for (int i = 0; i < limit + excess; i++)
                {
                    final Socket socket = new Socket();
                    socket.connect(fixture.address(), 5_000);
                    sockets.add(socket);
                }
                fixture.awaitMetrics(m -> m.closes(CloseReason.SERVER_FULL) == excess && m.connections() == limit);
                System.out.printf("%s: %d connections past a limit of %d refused within %d ms%n", model, excess,
                    limit, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
                int refused = 0;
                for (final Socket socket : sockets)
                {
                    socket.setSoTimeout(200);
                    try
                    {
                        refused += socket.getInputStream().read() < 0 ? 1 : 0;
                    }
                    catch (final SocketTimeoutException ex)
                    {
                        continue; // one of the connections served
                    }
                    catch (final IOException ex)
                    {
                        refused++;
                    }
                }
                assertEquals(excess, refused, "every connection past the limit is closed");
            }
            finally
            {
                for (final Socket socket : sockets)
                {
                    socket.close();
                }
            }
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0);
            await().atMost(ServerFixture.DEADLINE)
                .until(() -> Math.abs(ServerFixture.openFileDescriptors() - baselineFds) <= 2 &&
                    Math.abs(fixture.metrics().threads() - baselineThreads) <= 2);
            assertEquals(excess, metrics.closes(CloseReason.SERVER_FULL));
            try (TestClient next = TestClient.connect(fixture.address()))
            {
                assertRoundTrip(next, 1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldPauseAcceptingWithoutSpinningWhenOutOfDescriptors(final SocketModel model) throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final Path log = Files.createTempFile("tickloop-emfile", ".log");
        try (ClassPathJars classPath = new ClassPathJars())
        {
            final Process server = startWithFewDescriptors(model, port, classPath, log);
            final List<Socket> sockets = new ArrayList<>();
            boolean passed = false;
            try
            {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("listening="));
                final InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                for (int i = 0; i < 200; i++)
                {
                    final Socket socket = new Socket();
                    sockets.add(socket);
                    socket.connect(address, 5_000);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("accept failed"));
                final long cpuBeforeNs = processCpuNs(server.pid());
                final long startNs = System.nanoTime();
                Thread.sleep(2_000);
                final double share =
                    (double)(processCpuNs(server.pid()) - cpuBeforeNs) / (System.nanoTime() - startNs);
                final long failureLines =
                    Files.readAllLines(log).stream().filter(l -> l.contains("accept failed")).count();
                System.out.printf("%s: out of descriptors, the server used %.1f%% of a core over 2 s and logged %d " +
                    "accept failures%n", model, share * 100, failureLines);
                if (model != SocketModel.POLLING) // polling spins a core whatever happens: that is the model
                {
                    assertTrue(share < 0.25,
                        "the server spins while out of descriptors: " + share * 100 + "% of a core");
                }
                assertTrue(failureLines <= 60, "one line per pause of 100 ms at most: " + failureLines);

                closeAll(sockets);
                try (TestClient client = TestClient.connect(address))
                {
                    assertRoundTrip(client, 1); // accepting resumed
                }
                await().atMost(Duration.ofSeconds(5))
                    .until(() -> Files.readString(log).matches("(?s).*acceptFailures=[1-9].*"));
                passed = true;
            }
            finally
            {
                server.destroyForcibly(); // first, whatever else fails; exec'd, so the shell's pid is the JVM's
                server.waitFor(20, TimeUnit.SECONDS);
                closeAll(sockets);
                if (!passed)
                {
                    System.out.printf("%s: the server's log%n%s%n", model, Files.readString(log));
                }
            }
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }

    /**
     * A server in its own JVM, limited to 128 descriptors, logging at INFO to {@code log}. Its classes come from
     * jars opened at start-up, so that it can still load one when it has no descriptor left.
     */
    private static Process startWithFewDescriptors(
        final SocketModel model, final int port, final ClassPathJars classPath, final Path log) throws IOException
    {
        final String java = ProcessHandle.current().info().command().orElseThrow();
        final String command = "ulimit -n 128; exec '" + java + "' -cp '" + classPath.classPath() +
            "' --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dtickloop.log.level=INFO " +
            ServerCommand.class.getName() + " --model " + model + " --port " + port + " --stats 1s --reactors 2 " +
            "--threads 2 > '" + log + "' 2>&1";
        return new ProcessBuilder("bash", "-c", command).start();
    }

    private static void closeAll(final List<Socket> sockets) throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
        sockets.clear();
    }

    private static long processCpuNs(final long pid) throws IOException
    {
        final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseOnABadFrameLengthFromTheHeaderAloneAndAcceptAFrameOfExactlyTheMaximum(final SocketModel model)
        throws Exception
    {
        // a frame timeout far beyond the test: a close can only come from the header's length
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-frame", "4096",
            "--frame-timeout", "60s"))
        {
            final int[] badLengths = {0, 3, 4097, 65_535};
            for (final int length : badLengths)
            {
                try (TestClient bad = TestClient.connect(fixture.address()))
                {
                    final byte[] header = new byte[FrameDescriptor.HEADER_LENGTH];
                    FrameDescriptor.putHeader(new UnsafeBuffer(header), 0, length, MessageTypes.PING);
                    final long startNs = System.nanoTime();
                    bad.write(header); // the header only: the server must not wait for a body
                    assertTrue(bad.awaitClosedByServer(), "closed for length " + length);
                    final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                    assertTrue(closedAfterMs < 5_000, "length " + length + " closed after " + closedAfterMs + " ms");
                }
            }
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0 &&
                m.closes(CloseReason.FRAME_TOO_SHORT) == 2 && m.closes(CloseReason.FRAME_TOO_LONG) == 2);
            assertEquals(0, metrics.framesIn(), "nothing was dispatched");

            try (TestClient good = TestClient.connect(fixture.address()))
            {
                final byte[] largest = pings(1, 1, 4096);
                good.write(largest);
                assertArrayEquals(pongsFor(largest), good.readExactly(largest.length), "a frame of exactly --max-frame");
            }
            assertEquals(1, fixture.metrics().framesIn());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldRefuseAConnectionPastTheLimitThroughTheServicesNormalClose(final SocketModel model) throws Exception
    {
        final Queue<CloseReason> closesSeen = new ConcurrentLinkedQueue<>();
        final Service ping = new PingService(4096);
        final Service recording = new Service()
        {
            @Override
            public String name()
            {
                return "recording";
            }

            @Override
            public ConnectionHandler onOpen(final Connection connection)
            {
                final ConnectionHandler handler = ping.onOpen(connection);
                return new ConnectionHandler()
                {
                    @Override
                    public void onBytes(final DirectBuffer buffer, final int offset, final int length)
                    {
                        handler.onBytes(buffer, offset, length);
                    }

                    @Override
                    public void onClose(final CloseReason reason)
                    {
                        closesSeen.add(reason);
                    }
                };
            }
        };
        try (ServerFixture fixture = new ServerFixture(model, config -> recording, "--max-connections", "1");
            TestClient first = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(first, 1);
            try (TestClient second = TestClient.connect(fixture.address()))
            {
                assertTrue(second.awaitClosedByServer());
            }
            // the service opened the refused connection and heard why it closed: where its last words would go
            await().atMost(ServerFixture.DEADLINE).until(() -> closesSeen.contains(CloseReason.SERVER_FULL));
            assertEquals(1, closesSeen.size(), closesSeen.toString());
            assertRoundTrip(first, 2);
            assertEquals(1, fixture.metrics().connections());
        }
    }

    private static long cpuNs(final ThreadMXBean threadBean, final long[] threadIds)
    {
        long total = 0;
        for (final long id : threadIds)
        {
            total += Math.max(0, threadBean.getThreadCpuTime(id));
        }
        return total;
    }

    private static void trickleOneByte(final List<TestClient> clients)
    {
        for (final TestClient client : clients)
        {
            try
            {
                client.write(new byte[]{0});
            }
            catch (final IOException ex)
            {
                // closed by the server: that is the point
            }
        }
    }

    /**
     * @return the p99 of {@code count} PING/PONG round trips, one at a time.
     */
    static long p99RoundTripNs(final TestClient client, final long firstSeq, final int count) throws IOException
    {
        final long[] roundTripsNs = new long[count];
        for (int i = 0; i < count; i++)
        {
            final long startNs = System.nanoTime();
            assertRoundTrip(client, firstSeq + i);
            roundTripsNs[i] = System.nanoTime() - startNs;
        }
        Arrays.sort(roundTripsNs);
        return roundTripsNs[(int)(count * 0.99) - 1];
    }

    static void assertRoundTrip(final TestClient client, final long seq) throws IOException
    {
        final byte[] ping = pings(seq, 1, PING_LENGTH);
        client.write(ping);
        assertArrayEquals(pongsFor(ping), client.readExactly(ping.length));
    }
}
