package io.tickloop.loadgen.report;

import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoaderFigures;
import io.tickloop.cli.Durations;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the files a run leaves in its output folder: {@code latency.hgrm} and {@code service.hgrm} (HdrHistogram
 * percentile distributions in microseconds) and {@code summary.json}. The interval log {@code run.hlog} is
 * kept during the run and written after it by {@link HlogIntervalLog}; {@code compare}'s {@code RunFilesReader}
 * reads them back.
 */
public final class RunFilesWriter
{
    /** Latency percentile distribution. */
    public static final String LATENCY_HGRM = "latency.hgrm";
    /** Service-time percentile distribution. */
    public static final String SERVICE_HGRM = "service.hgrm";
    /** The JSON summary. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The interval log. */
    public static final String RUN_HLOG = "run.hlog";

    private RunFilesWriter()
    {
    }

    /**
     * Write the percentile distributions and the summary.
     *
     * @param result of the run.
     * @param directory to write into; created when missing.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final LoadResult result, final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        writeHgrm(result.latency(), directory.resolve(LATENCY_HGRM));
        writeHgrm(result.service(), directory.resolve(SERVICE_HGRM));
        Files.writeString(directory.resolve(SUMMARY_JSON), summaryJson(result), StandardCharsets.UTF_8);
    }

    /**
     * Write a histogram's percentile distribution, values in microseconds.
     *
     * @param histogram in nanoseconds.
     * @param file to write.
     * @throws IOException when it cannot be written.
     */
    public static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
    }

    /**
     * @param result of the run.
     * @return its JSON summary: parameters, times, counts, errors by kind, percentiles (us) and rates.
     */
    public static String summaryJson(final LoadResult result)
    {
        final LoadConfig config = result.config();
        final JsonWriter json = new JsonWriter().beginObject(null);
        json.beginObject("parameters")
            .value("target", config.target().getHostString() + ":" + config.target().getPort())
            .value("connections", config.connections())
            .value("rate", config.ratePerSecond())
            .value("mode", config.isOpenLoop() ? "open-loop" : "closed-loop")
            .value("pipeline", config.pipeline())
            .value("duration", Durations.format(config.durationMs()))
            .value("durationMs", config.durationMs())
            .value("warmupMs", config.warmupMs())
            .value("size", config.messageSize())
            .value("threads", config.threads())
            .value("connectRate", config.connectRatePerSecond())
            .value("timeoutMs", config.timeoutMs())
            .value("maxErrors", config.maxErrors())
            .value("idle", config.idle().toString());
        json.beginArray("sourceAddresses");
        for (final InetAddress address : config.effectiveSourceAddresses())
        {
            json.value(null, address.getHostAddress());
        }
        json.endArray().endObject();
        json.value("startTime", Instant.ofEpochMilli(result.startEpochMs()).toString())
            .value("endTime", Instant.ofEpochMilli(result.endEpochMs()).toString())
            .value("measuredMs", result.measuredNs() / 1_000_000L)
            .value("stoppedEarly", result.isStoppedEarly());
        json.beginObject("counts")
            .value("connected", result.connected())
            .value("sent", result.sent())
            .value("received", result.received())
            .value("measuredSent", result.measuredSent())
            .value("measuredReceived", result.measuredReceived())
            .value("unsent", result.unsent())
            .value("warmupSamples", result.warmupLatency().getTotalCount())
            .endObject();
        json.beginObject("errors").value("total", result.totalErrors());
        for (final ErrorKind kind : ErrorKind.values())
        {
            json.value(kind.label(), result.errors().get(kind));
        }
        json.endObject();
        json.value("targetRate", config.ratePerSecond())
            .value("achievedRate", result.achievedRatePerSecond())
            .value("receivedRate", result.receivedRatePerSecond())
            .value("rateAchieved", result.isRateAchieved())
            .value("success", result.isSuccess());
        percentiles(json, "latencyUs", result.latency());
        percentiles(json, "serviceUs", result.service());
        loader(json, result.loader(), result.latency());
        return json.endObject().toString();
    }

    /**
     * Add what the load generator measured of itself: {@code loader} with {@code cpuCores}, {@code sendLagUs} and
     * {@code pollGapUs} (count, p50, p99, max each) and {@code suspect}, true when either p99 is a large share of
     * the latency's. A poll gap bounds how long a reply waited in the socket before it was read; the wait itself
     * is not there: Java has no receive timestamps.
     *
     * @param json to add to.
     * @param loader the figures.
     * @param latency the run's measured latency in ns, which the lag and gaps are weighed against.
     */
    public static void loader(final JsonWriter json, final LoaderFigures loader, final Histogram latency)
    {
        json.beginObject("loader").value("cpuCores", loader.cpuCores());
        briefly(json, "sendLagUs", loader.sendLag());
        briefly(json, "pollGapUs", loader.pollGap());
        json.value("suspect", loader.isSuspect(latency)).endObject();
    }

    /** Add a histogram's count, p50, p99 and max in microseconds as one object. */
    private static void briefly(final JsonWriter json, final String name, final Histogram histogram)
    {
        final boolean empty = histogram.getTotalCount() == 0;
        json.beginObject(name)
            .value("count", histogram.getTotalCount())
            .value("p50", empty ? Double.NaN : histogram.getValueAtPercentile(50.0) / 1e3)
            .value("p99", empty ? Double.NaN : histogram.getValueAtPercentile(99.0) / 1e3)
            .value("max", empty ? Double.NaN : histogram.getMaxValue() / 1e3)
            .endObject();
    }

    /**
     * Add a histogram's count, percentiles, max, mean and standard deviation, in microseconds, as one object.
     *
     * @param json to add to.
     * @param name of the object.
     * @param histogram in nanoseconds.
     */
    public static void percentiles(final JsonWriter json, final String name, final Histogram histogram)
    {
        json.beginObject(name).value("count", histogram.getTotalCount());
        final boolean empty = histogram.getTotalCount() == 0;
        for (int i = 0; i < ConsoleReport.PERCENTILES.length; i++)
        {
            json.value(ConsoleReport.PERCENTILE_NAMES[i],
                empty ? Double.NaN : histogram.getValueAtPercentile(ConsoleReport.PERCENTILES[i]) / 1e3);
        }
        json.value("max", empty ? Double.NaN : histogram.getMaxValue() / 1e3)
            .value("mean", empty ? Double.NaN : histogram.getMean() / 1e3)
            .value("stddev", empty ? Double.NaN : histogram.getStdDeviation() / 1e3)
            .endObject();
    }
}
