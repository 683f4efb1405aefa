package io.tickloop.loadgen;

import io.tickloop.cli.Flags;
import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoadRun;
import io.tickloop.loadgen.game.BotOptions;
import io.tickloop.loadgen.game.BotTransport;
import io.tickloop.loadgen.game.GameLoadConfig;
import io.tickloop.loadgen.game.GameLoadResult;
import io.tickloop.loadgen.game.GameLoadRun;
import io.tickloop.loadgen.game.GameScenario;
import io.tickloop.loadgen.lab.LossLab;
import io.tickloop.loadgen.report.ConsoleReport;
import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFilesWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tickloop load}: drive a server with PINGs, check every reply and record latency histograms.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    version = "tickloop load 0.1.0",
    description = {
        "Drive a tickloop server (ping or echo service) with PINGs from many connections, check every reply",
        "and record latency from each PING's intended send time (open loop, no coordinated omission) and",
        "service time from its actual write, in HdrHistogram form (--scenario ping, the default).",
        "",
        "--scenario game plays --service game with --connections bots on one thread: each HELLOs, JOINs",
        "one of --rooms rooms, MOVEs at --move-hz (open loop) and CHATs at --chat-rate, and answers",
        "heartbeats. It records input latency (a MOVE's intended send time to the first STATE showing its",
        "input seq), chat fan-out latency (CHAT send to each other member), the interval between STATEs,",
        "and STATE bytes/s; --out gets input.hgrm, chat.hgrm, state-interval.hgrm, run.hlog, summary.json.",
        "--transport ws plays over WebSocket: point --target at the server's --ws-port, e.g.",
        "  bin/tickloop server --service game --ws-port 8080 &",
        "  bin/tickloop load --scenario game --transport ws --target 127.0.0.1:8080",
        "",
        "Open loop by default: --rate PINGs/s are spread evenly over the connections, each on its own",
        "schedule with a random phase. --rate 0 --pipeline K is closed loop: K requests in flight per",
        "connection. A run that sends more than 1%% below --rate says WARNING: TARGET RATE NOT ACHIEVED.",
        "",
        "Errors, counted by kind: connect (failed connect), sequence (reply out of order), timeout (no",
        "reply within --timeout; the connection is dropped), closed (server closed or I/O failed),",
        "protocol (not a PING/PONG of --size bytes). Dropped connections are not reopened.",
        "",
        "SIGINT/SIGTERM stops sending and reports what was measured so far (then the JVM exits 130/143).",
        "",
        "Exit codes: 0 the run completed with at most --max-errors errors (a missed target rate is a",
        "warning, not a failure); 1 no connection came up, more errors than --max-errors, or the output",
        "could not be written; 2 bad flags.",
        "",
        "The engine thread sleeps in its selector between sends by default (--idle select) and reports on",
        "itself: a 'loader:' line gives its CPU in cores, its send lag (actual write minus intended",
        "time) and its poll gap (time between two looks at its sockets while a reply is awaited: the",
        "longest a reply sat there unread), and a warning says when the lag or the gap is a large share",
        "of the measured p99. bin/tickloop sets the timer slack to 1 ns so that its short waits wake on",
        "time.",
        "Run the JVM with -XX:AutoBoxCacheMax=65536: the JDK's epoll selector boxes each ready fd, and",
        "fds above 127 otherwise allocate on every event."
    })
public final class LoadCommand implements Callable<Integer>
{
    private static final long INTERRUPT_REPORT_MS = 5_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", order = 1, defaultValue = "ping", paramLabel = "NAME",
        description = "${COMPLETION-CANDIDATES}: PINGs with checked replies, or bots playing --service game. " +
            "Default: ${DEFAULT-VALUE}.")
    private LoadScenario scenario;

    @Mixin
    private LoadOptions options;

    @Mixin
    private RunOptions run;

    @Mixin
    private BotOptions game;

    @Option(names = "--out", order = 90, paramLabel = "DIR",
        description = "Write latency.hgrm, service.hgrm, run.hlog and summary.json here.")
    private Path out;

    @Option(names = "--loss", order = 91, paramLabel = "PCT",
        description = "The loss lab: bin/tickloop runs this command in a network namespace made for it, where it " +
            "starts its own --model selector server (ping, or game with --udp-port 0 for --scenario game, and " +
            "--ws-port 0 with --transport ws, which the bots then target; " +
            "--target is not taken) and nftables drops PCT%% of the loopback's packets at random (0..100). " +
            "Needs root or unprivileged user namespaces, and nft and ip (apt-get install nftables iproute2).")
    private Integer lossPercent;

    @Override
    public Integer call()
    {
        if (null != lossPercent)
        {
            return callInLossLab();
        }
        return scenario == LoadScenario.GAME ? callGame() : callPing();
    }

    private Integer callInLossLab()
    {
        Flags.range(spec, "--loss", lossPercent, 0, 100);
        Flags.require(spec, LossLab.isInside(), "--loss runs in a network namespace that bin/tickloop makes: " +
            "run it through bin/tickloop");
        Flags.require(spec, !spec.commandLine().getParseResult().hasMatchedOption("--target"),
            "--loss starts a server of its own in the lab: drop --target");
        final String service = scenario == LoadScenario.GAME ? "game" : "ping";
        final boolean webSocket = scenario == LoadScenario.GAME && game.transport() == BotTransport.WS;
        try (LossLab lab = LossLab.start(service, webSocket, lossPercent, serverLog()))
        {
            System.out.println("tickloop load: loss lab, a selector " + service + " server at " +
                hostPort(lab.target()) + ", " + lossPercent + "% of loopback packets dropped");
            options.target(lab.target());
            return scenario == LoadScenario.GAME ? callGame() : callPing();
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("tickloop load: the loss lab failed: " + ex.getMessage());
            return 1;
        }
    }

    private Path serverLog() throws IOException
    {
        return null != out ? out.resolve("server.log") : Files.createTempFile("tickloop-lab-server", ".log");
    }

    private Integer callPing()
    {
        final LoadConfig config = options.config(run);
        final PrintStream console = System.out;
        console.println("tickloop load: " + config);
        final LoadRun loadRun = new LoadRun(config);
        final CountDownLatch reported = new CountDownLatch(1);
        final Thread onInterrupt = stopOnInterrupt(loadRun, reported);
        final LoadResult result;
        try (HlogIntervalLog hlog = null == out ? null :
            new HlogIntervalLog(out.resolve(RunFilesWriter.RUN_HLOG), System.currentTimeMillis(),
                "tickloop load " + config))
        {
            result = loadRun.run(interval ->
            {
                if (null != hlog)
                {
                    hlog.onInterval(interval);
                }
                if (!run.isQuiet())
                {
                    console.println(ConsoleReport.progressLine(interval));
                }
            });
            ConsoleReport.printResult(result, console);
            if (null != out)
            {
                RunFilesWriter.write(result, out);
                console.println("wrote " + out.toAbsolutePath());
            }
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("tickloop load: " + ex.getMessage());
            return 1;
        }
        finally
        {
            console.flush();
            reported.countDown();
            removeHook(onInterrupt);
        }
        if (result.connected() == 0)
        {
            spec.commandLine().getErr().println("tickloop load: could not connect to " + hostPort(config.target()));
            return 1;
        }
        if (!result.isSuccess())
        {
            spec.commandLine().getErr().println("tickloop load: " + result.totalErrors() +
                " errors, more than --max-errors " + config.maxErrors());
            return 1;
        }
        return 0;
    }

    private Integer callGame()
    {
        final GameLoadConfig config = game.config(options.target(), options.connections(),
            run.connectRatePerSecond(), run.warmupMs(), run.durationMs(), run.maxErrors(), run.idle(),
            options.sourceAddresses());
        final GameLoadRun gameRun = new GameLoadRun(config);
        final Thread onInterrupt = new Thread(gameRun::requestStop, "tickloop-load-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        final GameLoadResult result;
        try
        {
            result = GameScenario.run(config, out, System.out, run.isQuiet(), gameRun);
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("tickloop load: " + ex.getMessage());
            return 1;
        }
        finally
        {
            System.out.flush();
            removeHook(onInterrupt);
        }
        if (!result.isSuccess())
        {
            spec.commandLine().getErr().println("tickloop load: " + (result.connected() == 0 ?
                "could not connect to " + hostPort(config.target()) :
                result.errors() + " errors, more than --max-errors " + config.maxErrors()));
            return 1;
        }
        return 0;
    }

    /**
     * On SIGINT/SIGTERM stop sending and give the run a few seconds to print and write what it measured.
     */
    private static Thread stopOnInterrupt(final LoadRun run, final CountDownLatch reported)
    {
        final Thread hook = new Thread(() ->
        {
            run.requestStop();
            try
            {
                reported.await(INTERRUPT_REPORT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "tickloop-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignore)
        {
            // the JVM is already shutting down: the hook is running
        }
    }

    private static String hostPort(final InetSocketAddress address)
    {
        return address.getHostString() + ":" + address.getPort();
    }
}
