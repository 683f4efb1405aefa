package io.tickloop.loadgen.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time, resident memory, threads and descriptors from {@code /proc}, once now and then
 * every interval on a daemon thread, until closed. Linux only; elsewhere a reading fails with a clear message.
 */
public final class ProcessSampler implements AutoCloseable
{
    /** Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture it runs on. */
    private static final long MS_PER_TICK = 10;
    private static final int UTIME_FIELD = 11;
    private static final int STIME_FIELD = 12;

    private final long pid;
    private final long intervalMs;
    private final List<ServerSample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Take one reading now, then one every interval.
     *
     * @param pid the process to read.
     * @param intervalMs time between readings.
     */
    public ProcessSampler(final long pid, final long intervalMs)
    {
        this.pid = pid;
        this.intervalMs = intervalMs;
        record();
        thread = new Thread(this::run, "tickloop-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param pid a process.
     * @return its figures now.
     * @throws UncheckedIOException when {@code /proc} cannot be read, for example after the process exited.
     */
    public static ServerSample read(final long pid)
    {
        final Path proc = Path.of("/proc", Long.toString(pid));
        try
        {
            final String stat = Files.readString(proc.resolve("stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long rssKb = 0;
            int threads = 0;
            for (final String line : Files.readAllLines(proc.resolve("status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
                else if (line.startsWith("Threads:"))
                {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            final int fds;
            try (Stream<Path> entries = Files.list(proc.resolve("fd")))
            {
                fds = (int)entries.count();
            }
            return new ServerSample(System.currentTimeMillis(),
                Long.parseLong(fields[UTIME_FIELD]) * MS_PER_TICK, Long.parseLong(fields[STIME_FIELD]) * MS_PER_TICK,
                rssKb * 1024, threads, fds);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (" + ex.getMessage() + ")", ex);
        }
    }

    /**
     * Stop sampling, take a last reading if the process still runs, and return every reading.
     *
     * @return the readings, oldest first.
     */
    public List<ServerSample> stop()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        record();
        synchronized (samples)
        {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close()
    {
        stop();
    }

    /**
     * @param samples readings.
     * @param file where to write them, one CSV line each after a header.
     * @throws IOException when the file cannot be written.
     */
    public static void writeCsv(final List<ServerSample> samples, final Path file) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        lines.add(ServerSample.CSV_HEADER);
        samples.forEach(sample -> lines.add(sample.toCsv()));
        Files.write(file, lines);
    }

    /**
     * @param file written by {@link #writeCsv}.
     * @return the readings, or none when the file does not exist.
     * @throws IOException when the file cannot be read.
     */
    public static List<ServerSample> readCsv(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return List.of();
        }
        return Files.readAllLines(file).stream()
            .filter(line -> !line.isBlank() && !line.equals(ServerSample.CSV_HEADER))
            .map(ServerSample::fromCsv)
            .toList();
    }

    private void run()
    {
        while (running)
        {
            try
            {
                Thread.sleep(intervalMs);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            record();
        }
    }

    private void record()
    {
        try
        {
            final ServerSample sample = read(pid);
            synchronized (samples)
            {
                samples.add(sample);
            }
        }
        catch (final UncheckedIOException ex)
        {
            running = false;
        }
    }
}
