package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.LoadgenCommand;
import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.loadgen.game.BotTransport;
import io.tickloop.loadgen.lab.LossLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole comparison on a small scale: a real server child process per model, the load from this JVM, a
 * report folder. Needs the server jar, which the build makes before these tests run.
 */
class CompareCommandTest
{
    @TempDir
    Path folder;

    @Test
    void shouldCompareTwoModelsTwiceEndToEnd() throws Exception
    {
        final String console = compare("--models", "selector,virtual", "--scenarios", "rtt", "--rtt-connections", "20",
            "--repeat", "2");

        for (final String name : new String[]{"rtt/selector", "rtt/virtual"})
        {
            final Path run = assertRunWritten(name, 2, console);
            assertTrue(Files.exists(run.resolve("latency.hgrm")));
        }
        assertTrue(console.contains("[2/4] rtt on virtual, rep 1") && console.contains("[3/4] rtt on virtual, rep 2"),
            "the second repetition runs the models in an order rotated by one");
        assertEquals(4, console.split("\n    loader: cpu ", -1).length - 1, "one loader line per run: " + console);
        assertTrue(Files.exists(folder.resolve("index.html")));
        final String markdown = Files.readString(folder.resolve("summary.md"));
        assertTrue(markdown.contains("| virtual | ok |"), markdown);
        assertTrue(markdown.matches("(?s).*\\| selector \\| ok \\| [^|]*[0-9] \\([0-9,.]+-[0-9,.]+\\)[^|]*\\|.*"),
            "a cell gives the median and the spread: " + markdown);
    }

    @Test
    void shouldRunTheGameBotsAgainstAGameServerEndToEnd() throws Exception
    {
        final String console = compare("--models", "selector", "--scenarios", "game", "--game-bots", "40",
            "--game-rooms", "2", "--repeat", "1");

        final Path run = assertRunWritten("game/selector", 1, console);
        assertTrue(Files.exists(run.resolve("input.hgrm")));
        assertTrue(RunFilesReader.load(run).latency().getTotalCount() > 0, "the game's input latency is its latency");
        assertTrue(console.contains("\n    loader: cpu "), "the bots' loader line: " + console);
    }

    @Test
    void shouldRunTheGameOverTheServersWebSocketPortAsGameWs() throws Exception
    {
        final String console = compare("--models", "selector", "--scenarios", "game", "--transports", "ws",
            "--game-bots", "40", "--game-rooms", "2", "--repeat", "1");

        final Path run = assertRunWritten("game-ws/selector", 1, console);
        final String summary = Files.readString(run.resolve("summary.json"));
        // every bot upgraded: the server was started with --ws-port and the bots spoke WebSocket to it
        assertTrue(summary.contains("\"transport\": \"ws\"") && summary.contains("\"wsUpgrades\": 40"), summary);
        final RunFigures figures = RunFilesReader.load(run);
        assertTrue(figures.latency().getTotalCount() > 0, "input latency over WebSocket");
        assertTrue(figures.record().receivedRate() > figures.record().achievedRate(),
            "the bots received STATEs and chats, more than the MOVEs they sent: " + figures.record());
        assertTrue(console.contains("CPU us/msg"), console);
    }

    private String compare(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exitCode;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try
        {
            final List<String> command = new ArrayList<>(List.of("compare"));
            command.addAll(List.of(args));
            command.addAll(List.of("--duration", "1s", "--warmup", "1s", "--quiet", "--out", folder.toString()));
            exitCode = LoadgenCommand.commandLine().execute(command.toArray(String[]::new));
        }
        finally
        {
            System.setOut(stdout);
        }
        final String console = out.toString(StandardCharsets.UTF_8);
        System.out.println(console);
        assertEquals(0, exitCode, console);
        return console;
    }

    private Path assertRunWritten(final String name, final int repetition, final String console) throws Exception
    {
        final String model = name.substring(name.indexOf('/') + 1);
        final Path run = folder.resolve(name).resolve("rep-" + repetition);
        assertEquals(repetition, RunRecord.read(run).repetition());
        assertEquals(RunRecord.OK, RunRecord.read(run).status(), console);
        assertTrue(Files.size(run.resolve("run.hlog")) > 0);
        assertTrue(ProcessSampler.readCsv(run.resolve(RunFilesReader.SAMPLES_FILE)).size() >= 2);
        assertTrue(Files.readString(run.resolve("server.log")).contains("model=" + model));
        return run;
    }

    @Test
    void shouldKeepItsOwnDurationDefaultAndListTheModelsAndScenariosInTheHelp()
    {
        final StringWriter help = new StringWriter();

        assertEquals(0, commandLine(help, new StringWriter()).execute("compare", "--help"));
        final String text = help.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("after its warm-up (such as 30s, 2m). Default: 2s."), text);
        assertTrue(text.contains("across its runs. Default: 1s."), text);
        assertTrue(text.contains("--repeat=N") && text.contains("(1..100)") && text.contains("Default: 3."), text);
        assertTrue(text.contains("of selector, reactors, blocking, virtual, async, polling."), text);
        assertTrue(text.contains("of rtt, rate, c10k, game."), text);
    }

    @Test
    void shouldRejectAZeroDurationNamingTheFlag()
    {
        final StringWriter err = new StringWriter();

        assertEquals(2, commandLine(new StringWriter(), err).execute("compare", "--duration", "0s"));
        assertTrue(err.toString().startsWith("tickloop compare: --duration must be at least 1ms, was 0ms"),
            err.toString());
    }

    @Test
    void shouldRejectARepeatOutsideItsBoundsNamingTheFlag()
    {
        final StringWriter err = new StringWriter();

        assertEquals(2, commandLine(new StringWriter(), err).execute("compare", "--repeat", "0"));
        assertTrue(err.toString().contains("--repeat"), err.toString());
    }

    @Test
    void shouldRejectAnUnknownModelOrScenarioWithExitCodeTwo()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = commandLine(new StringWriter(), err);

        assertEquals(2, commandLine.execute("compare", "--models", "selector,fibers"));
        assertEquals(2, commandLine.execute("compare", "--scenarios", "chess"));
        assertTrue(err.toString().contains("--models") && err.toString().contains(
            "'fibers' is not one of [selector, reactors, blocking, virtual, async, polling]"), err.toString());
        assertTrue(err.toString().contains("'chess' is not one of [rtt, rate, c10k, game]"), err.toString());
    }

    @Test
    void shouldRefuseLossOutsideTheLabAndALossOutOfBoundsWithExitCodeTwo()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = commandLine(new StringWriter(), err);

        assertEquals(2, commandLine.execute("compare", "--loss", "101"));
        assertTrue(err.toString().contains("--loss"), err.toString());
        if (!LossLab.isInside())
        {
            assertEquals(2, commandLine.execute("compare", "--loss", "0,2"));
            assertTrue(err.toString().contains("run it through bin/tickloop"), err.toString());
        }
    }

    @Test
    void shouldRunTheGameOncePerTransportAndEveryScenarioOncePerLoss()
    {
        final List<BotTransport> both = List.of(BotTransport.TCP, BotTransport.UDP);
        final List<ScenarioRun> runs = new CompareSettings(List.of(ServerModel.values()),
            List.of(Scenario.RTT, Scenario.GAME), 2, 1000, 1000, 64, 1000, 0, 10, 10, 10, 10, 1, 10, 1, 10, 0,
            EngineIdle.SELECT, both, List.of(0, 2)).scenarioRuns();

        assertEquals(List.of("rtt-loss0", "rtt-loss2", "game-loss0", "game-loss2", "game-udp-loss0", "game-udp-loss2"),
            runs.stream().map(ScenarioRun::label).toList());
        assertEquals("bots playing the game: MOVE sent -> first STATE that shows it; MOVE and STATE by UDP; 2% of " +
            "loopback packets dropped", ScenarioRun.describe("game-udp-loss2"));
        assertEquals(Scenario.RATE.description(), ScenarioRun.describe("rate"));
        assertEquals("", ScenarioRun.describe("chess-udp"));
        final CompareSettings outsideTheLab = new CompareSettings(List.of(ServerModel.values()),
            List.of(Scenario.RTT, Scenario.GAME), 3, 1000, 1000, 64, 1000, 0, 10, 10, 10, 10, 1, 10, 1, 10, 0,
            EngineIdle.SELECT, List.of(BotTransport.TCP), List.of());
        assertEquals(List.of("rtt", "game"), outsideTheLab.scenarioRuns().stream().map(ScenarioRun::label).toList());
        assertEquals(2 * ServerModel.values().length * 3, outsideTheLab.runCount());
    }

    @Test
    void shouldRunTheGameOverWebSocketAsGameWs()
    {
        final List<ScenarioRun> runs = new CompareSettings(List.of(ServerModel.SELECTOR),
            List.of(Scenario.RTT, Scenario.GAME), 2, 1000, 1000, 64, 1000, 0, 10, 10, 10, 10, 1, 10, 1, 10, 0,
            EngineIdle.SELECT, List.of(BotTransport.TCP, BotTransport.WS), List.of()).scenarioRuns();

        assertEquals(List.of("rtt", "game", "game-ws"), runs.stream().map(ScenarioRun::label).toList());
        assertEquals("bots playing the game: MOVE sent -> first STATE that shows it; every frame a WebSocket " +
            "message, on the server's --ws-port", ScenarioRun.describe("game-ws"));
        assertEquals(ScenarioRun.describe("game") + "; every frame a WebSocket message, on the server's --ws-port; " +
            "2% of loopback packets dropped", ScenarioRun.describe("game-ws-loss2"));

        final StringWriter help = new StringWriter();
        assertEquals(0, commandLine(help, new StringWriter()).execute("compare", "--help"));
        final String text = help.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("of tcp, udp, ws;") && text.contains("ws as game-ws, its servers started with " +
            "--ws-port on a free port"), text);
    }

    @Test
    void shouldGiveTheServerCpuPerMessageInOrOut()
    {
        final RunRecord record = new RunRecord("game-ws", "selector", RunRecord.OK, "", 1000, 1000, 10_000, 10_000,
            30_000, 0, 0, 2_000, false, 1);
        final RunFigures figures = new RunFigures(record, new org.HdrHistogram.Histogram(3),
            new org.HdrHistogram.Histogram(3), List.of(), 0.4, 0, Double.NaN, 0);

        assertEquals(10.0, ComparisonTable.SERVER_CPU_PER_MESSAGE.value().applyAsDouble(figures), 1e-9,
            "0.4 cores over 40,000 messages a second");
        final RunRecord idle = new RunRecord("rtt", "selector", "failed", "", 1, 0, 0, 0, 0, 0, 0, 0, false, 1);
        assertTrue(Double.isNaN(ComparisonTable.SERVER_CPU_PER_MESSAGE.value().applyAsDouble(
            new RunFigures(idle, new org.HdrHistogram.Histogram(3), new org.HdrHistogram.Histogram(3), List.of(), 0.1,
                0, Double.NaN, 0))));
    }

    private static CommandLine commandLine(final StringWriter out, final StringWriter err)
    {
        final CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }
}
