package io.tickloop.loadgen.compare;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one run's folder back (what {@code RunFilesWriter}, {@code HlogIntervalLog} and {@link ProcessSampler}
 * wrote there): its {@link RunRecord}, every {@code .hlog} in it merged by tag (several load generators writing
 * into one folder make one histogram), and the server's samples. It finds the run folders of a comparison in
 * both layouts: {@code scenario/model/rep-N/} (one folder per repetition) and the older {@code scenario/model/}.
 */
public final class RunFilesReader
{
    /** The tag of the latency histograms in an interval log. */
    public static final String LATENCY_TAG = "latency";
    /** The game bots' input latency (MOVE sent -> STATE showing it): the game scenario's latency. */
    public static final String INPUT_TAG = "input";
    /** The tag of the service-time histograms in an interval log. */
    public static final String SERVICE_TAG = "service";
    /** The server samples' file inside a run folder. */
    public static final String SAMPLES_FILE = "server-samples.csv";
    /** A repetition's folder inside its model's folder is this and the repetition's number, from 1. */
    public static final String REPETITION_PREFIX = "rep-";
    /** How deep a run folder sits under a comparison's folder: scenario, model, repetition. */
    private static final int RUN_DEPTH = 3;

    private RunFilesReader()
    {
    }

    /**
     * @param folder a folder with at least one {@code .hlog}.
     * @return true when it holds a run.
     * @throws IOException when the folder cannot be listed.
     */
    public static boolean isRun(final Path folder) throws IOException
    {
        return Files.isDirectory(folder) && (Files.exists(folder.resolve(RunRecord.FILE_NAME)) || !hlogs(folder).isEmpty());
    }

    /**
     * @param repetition a repetition, from 1.
     * @return the name of its folder inside the model's folder.
     */
    public static String repetitionFolder(final int repetition)
    {
        return REPETITION_PREFIX + repetition;
    }

    /**
     * @param root a comparison's folder, a scenario's, a model's, or one run's.
     * @return every run folder under it (itself when it is one), in name order.
     * @throws IOException when a folder cannot be listed.
     */
    public static List<Path> runFolders(final Path root) throws IOException
    {
        if (isRun(root))
        {
            return List.of(root);
        }
        try (Stream<Path> tree = Files.walk(root, RUN_DEPTH))
        {
            final List<Path> runs = new ArrayList<>();
            for (final Path folder : tree.filter(Files::isDirectory).sorted().toList())
            {
                if (!folder.equals(root) && isRun(folder))
                {
                    runs.add(folder);
                }
            }
            return runs;
        }
    }

    /**
     * @param folder a run's folder.
     * @return its figures.
     * @throws IOException when a file cannot be read.
     */
    public static RunFigures load(final Path folder) throws IOException
    {
        return load(List.of(folder));
    }

    /**
     * Read several folders of one (scenario, model) as one run: the load of several generators, perhaps on
     * several machines, at the same time. Their intervals are merged by tag and by wall-clock second, their
     * rates and counts added; the server samples come from the first folder that has them.
     *
     * @param folders the runs' folders.
     * @return their figures together.
     * @throws IOException when a file cannot be read.
     */
    public static RunFigures load(final List<Path> folders) throws IOException
    {
        final Histogram latency = newHistogram();
        final Histogram service = newHistogram();
        final TreeMap<Long, Histogram> latencyBySecond = new TreeMap<>();
        List<ServerSample> samples = List.of();
        RunRecord record = null;
        for (final Path folder : folders)
        {
            final Histogram folderLatency = newHistogram();
            final TreeMap<Long, Histogram> folderBySecond = new TreeMap<>();
            for (final Path hlog : hlogs(folder))
            {
                readLog(hlog, folderLatency, service, folderBySecond);
            }
            latency.add(folderLatency);
            folderBySecond.forEach((second, histogram) ->
                latencyBySecond.computeIfAbsent(second, key -> newHistogram()).add(histogram));
            final RunRecord recorded = RunRecord.read(folder);
            final RunRecord folderRecord = null != recorded ? recorded : inferRecord(folder, folderLatency, folderBySecond);
            record = null == record ? folderRecord : combine(record, folderRecord, folders.size());
            if (samples.isEmpty())
            {
                samples = ProcessSampler.readCsv(folder.resolve(SAMPLES_FILE));
            }
        }
        if (null == record)
        {
            throw new IllegalArgumentException("no run folders given");
        }
        return RunFigures.of(record, latency, service, p99Timeline(latencyBySecond), samples);
    }

    private static RunRecord combine(final RunRecord a, final RunRecord b, final int folderCount)
    {
        final String status = a.status().equals(RunRecord.OK) ? b.status() : a.status();
        return new RunRecord(a.scenario(), a.model(), status, "merged from " + folderCount + " load generators",
            a.connections() + b.connections(), a.connected() + b.connected(), a.targetRate() + b.targetRate(),
            a.achievedRate() + b.achievedRate(), a.receivedRate() + b.receivedRate(), a.errors() + b.errors(),
            Math.min(a.measureStartEpochMs(), b.measureStartEpochMs()),
            Math.max(a.measureEndEpochMs(), b.measureEndEpochMs()), a.pinned() && b.pinned(), a.repetition());
    }

    private static void readLog(
        final Path hlog, final Histogram latency, final Histogram service, final Map<Long, Histogram> latencyBySecond)
        throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try
        {
            EncodableHistogram interval;
            while (null != (interval = reader.nextIntervalHistogram()))
            {
                if (!(interval instanceof Histogram histogram))
                {
                    continue;
                }
                if (SERVICE_TAG.equals(histogram.getTag()))
                {
                    service.add(histogram);
                }
                else if (LATENCY_TAG.equals(histogram.getTag()) || INPUT_TAG.equals(histogram.getTag()) ||
                    null == histogram.getTag())
                {
                    latency.add(histogram);
                    latencyBySecond.computeIfAbsent(histogram.getStartTimeStamp() / 1000, second -> newHistogram())
                        .add(histogram);
                }
            }
        }
        finally
        {
            reader.close();
        }
    }

    private static List<double[]> p99Timeline(final TreeMap<Long, Histogram> latencyBySecond)
    {
        final List<double[]> timeline = new ArrayList<>();
        if (latencyBySecond.isEmpty())
        {
            return timeline;
        }
        final long firstSecond = latencyBySecond.firstKey();
        latencyBySecond.forEach((second, histogram) -> timeline.add(new double[]{second - firstSecond + 1,
            histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(99.0) / 1e6}));
        return timeline;
    }

    private static RunRecord inferRecord(
        final Path folder, final Histogram latency, final TreeMap<Long, Histogram> latencyBySecond)
    {
        final double seconds = Math.max(1, latencyBySecond.size());
        final Path absolute = folder.toAbsolutePath();
        final String name = absolute.getFileName().toString();
        final boolean isRepetition = name.matches(REPETITION_PREFIX + "[1-9][0-9]{0,8}");
        final Path modelFolder = isRepetition ? absolute.getParent() : absolute;
        final Path parent = modelFolder.getParent();
        final long startMs = latencyBySecond.isEmpty() ? 0 : latencyBySecond.firstKey() * 1000;
        return new RunRecord(
            null == parent || null == parent.getFileName() ? "run" : parent.getFileName().toString(),
            modelFolder.getFileName().toString(),
            RunRecord.OK,
            "read from its interval logs alone",
            0,
            0,
            0,
            latency.getTotalCount() / seconds,
            latency.getTotalCount() / seconds,
            0,
            startMs,
            startMs + (long)(seconds * 1000),
            false,
            isRepetition ? Integer.parseInt(name.substring(REPETITION_PREFIX.length())) : 1);
    }

    private static List<Path> hlogs(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".hlog")).sorted().toList();
        }
    }

    private static Histogram newHistogram()
    {
        return new Histogram(3);
    }
}
