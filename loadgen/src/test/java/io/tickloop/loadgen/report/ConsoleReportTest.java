package io.tickloop.loadgen.report;

import io.tickloop.loadgen.engine.LoaderFigures;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code loader:} line and its warning, which names whichever of the load generator's own delays is a large
 * share of the latency it measured.
 */
class ConsoleReportTest
{
    private static final long US = 1_000L;

    @Test
    void shouldPrintTheLoaderLineWithoutWarningWhenItsDelaysAreSmall()
    {
        final String printed = print(loader(10 * US, 20 * US), histogram(1_000 * US));

        assertEquals("loader: cpu 0.25 cores, send lag p50 10 us p99 10 us max 10 us, poll gap p99 20 us max 20 us",
            printed.strip());
    }

    @Test
    void shouldNameThePollGapWhenOnlyItIsLarge()
    {
        final String printed = print(loader(10 * US, 400 * US), histogram(1_000 * US));

        assertTrue(printed.contains(ConsoleReport.LOADER_WARNING + ": its poll gap p99 "), printed);
        assertTrue(printed.contains(" is more than 25% of the latency p99 "), printed);
        assertFalse(printed.contains("send lag p99 10"), printed);
    }

    @Test
    void shouldNameBothWhenBothAreLarge()
    {
        final String printed = print(loader(300 * US, 400 * US), histogram(1_000 * US));

        assertTrue(printed.contains(": its send lag p99 ") && printed.contains(" and its poll gap p99 "), printed);
        assertTrue(printed.contains(" are more than 25% "), printed);
    }

    @Test
    void shouldSayClosedLoopHasNoSendLag()
    {
        final String printed = print(new LoaderFigures(0.5, histogram(), histogram(3 * US)), histogram(100 * US));

        assertTrue(printed.contains("send lag - (closed loop: each send follows a reply), poll gap p99 3 us"), printed);
    }

    private static LoaderFigures loader(final long lagNs, final long gapNs)
    {
        return new LoaderFigures(0.25, histogram(lagNs), histogram(gapNs));
    }

    private static Histogram histogram(final long... valuesNs)
    {
        final Histogram histogram = new Histogram(1_000L, 120_000_000_000L, 3);
        for (final long value : valuesNs)
        {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private static String print(final LoaderFigures loader, final Histogram latency)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.printLoader(loader, latency, new PrintStream(bytes, true, StandardCharsets.UTF_8), "");
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
