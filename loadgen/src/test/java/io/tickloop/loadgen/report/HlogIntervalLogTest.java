package io.tickloop.loadgen.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlogIntervalLogTest
{
    private static final long START_EPOCH_MS = 1_800_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void writesEveryIntervalKeptWhenClosedAndAnHdrHistogramReaderReadsThemBack() throws IOException
    {
        final Path file = directory.resolve("sub/run.hlog");
        final Histogram interval = new Histogram(1_000, 120_000_000_000L, 3);
        try (HlogIntervalLog log = new HlogIntervalLog(file, START_EPOCH_MS, "a test run"))
        {
            assertTrue(Files.exists(file), "the file is created before the run, so a bad path fails early");
            for (int second = 0; second < 3; second++)
            {
                interval.reset();
                for (int i = 1; i <= 100; i++)
                {
                    interval.recordValue(i * 10_000L * (second + 1));
                }
                interval.setTag("latency");
                interval.setStartTimeStamp(START_EPOCH_MS + second * 1_000L);
                interval.setEndTimeStamp(START_EPOCH_MS + (second + 1) * 1_000L);
                log.add(interval); // the caller reuses its histogram: the log must have kept a copy
            }
            assertEquals(0, Files.size(file), "nothing is written during the run");
        }

        final String text = Files.readString(file);
        assertTrue(text.startsWith("#a test run"), text);
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        for (int second = 0; second < 3; second++)
        {
            final Histogram read = (Histogram)reader.nextIntervalHistogram();
            assertEquals("latency", read.getTag());
            assertEquals(100, read.getTotalCount());
            assertEquals(1_000_000L * (second + 1), read.getMaxValue(), 1_000L * (second + 1));
            assertEquals(START_EPOCH_MS + second * 1_000L, read.getStartTimeStamp());
            assertEquals(START_EPOCH_MS + (second + 1) * 1_000L, read.getEndTimeStamp());
        }
        assertNull(reader.nextIntervalHistogram());
    }

    @Test
    void aFileThatCannotBeCreatedFailsAtOnce() throws IOException
    {
        final Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
        assertThrows(IOException.class, () -> new HlogIntervalLog(notADirectory.resolve("run.hlog"), 0, "x"));
    }
}
