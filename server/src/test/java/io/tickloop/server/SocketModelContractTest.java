package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Service;
import io.tickloop.server.service.EchoService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tickloop.server.TestClient.pings;
import static io.tickloop.server.TestClient.pongsFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every socket model passes: a model is done when it passes this whole suite. Real loopback
 * sockets, one server per test; each test ends by checking that the model left no thread and no descriptor
 * behind.
 */
class SocketModelContractTest
{
    private static final int PING_LENGTH = 32;

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldEchoOneMebibyteOfRandomDataInRandomChunks(final SocketModel model) throws Exception
    {
        final byte[] data = new byte[1024 * 1024];
        final Random random = new Random(7);
        random.nextBytes(data);

        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.ECHO);
            TestClient client = TestClient.connect(fixture.address()))
        {
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeInRandomChunks(client, data, 99));
            final byte[] echoed = client.readExactly(data.length);
            writer.get(20, TimeUnit.SECONDS);

            assertArrayEquals(data, echoed);
            assertEquals(data.length, fixture.metrics().bytesIn());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldAnswerEveryPingInOrderFor200ConcurrentClients(final SocketModel model) throws Exception
    {
        final int clients = 200;
        final int pingsPerClient = 500;
        final ExecutorService executor = Executors.newFixedThreadPool(clients);
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING))
        {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final long firstSeq = c * 1_000_000L;
                results.add(executor.submit(() ->
                {
                    try (TestClient client = TestClient.connect(fixture.address()))
                    {
                        final byte[] stream = pings(firstSeq, pingsPerClient, PING_LENGTH);
                        writeInRandomChunks(client, stream, firstSeq);
                        final byte[] replies = client.readExactly(stream.length);
                        assertArrayEquals(pongsFor(stream), replies, "client " + firstSeq);
                        return true;
                    }
                }));
            }
            for (final Future<Boolean> result : results)
            {
                assertTrue(result.get(60, TimeUnit.SECONDS));
            }

            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0);
            assertEquals((long)clients * pingsPerClient, metrics.framesIn());
            assertEquals((long)clients * pingsPerClient, metrics.framesOut());
            assertEquals(clients, metrics.closes(CloseReason.PEER_CLOSED));
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldLeaveNoSessionBehindAfterMidFrameCloseOrReset(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING))
        {
            final byte[] ping = pings(1, 1, PING_LENGTH);
            for (int i = 0; i < 10; i++)
            {
                final TestClient closing = TestClient.connect(fixture.address());
                closing.write(ping, 0, PING_LENGTH / 2);
                closing.close();

                final TestClient resetting = TestClient.connect(fixture.address());
                resetting.write(ping, 0, 3);
                resetting.reset();
            }

            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.accepted() == 20 && m.connections() == 0);
            assertEquals(20, metrics.closes(CloseReason.PEER_CLOSED) + metrics.closes(CloseReason.IO_ERROR),
                metrics.closesSummary());
            assertEquals(0, metrics.framesIn());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseOnlyTheClientThatSendsAnOversizedFrame(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-frame", "1024");
            TestClient good = TestClient.connect(fixture.address());
            TestClient bad = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(good, 1);
            final byte[] header = new byte[FrameDescriptor.HEADER_LENGTH];
            FrameDescriptor.putHeader(new UnsafeBuffer(header), 0, 1025, MessageTypes.PING);

            bad.write(header);

            assertTrue(bad.awaitClosedByServer(), "the offender is disconnected");
            assertRoundTrip(good, 2);
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.closes(CloseReason.FRAME_TOO_LONG) == 1);
            assertEquals(1, metrics.connections());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseAClientThatSendsAnUnexpectedMessage(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient bad = TestClient.connect(fixture.address()))
        {
            final byte[] pong = pongsFor(pings(1, 1, PING_LENGTH));

            bad.write(pong);

            assertTrue(bad.awaitClosedByServer());
            fixture.awaitMetrics(m -> m.closes(CloseReason.UNEXPECTED_MESSAGE) == 1 && m.connections() == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffAClientThatNeverReadsWhileOthersAreServed(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--send-queue-bytes", "64k");
            TestClient good = TestClient.connect(fixture.address());
            TestClient neverReads = TestClient.connect(fixture.address(), 4096))
        {
            final byte[] bigPings = pings(1, 256, 4096);
            final CompletableFuture<Void> flood = CompletableFuture.runAsync(() ->
            {
                try
                {
                    for (int i = 0; i < 64; i++)
                    {
                        neverReads.write(bigPings);
                        assertRoundTrip(good, i);
                    }
                }
                catch (final IOException ex)
                {
                    // the server cut it off: expected
                }
            });

            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.closes(CloseReason.SLOW_CONSUMER) == 1);
            flood.get(20, TimeUnit.SECONDS);
            assertRoundTrip(good, 1_000);
            assertEquals(1, fixture.metrics().connections(), metrics.closesSummary());
            System.out.printf("%s: slow consumer cut off after %d bytes in%n", model, metrics.bytesIn());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverQueuedRepliesBeforeClosingOnShutdown(final SocketModel model) throws Exception
    {
        final int count = 2048;
        final ServerFixture fixture = new ServerFixture(model, ServiceKind.PING,
            "--send-queue-bytes", "16m", "--shutdown-timeout", "15s");
        final TestClient client = TestClient.connect(fixture.address(), 4096);
        try
        {
            final byte[] stream = pings(1, count, 1024);
            client.write(stream);
            fixture.awaitMetrics(m -> m.framesOut() == count);

            final CompletableFuture<Void> shutdown = CompletableFuture.runAsync(fixture::close);
            final byte[] replies = client.readExactly(stream.length);

            assertArrayEquals(pongsFor(stream), replies, "every reply queued before shutdown arrives");
            assertTrue(client.awaitClosedByServer(), "then the server closes");
            client.close();
            shutdown.get(20, TimeUnit.SECONDS);
            assertEquals(1, fixture.metrics().closes(CloseReason.SHUTTING_DOWN));
        }
        finally
        {
            client.close();
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseAClientThatLeavesAFrameIncompletePastTheFrameTimeout(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--frame-timeout", "300ms");
            TestClient stalled = TestClient.connect(fixture.address());
            TestClient busy = TestClient.connect(fixture.address()))
        {
            final byte[] ping = pings(1, 1, PING_LENGTH);
            stalled.write(ping, 0, 10);
            final long startNs = System.nanoTime();
            // The busy client keeps completing frames, each split across writes: it must not be cut off.
            while (System.nanoTime() - startNs < 900_000_000L)
            {
                final byte[] next = pings(2, 1, PING_LENGTH);
                busy.write(next, 0, 10);
                busy.write(next, 10, PING_LENGTH - 10);
                assertArrayEquals(pongsFor(next), busy.readExactly(PING_LENGTH));
            }

            assertTrue(stalled.awaitClosedByServer());
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.closes(CloseReason.FRAME_TIMEOUT) == 1);
            assertEquals(1, metrics.connections(), metrics.closesSummary());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldRefuseConnectionsPastTheLimit(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING, "--max-connections", "2");
            TestClient first = TestClient.connect(fixture.address());
            TestClient second = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(first, 1);
            assertRoundTrip(second, 1);

            try (TestClient third = TestClient.connect(fixture.address()))
            {
                assertTrue(third.awaitClosedByServer());
            }

            assertRoundTrip(first, 2);
            assertEquals(1, fixture.awaitMetrics(m -> m.closes(CloseReason.SERVER_FULL) == 1)
                .closes(CloseReason.SERVER_FULL));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldRebindTheSamePortAtOnceAfterShutdown(final SocketModel model) throws Exception
    {
        final int port;
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient client = TestClient.connect(fixture.address()))
        {
            assertRoundTrip(client, 1);
            port = fixture.address().getPort();
        }
        // The server closed first, so its side of the connection sits in TIME_WAIT.
        final ServerConfig config = ServerFixture.config("--port", String.valueOf(port));
        final Server again = model.create(config, ServiceKind.PING.create(config, null));
        try
        {
            again.start();
            try (TestClient client = TestClient.connect(again.localAddress()))
            {
                assertRoundTrip(client, 2);
            }
        }
        finally
        {
            again.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCloseWithInternalErrorWhenTheServiceThrowsAndServeTheRest(final SocketModel model) throws Exception
    {
        final Service failsOnX = new FailingOnX(new EchoService(), "fails-on-x", () ->
        {
            throw new IllegalStateException("a bug in the service, on purpose");
        });
        try (ServerFixture fixture = new ServerFixture(model, config -> failsOnX);
            TestClient victim = TestClient.connect(fixture.address());
            TestClient other = TestClient.connect(fixture.address()))
        {
            victim.write(new byte[]{'X'});

            assertTrue(victim.awaitClosedByServer());
            fixture.awaitMetrics(m -> m.closes(CloseReason.INTERNAL_ERROR) == 1);
            other.write(new byte[]{'o', 'k'});
            assertArrayEquals(new byte[]{'o', 'k'}, other.readExactly(2));
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldFailToStartOnAPortInUseAndLeaveTheFirstServerServing(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING);
            TestClient client = TestClient.connect(fixture.address()))
        {
            final ServerConfig taken = ServerFixture.config("--port", String.valueOf(fixture.address().getPort()));
            final Server second = model.create(taken, ServiceKind.PING.create(taken, null));

            assertThrows(IOException.class, second::start);
            second.close();
            assertRoundTrip(client, 1);
        }
    }

    private static void assertRoundTrip(final TestClient client, final long seq) throws IOException
    {
        final byte[] ping = pings(seq, 1, PING_LENGTH);
        client.write(ping);
        assertArrayEquals(pongsFor(ping), client.readExactly(ping.length));
    }

    private static void writeInRandomChunks(final TestClient client, final byte[] data, final long seed)
    {
        final Random random = new Random(seed);
        try
        {
            int position = 0;
            while (position < data.length)
            {
                final int chunk = Math.min(data.length - position, 1 + random.nextInt(random.nextBoolean() ? 64 : 8192));
                client.write(data, position, chunk);
                position += chunk;
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
