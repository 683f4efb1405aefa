package io.tickloop.loadgen.compare;

/**
 * One reading of a server process from {@code /proc}.
 *
 * @param epochMs when it was read.
 * @param cpuUserMs user CPU time used since the process started.
 * @param cpuSystemMs system CPU time used since the process started.
 * @param rssBytes resident memory.
 * @param threads the process's threads.
 * @param fds open file descriptors.
 */
public record ServerSample(long epochMs, long cpuUserMs, long cpuSystemMs, long rssBytes, int threads, int fds)
{
    /** The header line of a samples file. */
    public static final String CSV_HEADER = "epochMs,cpuUserMs,cpuSystemMs,rssBytes,threads,fds";

    /**
     * @return user plus system CPU time.
     */
    public long cpuMs()
    {
        return cpuUserMs + cpuSystemMs;
    }

    /**
     * @return this sample as one CSV line.
     */
    public String toCsv()
    {
        return epochMs + "," + cpuUserMs + "," + cpuSystemMs + "," + rssBytes + "," + threads + "," + fds;
    }

    /**
     * @param line a line written by {@link #toCsv()}.
     * @return the sample.
     */
    public static ServerSample fromCsv(final String line)
    {
        final String[] fields = line.split(",");
        if (fields.length != 6)
        {
            throw new IllegalArgumentException("not a server sample: " + line);
        }
        return new ServerSample(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
            Long.parseLong(fields[3]), Integer.parseInt(fields[4]), Integer.parseInt(fields[5]));
    }
}
