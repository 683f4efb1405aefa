package io.tickloop.loadgen.engine;

import io.tickloop.loadgen.LoadOptions;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.selector.SelectorServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRunTest
{
    @Test
    void shouldGetEveryReplyFromTheSelectorPingServer() throws Exception
    {
        final Server server = selectorServer(ServiceKind.PING);
        try
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "50", "--rate", "2000", "--warmup", "500ms", "--duration", "2s")).run(null);

            print("ping", result);
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertEquals(50, result.connected());
            assertEquals(result.sent(), result.received());
            assertEquals(0, result.unsent());
            assertEquals(result.measuredReceived(), result.latency().getTotalCount());
            assertEquals(result.measuredReceived(), result.service().getTotalCount());
            assertTrue(result.latency().getTotalCount() > 3_000, "samples " + result.latency().getTotalCount());
            assertTrue(result.warmupLatency().getTotalCount() > 0);
            assertTrue(result.isSuccess());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldWorkAgainstTheRawEchoService() throws Exception
    {
        final Server server = selectorServer(ServiceKind.ECHO);
        try
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "20", "--rate", "1000", "--size", "100", "--warmup", "200ms", "--duration", "1s"))
                .run(null);

            print("echo", result);
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertEquals(result.sent(), result.received());
            assertTrue(result.latency().getTotalCount() > 500);
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldSpreadConnectionsOverThreadsAndSourceAddresses() throws Exception
    {
        final Server server = selectorServer(ServiceKind.PING);
        try
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "40", "--threads", "2", "--source-addresses", "127.0.0.2,127.0.0.3",
                "--rate", "2000", "--warmup", "200ms", "--duration", "1s")).run(null);

            print("2 threads, 2 source addresses", result);
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertEquals(40, result.connected());
            assertEquals(result.sent(), result.received());
            assertEquals(2_000, result.achievedRatePerSecond(), 40.0);
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldKeepThePipelineInFlightInClosedLoop() throws Exception
    {
        final Server server = selectorServer(ServiceKind.PING);
        try
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "10", "--rate", "0", "--pipeline", "4", "--warmup", "200ms", "--duration", "1s"))
                .run(null);

            print("closed loop", result);
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertEquals(result.sent(), result.received());
            assertTrue(result.measuredReceived() > 1_000, "received " + result.measuredReceived());
            assertTrue(result.isRateAchieved());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldShowAServerStallInLatencyFromTheIntendedSendTime() throws Exception
    {
        try (MisbehavingServer server = MisbehavingServer.stalling(1_000, 200))
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "50", "--rate", "2000", "--warmup", "500ms", "--duration", "3s")).run(null);

            final double latencyP99Ms = result.latency().getValueAtPercentile(99.0) / 1e6;
            final double serviceP99Ms = result.service().getValueAtPercentile(99.0) / 1e6;
            System.out.printf(Locale.ROOT, "stalling server (200 ms every 1 s): latency p99 %.1f ms, " +
                "service p99 %.1f ms, latency max %.1f ms, samples %d%n", latencyP99Ms, serviceP99Ms,
                result.latency().getMaxValue() / 1e6, result.latency().getTotalCount());
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertTrue(latencyP99Ms >= 100, "latency p99 " + latencyP99Ms + " ms should show the 200 ms stalls");
            assertTrue(result.latency().getMaxValue() / 1e6 >= 150);
        }
    }

    @Test
    void shouldHideTheStallInClosedLoopAsCoordinatedOmissionDoes() throws Exception
    {
        try (MisbehavingServer server = MisbehavingServer.stalling(1_000, 200))
        {
            final LoadConfig openLoop = load(server.localAddress(),
                "--connections", "20", "--rate", "2000", "--warmup", "200ms", "--duration", "2s");
            final LoadResult open = new LoadRun(openLoop).run(null);
            final LoadResult closed = new LoadRun(load(server.localAddress(),
                "--connections", "20", "--rate", "0", "--pipeline", "1", "--warmup", "200ms", "--duration", "2s"))
                .run(null);

            final double openP99Ms = open.latency().getValueAtPercentile(99.0) / 1e6;
            final double closedP99Ms = closed.latency().getValueAtPercentile(99.0) / 1e6;
            System.out.printf(Locale.ROOT, "stalling server: open-loop latency p99 %.1f ms (%d samples), " +
                "closed-loop p99 %.1f ms (%d samples, max %.1f ms): closed loop hides the stall%n", openP99Ms,
                open.latency().getTotalCount(), closedP99Ms, closed.latency().getTotalCount(),
                closed.latency().getMaxValue() / 1e6);
            assertEquals(0, open.totalErrors() + closed.totalErrors());
            assertTrue(openP99Ms >= 100, "open loop p99 " + openP99Ms);
            assertTrue(closedP99Ms < openP99Ms / 2, "closed loop p99 " + closedP99Ms);
            assertTrue(closed.latency().getMaxValue() / 1e6 >= 150, "the stall is still the closed-loop max");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineIdle.class, names = {"SELECT", "BACKOFF"}) // park-and-poll, and spin-yield-park
    void shouldNotAllocateOnTheLoadThreadInTheSteadyState(final EngineIdle idle) throws Exception
    {
        final Server server = selectorServer(ServiceKind.PING);
        try
        {
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
            final long[] allocatedBytes = { -1, -1 };
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "200", "--rate", "10000", "--warmup", "1s", "--duration", "3s",
                "--idle", idle.toString())).run(interval ->
                {
                    final int index = interval.elapsedNs() < 1_500_000_000L ? -1 :
                        interval.elapsedNs() < 2_500_000_000L ? 0 : interval.elapsedNs() < 3_500_000_000L ? 1 : -1;
                    if (index >= 0)
                    {
                        allocatedBytes[index] = threads.getThreadAllocatedBytes(loadThreadId());
                    }
                });

            final long steadyBytes = allocatedBytes[1] - allocatedBytes[0];
            System.out.printf(Locale.ROOT, "load thread allocated %d bytes in ~1 s of steady state at 10,000 msg/s" +
                " over 200 connections, --idle %s%n", steadyBytes, idle);
            assertEquals(0, result.totalErrors());
            assertTrue(allocatedBytes[0] > 0 && allocatedBytes[1] > 0, "sampled twice");
            assertTrue(steadyBytes < 64 * 1024, "steady state allocated " + steadyBytes + " bytes");
        }
        finally
        {
            server.close();
        }
    }

    private static long loadThreadId()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals("tickloop-load-0"))
            {
                return thread.threadId();
            }
        }
        throw new IllegalStateException("no load thread");
    }

    @Test
    void shouldAchieveTheAskedRateWithinOnePercent() throws Exception
    {
        final Server server = selectorServer(ServiceKind.PING);
        try
        {
            final LoadResult result = new LoadRun(load(server.localAddress(),
                "--connections", "100", "--rate", "20000", "--warmup", "1s", "--duration", "5s")).run(null);

            print("rate", result);
            System.out.printf(Locale.ROOT, "asked 20,000 msg/s over 5 s: achieved %.1f msg/s (%.3f%%)%n",
                result.achievedRatePerSecond(), 100.0 * result.achievedRatePerSecond() / 20_000);
            assertEquals(0, result.totalErrors(), result.errors().toString());
            assertEquals(20_000, result.achievedRatePerSecond(), 200.0);
            assertTrue(result.isRateAchieved());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldCountASequenceGapAsAnError() throws Exception
    {
        try (MisbehavingServer server = MisbehavingServer.droppingReplyTo(3))
        {
            final LoadResult result = shortRun(server.localAddress(), 2_000);

            print("dropped reply", result);
            assertEquals(5, result.errors().get(ErrorKind.SEQUENCE));
            assertEquals(5, result.totalErrors(), result.errors().toString());
            assertTrue(!result.isSuccess());
        }
    }

    @Test
    void shouldCountAMissingReplyAsATimeout() throws Exception
    {
        try (MisbehavingServer server = MisbehavingServer.silentAfter(5))
        {
            final LoadResult result = shortRun(server.localAddress(), 300);

            print("silent server", result);
            assertEquals(5, result.errors().get(ErrorKind.TIMEOUT));
            assertEquals(5, result.totalErrors(), result.errors().toString());
        }
    }

    @Test
    void shouldCountAClosedConnectionAsAnError() throws Exception
    {
        try (MisbehavingServer server = MisbehavingServer.closingAfter(5))
        {
            final LoadResult result = shortRun(server.localAddress(), 2_000);

            print("closing server", result);
            assertEquals(5, result.errors().get(ErrorKind.CLOSED));
            assertEquals(5, result.totalErrors(), result.errors().toString());
        }
    }

    @Test
    void shouldCountFailedConnectsAndEndEarly() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final long startNs = System.nanoTime();
        final LoadResult result = new LoadRun(load(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            "--connections", "5", "--rate", "100", "--warmup", "0s", "--duration", "5s")).run(null);

        assertEquals(0, result.connected());
        assertEquals(5, result.errors().get(ErrorKind.CONNECT));
        assertTrue(!result.isSuccess());
        assertTrue(System.nanoTime() - startNs < 3_000_000_000L, "a run with no connection ends early");
    }

    private static LoadResult shortRun(final InetSocketAddress target, final long timeoutMs) throws IOException
    {
        return new LoadRun(load(target,
            "--connections", "5", "--rate", "100", "--warmup", "0s", "--duration", "1s", "--timeout", timeoutMs + "ms"))
            .run(null);
    }

    private static LoadConfig load(final InetSocketAddress target, final String... flags)
    {
        final List<String> args = new ArrayList<>(List.of("--target", target.getHostString() + ":" + target.getPort()));
        args.addAll(List.of(flags));
        return LoadOptions.parse(args.toArray(String[]::new));
    }

    private static Server selectorServer(final ServiceKind service) throws IOException
    {
        final ServerConfig config = ServerOptions.parse("--port", "0");
        final Server server = SelectorServer.create(config, service.create(config, null));
        server.start();
        return server;
    }

    private static void print(final String name, final LoadResult result)
    {
        final Histogram latency = result.latency();
        System.out.printf(Locale.ROOT, "%s: sent %d received %d measured %d, latency p50 %.1f us p99 %.1f us " +
            "max %.1f us, achieved %.1f msg/s, errors %s%n", name, result.sent(), result.received(),
            result.measuredReceived(), latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
            latency.getMaxValue() / 1e3, result.achievedRatePerSecond(), result.errors());
    }
}
