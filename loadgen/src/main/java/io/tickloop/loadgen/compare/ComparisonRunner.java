package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoadRun;
import io.tickloop.loadgen.report.ConsoleReport;
import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs every (scenario, model) of a comparison in turn: a fresh server process, the load from this process,
 * a graceful stop, and a folder of results. A model that fails or falls short is recorded as such, with what
 * it measured, and the comparison goes on.
 */
public final class ComparisonRunner
{
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 20_000;
    private static final long SAMPLE_INTERVAL_MS = 1_000;

    private final CompareSettings settings;
    private final Path serverJar;
    private final CpuPinning pinning;
    private final PrintStream out;
    private final boolean quiet;

    /**
     * @param settings what to run.
     * @param serverJar the runnable server jar.
     * @param pinning where the servers run, when pinned.
     * @param out where progress goes.
     * @param quiet true to print one line per run instead of a progress line a second.
     */
    public ComparisonRunner(
        final CompareSettings settings,
        final Path serverJar,
        final CpuPinning pinning,
        final PrintStream out,
        final boolean quiet)
    {
        this.settings = settings;
        this.serverJar = serverJar;
        this.pinning = pinning;
        this.out = out;
        this.quiet = quiet;
    }

    /**
     * @param folder where each run's folder goes, as {@code scenario/model}.
     * @return every run's figures, scenario by scenario.
     * @throws IOException when a result folder cannot be written.
     */
    public List<RunFigures> run(final Path folder) throws IOException
    {
        final List<RunFigures> runs = new ArrayList<>();
        final int total = settings.scenarios().size() * settings.models().size();
        int index = 0;
        for (final Scenario scenario : settings.scenarios())
        {
            for (final String model : settings.models())
            {
                index++;
                out.printf("[%d/%d] %s on %s%n", index, total, scenario.cliName(), model);
                final Path runFolder = folder.resolve(scenario.cliName()).resolve(model);
                final RunRecord record = runOne(scenario, model, runFolder);
                out.printf("[%d/%d] %s on %s: %s%s%n", index, total, scenario.cliName(), model, record.status(),
                    record.note().isEmpty() ? "" : " (" + record.note() + ")");
                runs.add(RunFolder.load(runFolder));
            }
        }
        return runs;
    }

    private RunRecord runOne(final Scenario scenario, final String model, final Path folder) throws IOException
    {
        final String unavailable = scenario.unavailableReason();
        if (null != unavailable)
        {
            return record(scenario, model, "skipped", unavailable, null, folder);
        }
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", freePort());
        final List<String> serverArgs = List.of("--model", model, "--service", "ping",
            "--port", Integer.toString(address.getPort()),
            "--max-connections", Integer.toString(settings.maxConnections() + 64));
        try (ServerProcess server = ServerProcess.start(
            serverJar, pinning.serverPrefix(), serverArgs, folder.resolve("server.log")))
        {
            server.awaitListening(address, START_TIMEOUT_MS);
            final ProcessSampler sampler = new ProcessSampler(server.pid(), SAMPLE_INTERVAL_MS);
            final LoadResult result;
            try
            {
                result = load(scenario.loadConfig(settings, address), scenario, model, folder);
            }
            finally
            {
                ProcessSampler.writeCsv(sampler.stop(), folder.resolve(RunFolder.SAMPLES_FILE));
            }
            final int exitCode = server.stop(STOP_TIMEOUT_MS);
            RunFiles.write(result, folder);
            final String stopNote = exitCode == 143 || exitCode == 0 ? "" :
                "; the server exited with code " + exitCode + " (" + server.logTail() + ")";
            return classify(scenario, model, result, stopNote, folder);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return record(scenario, model, "failed", ex.getMessage(), null, folder);
        }
    }

    private LoadResult load(final LoadConfig config, final Scenario scenario, final String model, final Path folder)
        throws IOException
    {
        final String comment = "tickloop compare " + scenario.cliName() + " " + model + " " + config;
        try (HlogIntervalLog hlog = new HlogIntervalLog(
            folder.resolve(RunFiles.RUN_HLOG), System.currentTimeMillis(), comment))
        {
            return new LoadRun(config).run(interval ->
            {
                hlog.onInterval(interval);
                if (!quiet)
                {
                    out.println("    " + ConsoleReport.progressLine(interval));
                }
            });
        }
    }

    private RunRecord classify(
        final Scenario scenario, final String model, final LoadResult result, final String stopNote, final Path folder)
        throws IOException
    {
        final LoadConfig config = result.config();
        if (result.connected() == 0)
        {
            return record(scenario, model, "failed", "no connection came up" + stopNote, result, folder);
        }
        if (result.totalErrors() > config.maxErrors())
        {
            final String kinds = result.errors().entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
            return record(scenario, model, "errors", result.totalErrors() + " errors (" + kinds + ")" + stopNote,
                result, folder);
        }
        if (result.connected() < config.connections())
        {
            return record(scenario, model, "partial", "only " + result.connected() + " of " + config.connections() +
                " connections came up" + stopNote, result, folder);
        }
        if (!result.isRateAchieved())
        {
            return record(scenario, model, "short-of-rate", String.format(Locale.ROOT,
                "sent %,.0f of the %,d msg/s asked%s", result.achievedRatePerSecond(), config.ratePerSecond(),
                stopNote), result, folder);
        }
        return record(scenario, model, RunRecord.OK, stopNote.isEmpty() ? "" : stopNote.substring(2), result, folder);
    }

    private RunRecord record(
        final Scenario scenario,
        final String model,
        final String status,
        final String note,
        final LoadResult result,
        final Path folder) throws IOException
    {
        final long endMs = null == result ? System.currentTimeMillis() : result.endEpochMs();
        final RunRecord record = new RunRecord(
            scenario.cliName(),
            model,
            status,
            null == note ? "" : note,
            scenario.connections(settings),
            null == result ? 0 : result.connected(),
            null == result ? 0 : result.config().ratePerSecond(),
            null == result ? 0 : result.achievedRatePerSecond(),
            null == result ? 0 : result.receivedRatePerSecond(),
            null == result ? 0 : result.totalErrors(),
            null == result ? endMs : endMs - result.measuredNs() / 1_000_000,
            endMs,
            pinning.isPinned());
        record.write(folder);
        return record;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
