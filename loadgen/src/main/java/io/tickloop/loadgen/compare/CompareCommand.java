package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tickloop compare}: every socket model under the same loads, latency histograms side by side.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    defaultValueProvider = CompareCommand.Defaults.class,
    description = {
        "Run every socket model under the same scenarios and compare them. For each (scenario, model, repetition):",
        "start the server as a child JVM (same heap and flags for every model), wait until it accepts, drive it",
        "from this process, sample its CPU, RSS, threads and descriptors from /proc every second, stop it",
        "gracefully. A model that fails or falls short is reported as such, with its partial figures, and the run",
        "goes on. Each scenario runs --repeat times, the models' order rotated by one each time; the tables give",
        "the median and spread (min-max) of every figure, mark a column's best only when its spread stands clear",
        "of every other model's, and mark ~ the leaders whose spreads overlap: within noise. The defaults (3",
        "repetitions of 2s after a 1s warm-up) keep the full comparison near 6 minutes on 2 cores.",
        "",
        "Scenarios: rtt (closed loop, 1 request in flight per connection), rate (open loop at --rate),",
        "c10k (many connections at a low rate each), game (bots in rooms against --service game; its latency",
        "is the input latency, MOVE sent -> first STATE showing it, and its msg/s the MOVEs sent).",
        "--transports tcp,ws runs the game twice, the second as game-ws over the server's --ws-port: the",
        "CPU us/msg column (server CPU time per message in or out) beside game's is what WebSocket costs.",
        "",
        "Writes, under --out: index.html (self-contained, charts embedded), summary.md, summary.json, charts/,",
        "and per run scenario/model/rep-N/ with latency.hgrm, service.hgrm, run.hlog, summary.json,",
        "server-samples.csv, server.log and run.properties. 'tickloop report' redraws it from those files.",
        "",
        "Exit codes: 0 when at least one run produced figures, 1 when none did, 2 for bad flags."
    })
public final class CompareCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private CompareOptions options;

    @Mixin
    private RunOptions run;

    @Option(names = "--pin", order = 89,
        description = "Pin the servers to the first half of the cores and the load generator to the rest " +
            "(taskset). Default: off; the report says which.")
    private boolean pin;

    @Option(names = "--out", order = 90, paramLabel = "DIR",
        description = "Report folder. Default: results/compare-<timestamp>.")
    private Path out;

    @Override
    public Integer call() throws IOException
    {
        final CompareSettings settings = options.settings(run);
        final PrintStream console = System.out;
        final Path folder = null != out ? out : Path.of("results",
            "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final CpuPinning pinning = pin ? CpuPinning.pinThisProcess() : CpuPinning.none();
        final String context = Machine.describe() + "\n" + pinning.describe() + "\ncommand: tickloop " +
            String.join(" ", spec.commandLine().getParseResult().originalArgs());
        console.println("tickloop compare: " + settings.runCount() + " runs into " + folder.toAbsolutePath());
        console.println(context);

        final List<RunFigures> runs = new ComparisonRunner(
            settings, TickloopHome.serverJar(), pinning, console, run.isQuiet()).run(folder);
        final ComparisonReport report = new ComparisonReport(runs, context);
        report.printConsole(console);
        report.write(folder);
        console.println("report: " + folder.resolve("index.html").toAbsolutePath());
        return runs.stream().anyMatch(figures -> figures.record().hasFigures()) ? 0 : 1;
    }

    /**
     * Where {@code compare}'s defaults differ from {@code load}'s for a flag they share: shorter runs, since each
     * (scenario, model) runs {@code --repeat} times. 72 runs by default (4 scenarios, 6 models, 3 repetitions).
     */
    static final class Defaults implements IDefaultValueProvider
    {
        /** {@code load}'s warm-up flag; RunOptions names only the duration's. */
        private static final String WARMUP = "--warmup";

        @Override
        public String defaultValue(final ArgSpec arg)
        {
            if (!(arg instanceof OptionSpec option))
            {
                return null;
            }
            return switch (option.longestName())
            {
                case RunOptions.DURATION -> "2s";
                case WARMUP -> "1s";
                default -> null;
            };
        }
    }
}
