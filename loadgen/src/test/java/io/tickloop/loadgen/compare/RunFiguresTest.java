package io.tickloop.loadgen.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunFiguresTest
{
    @TempDir
    Path folder;

    @Test
    void shouldTakeServerCostFromTheMeasuredWindowOnly() throws Exception
    {
        final RunFigures figures = ComparisonReportTest.run(
            "rate", "selector", RunRecord.OK, "", 1000, 1_000_000, 1000, folder);

        // Samples inside the window: cpu 300 ms -> 1800 ms over 2 s = 0.75 cores.
        assertEquals(0.75, figures.serverCores(), 1e-9);
        assertEquals(70L << 20, figures.peakRssBytes());
        // (70 MiB peak - 50 MiB before the load) / 1000 connections.
        assertEquals((20L << 20) / 1000.0, figures.rssPerConnectionBytes(), 1e-6);
        assertEquals(12, figures.maxThreads());
        assertEquals(3, figures.p99Timeline().size());
        assertEquals(300, figures.latency().getTotalCount());
    }

    @Test
    void shouldReadThisProcessFromProc()
    {
        final ServerSample sample = ProcessSampler.read(ProcessHandle.current().pid());

        System.out.printf("this JVM: rss=%d MiB threads=%d fds=%d cpu=%d ms%n",
            sample.rssBytes() >> 20, sample.threads(), sample.fds(), sample.cpuMs());
        assertEquals(true, sample.rssBytes() > 1 << 20 && sample.threads() > 1 && sample.fds() > 2 && sample.cpuMs() > 0);
    }
}
