package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoadRun;
import io.tickloop.loadgen.game.BotTransport;
import io.tickloop.loadgen.game.GameLoadConfig;
import io.tickloop.loadgen.game.GameLoadResult;
import io.tickloop.loadgen.game.GameLoadRun;
import io.tickloop.loadgen.game.GameScenario;
import io.tickloop.loadgen.lab.LossLab;
import io.tickloop.loadgen.report.ConsoleReport;
import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFilesWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** The loader line of each run sits under its name, as its progress lines do. */
    private static final String LOADER_INDENT = "    ";

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
     * Runs scenario by scenario; within a scenario, repetition by repetition, each running every model in the
     * order {@link CompareSettings#modelsInOrder} gives it.
     *
     * @param folder where each run's folder goes, as {@code scenario/model/rep-N}.
     * @return every run's figures, in the order they ran.
     * @throws IOException when a result folder cannot be written.
     */
    public List<RunFigures> run(final Path folder) throws IOException
    {
        final List<RunFigures> runs = new ArrayList<>();
        final int total = settings.runCount();
        int index = 0;
        for (final ScenarioRun scenarioRun : settings.scenarioRuns())
        {
            for (int repetition = 1; repetition <= settings.repeat(); repetition++)
            {
                for (final ServerModel serverModel : settings.modelsInOrder(repetition))
                {
                    final String model = serverModel.toString();
                    index++;
                    final String name = String.format(Locale.ROOT, "[%d/%d] %s on %s, rep %d", index, total,
                        scenarioRun.label(), model, repetition);
                    out.println(name);
                    final Path runFolder = folder.resolve(scenarioRun.label()).resolve(model)
                        .resolve(RunFilesReader.repetitionFolder(repetition));
                    final RunRecord record = runOne(scenarioRun, model, repetition, runFolder);
                    out.println(name + ": " + record.status() +
                        (record.note().isEmpty() ? "" : " (" + record.note() + ")"));
                    runs.add(RunFilesReader.load(runFolder));
                }
            }
        }
        return runs;
    }

    private RunRecord runOne(final ScenarioRun run, final String model, final int repetition, final Path folder)
        throws IOException
    {
        final Scenario scenario = run.scenario();
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", ServerProcess.freePort());
        final List<String> serverArgs = new ArrayList<>(List.of("--model", model,
            "--service", scenario.isGame() ? "game" : "ping", "--port", Integer.toString(address.getPort()),
            "--max-connections", Integer.toString(settings.maxConnections() + 64)));
        if (run.transport() == BotTransport.UDP)
        {
            serverArgs.addAll(List.of("--udp-port", "0"));
        }
        // ws: the bots target the server's second listener, on a port chosen as the TCP one is
        final InetSocketAddress botTarget = run.transport() == BotTransport.WS ?
            new InetSocketAddress("127.0.0.1", ServerProcess.freePort()) : address;
        if (run.transport() == BotTransport.WS)
        {
            serverArgs.addAll(List.of("--ws-port", Integer.toString(botTarget.getPort())));
        }
        final Outcome outcome = new Outcome(run, model, repetition, folder);
        try (ServerProcess server = ServerProcess.start(
            serverJar, pinning.serverPrefix(), serverArgs, folder.resolve("server.log")))
        {
            server.awaitListening(address, START_TIMEOUT_MS);
            if (botTarget != address)
            {
                server.awaitListening(botTarget, START_TIMEOUT_MS);
            }
            final ProcessSampler sampler = new ProcessSampler(server.pid(), SAMPLE_INTERVAL_MS);
            RunRecord record;
            try
            {
                if (run.inLossLab())
                {
                    LossLab.dropShare(run.lossPercent()); // once the server listens: its start is not the test
                }
                record = scenario.isGame() ? runGame(settings.gameLoad(botTarget, run.transport()), outcome) :
                    runPing(settings.pingLoad(scenario, address), outcome);
            }
            finally
            {
                if (run.inLossLab())
                {
                    LossLab.dropShare(0);
                }
                ProcessSampler.writeCsv(sampler.stop(), folder.resolve(RunFilesReader.SAMPLES_FILE));
            }
            final int exitCode = server.stop(STOP_TIMEOUT_MS);
            if (exitCode != 143 && exitCode != 0)
            {
                record = record.with(record.status(), "the server exited with code " + exitCode + " (" +
                    server.logTail() + ")");
            }
            record.write(folder);
            return record;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            final RunRecord failed = outcome.failed(ex.getMessage());
            failed.write(folder);
            return failed;
        }
    }

    private RunRecord runPing(final LoadConfig config, final Outcome outcome) throws IOException
    {
        final String comment = "tickloop compare " + outcome.run.label() + " " + outcome.model + " rep " +
            outcome.repetition + " " + config;
        final LoadResult result;
        try (HlogIntervalLog hlog = new HlogIntervalLog(
            outcome.folder.resolve(RunFilesWriter.RUN_HLOG), System.currentTimeMillis(), comment))
        {
            result = new LoadRun(config).run(interval ->
            {
                hlog.onInterval(interval);
                if (!quiet)
                {
                    out.println("    " + ConsoleReport.progressLine(interval));
                }
            });
        }
        RunFilesWriter.write(result, outcome.folder);
        ConsoleReport.printLoader(result.loader(), result.latency(), out, LOADER_INDENT);
        final String errorKinds = result.errors().entrySet().stream().filter(entry -> entry.getValue() > 0)
            .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
        return outcome.measured(result.connected(), config.connections(), config.ratePerSecond(),
            result.achievedRatePerSecond(), result.receivedRatePerSecond(), result.isRateAchieved(),
            result.totalErrors(), config.maxErrors(), errorKinds, result.measureStartEpochMs(),
            result.measureEndEpochMs());
    }

    private RunRecord runGame(final GameLoadConfig config, final Outcome outcome) throws IOException
    {
        final GameLoadResult result;
        try (PrintStream log = new PrintStream(
            Files.newOutputStream(outcome.folder.resolve("load.txt")), true, StandardCharsets.UTF_8))
        {
            result = GameScenario.run(config, outcome.folder, quiet ? log : out, quiet, new GameLoadRun(config));
        }
        if (quiet)
        {
            // Otherwise the bots' report, loader line included, went to the console already.
            ConsoleReport.printLoader(result.loader(), result.histogram(0), out, LOADER_INDENT);
        }
        final long targetRate = Math.round(config.bots() * config.moveHz());
        final long measureStartEpochMs = result.measureStartEpochMs();
        // received: what the server sent the bots (STATEs, chat fan-out), so that server CPU per message in or out
        // can be had from the record
        final RunRecord record = outcome.measured(result.connected(), config.bots(), targetRate,
            result.movesPerSecond(), result.messagesReceivedPerSecond(), result.movesPerSecond() >= 0.99 * targetRate,
            result.errors(), config.maxErrors(), "kicks, closes or input seq going backwards", measureStartEpochMs,
            measureStartEpochMs + result.measuredNs() / 1_000_000);
        if (record.note().isEmpty() && (outcome.run.transport() == BotTransport.UDP || outcome.run.inLossLab()))
        {
            // what the table has no column for, and what UDP and loss change: the snapshots' rhythm and losses
            return record.with(record.status(), String.format(Locale.ROOT,
                "STATE interval p99 %.1f ms, %.2f%% of STATE ticks never seen",
                result.histogram(2).getValueAtPercentile(99) / 1e6, result.statesLostShare() * 100));
        }
        return record;
    }

    /** Turns what a run measured into its record: ok, or why not. */
    private final class Outcome
    {
        private final ScenarioRun run;
        private final String model;
        private final int repetition;
        private final Path folder;

        Outcome(final ScenarioRun run, final String model, final int repetition, final Path folder)
            throws IOException
        {
            this.run = run;
            this.model = model;
            this.repetition = repetition;
            this.folder = folder;
            Files.createDirectories(folder);
        }

        RunRecord failed(final String why)
        {
            final long nowMs = System.currentTimeMillis();
            return new RunRecord(run.label(), model, "failed", null == why ? "" : why,
                settings.connections(run.scenario()), 0, 0, 0, 0, 0, nowMs, nowMs, pinning.isPinned(), repetition);
        }

        RunRecord measured(
            final long connected,
            final int connections,
            final long targetRate,
            final double achievedRate,
            final double receivedRate,
            final boolean rateAchieved,
            final long errors,
            final long maxErrors,
            final String errorKinds,
            final long measureStartEpochMs,
            final long measureEndEpochMs)
        {
            final RunRecord record = new RunRecord(run.label(), model, RunRecord.OK, "", connections,
                connected, targetRate, achievedRate, receivedRate, errors, measureStartEpochMs, measureEndEpochMs,
                pinning.isPinned(), repetition);
            if (connected == 0)
            {
                return record.with("failed", "no connection came up");
            }
            if (errors > maxErrors)
            {
                return record.with("errors", errors + " errors (" + errorKinds + ")");
            }
            if (connected < connections)
            {
                return record.with("partial", "only " + connected + " of " + connections + " connections came up");
            }
            if (!rateAchieved)
            {
                return record.with("short-of-rate", String.format(Locale.ROOT, "sent %,.0f of the %,d msg/s asked",
                    achievedRate, targetRate));
            }
            return record;
        }
    }

}
