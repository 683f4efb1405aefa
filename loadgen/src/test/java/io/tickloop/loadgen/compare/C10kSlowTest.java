package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.LoadOptions;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoadRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C10K on the selector model: 10,000 connections at 2 PINGs per second each, against a server in its own
 * process (one process cannot hold both ends of 10,000 connections under a 20,000-descriptor limit).
 * Run with {@code bin/tickloop test slow}.
 */
@Tag("slow")
class C10kSlowTest
{
    private static final int CONNECTIONS = 10_000;

    @TempDir
    Path folder;

    @Test
    void shouldHoldTenThousandConnectionsOnOneSelectorThread() throws Exception
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try (ServerProcess server = ServerProcess.start(TickloopHome.serverJar(), List.of(),
            List.of("--model", "selector", "--port", Integer.toString(port), "--max-connections", "12000"),
            folder.resolve("server.log")))
        {
            server.awaitListening(address, 30_000);
            final ProcessSampler sampler = new ProcessSampler(server.pid(), 1_000);
            final LoadResult result = new LoadRun(LoadOptions.parse("--target", "127.0.0.1:" + port,
                "--connections", Integer.toString(CONNECTIONS), "--rate", Long.toString(CONNECTIONS * 2L),
                "--duration", "10s", "--warmup", "4s")).run(null);
            final List<ServerSample> samples = sampler.stop();
            final long peakRss = samples.stream().mapToLong(ServerSample::rssBytes).max().orElse(0);
            final int threads = samples.stream().mapToInt(ServerSample::threads).max().orElse(0);

            System.out.printf("c10k selector: %d connected, %.0f msg/s, p50 %.3f ms, p99 %.3f ms, max %.3f ms, " +
                "server RSS %d MiB, %d JVM threads, errors %d%n", result.connected(), result.achievedRatePerSecond(),
                result.latency().getValueAtPercentile(50) / 1e6, result.latency().getValueAtPercentile(99) / 1e6,
                result.latency().getMaxValue() / 1e6, peakRss >> 20, threads, result.totalErrors());
            assertEquals(CONNECTIONS, result.connected());
            assertEquals(0, result.totalErrors());
            assertTrue(result.isRateAchieved(), "rate " + result.achievedRatePerSecond());
            assertTrue(peakRss < 400L << 20, "server RSS " + (peakRss >> 20) + " MiB (target 200, bound 400)");
        }
    }
}
