package io.tickloop.loadgen;

import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.loadgen.game.GameLoadConfig;
import io.tickloop.loadgen.game.GameLoadResult;
import io.tickloop.loadgen.game.GameLoadRun;
import io.tickloop.loadgen.game.GameOptions;
import io.tickloop.loadgen.game.GameScenario;
import io.tickloop.loadgen.engine.LoadResult;
import io.tickloop.loadgen.engine.LoadRun;
import io.tickloop.loadgen.report.ConsoleReport;
import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFilesWriter;
import io.tickloop.cli.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
        "The engine thread busy-polls while a send is due within 2 ms, so it uses a core at high rates.",
        "Run the JVM with -XX:AutoBoxCacheMax=65536: the JDK's epoll selector boxes each ready fd, and",
        "fds above 127 otherwise allocate on every event."
    })
public final class LoadCommand implements Callable<Integer>
{
    private static final long INTERRUPT_REPORT_MS = 5_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "ping", paramLabel = "NAME",
        description = "ping (PINGs, checked replies) or game (bots playing --service game). " +
            "Default: ${DEFAULT-VALUE}.")
    private String scenario;

    @Mixin
    private GameOptions game;

    @Option(names = "--target", defaultValue = "127.0.0.1:7777", paramLabel = "HOST:PORT",
        description = "Server to load. Default: ${DEFAULT-VALUE}.")
    private String target;

    @Option(names = "--connections", defaultValue = "100", paramLabel = "N",
        description = "Connections to open. Default: ${DEFAULT-VALUE}.")
    private int connections;

    @Option(names = "--rate", defaultValue = "10000", paramLabel = "MSGS_PER_S",
        description = "PINGs per second over all connections; 0 for closed loop. Default: ${DEFAULT-VALUE}.")
    private long rate;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "K",
        description = "Closed loop (--rate 0): requests in flight per connection. Default: ${DEFAULT-VALUE}.")
    private int pipeline;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION",
        description = "Measured time after the warm-up (such as 30s, 2m). Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION",
        description = "Warm-up first, including the connection ramp; its samples are kept out of the " +
            "result. Default: ${DEFAULT-VALUE}.")
    private String warmup;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
        description = "PING frame length, header included (20..65535). Default: ${DEFAULT-VALUE}.")
    private int size;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
        description = "Engine threads, each with its own connections and recorder. Default: ${DEFAULT-VALUE}.")
    private int threads;

    @Option(names = "--connect-rate", defaultValue = "5000", paramLabel = "CONNS_PER_S",
        description = "New connections started per second. Default: ${DEFAULT-VALUE}.")
    private int connectRate;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
        description = "An outstanding PING without a reply for this long is a timeout error. " +
            "Default: ${DEFAULT-VALUE}.")
    private String timeout;

    @Option(names = "--max-errors", defaultValue = "0", paramLabel = "N",
        description = "Errors of all kinds tolerated before the run fails (exit 1); the default 0 fails a " +
            "run with any error, since its figures are then suspect. Default: ${DEFAULT-VALUE}.")
    private long maxErrors;

    @Option(names = "--source-addresses", split = ",", paramLabel = "ADDR",
        description = "Local addresses to bind connections to, round robin (each has ~28,000 ephemeral " +
            "ports). Default: none, or 127.0.0.2, 127.0.0.3, ... (" + LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS +
            " connections each) when a loopback target needs more connections than that.")
    private List<String> sourceAddresses;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Write latency.hgrm, service.hgrm, run.hlog and summary.json here.")
    private Path out;

    @Option(names = "--quiet", description = "No progress line each second.")
    private boolean quiet;

    @Override
    public Integer call()
    {
        if ("game".equals(scenario))
        {
            return callGame();
        }
        if (!"ping".equals(scenario))
        {
            throw new ParameterException(spec.commandLine(), "--scenario must be ping or game, was " + scenario);
        }
        final LoadConfig config = config();
        final PrintStream console = System.out;
        console.println("tickloop load: " + config);
        final LoadRun run = new LoadRun(config);
        final CountDownLatch reported = new CountDownLatch(1);
        final Thread onInterrupt = stopOnInterrupt(run, reported);
        final LoadResult result;
        try (HlogIntervalLog hlog = null == out ? null :
            new HlogIntervalLog(out.resolve(RunFilesWriter.RUN_HLOG), System.currentTimeMillis(), "tickloop load " + config))
        {
            result = run.run(interval ->
            {
                if (null != hlog)
                {
                    hlog.onInterval(interval);
                }
                if (!quiet)
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
            spec.commandLine().getErr().println("tickloop load: could not connect to " + target);
            return 1;
        }
        if (!result.isSuccess())
        {
            spec.commandLine().getErr().println("tickloop load: " + result.totalErrors() +
                " errors, more than --max-errors " + maxErrors);
            return 1;
        }
        return 0;
    }

    private Integer callGame()
    {
        final GameLoadConfig config = parameter(() -> new GameLoadConfig(LoadConfig.parseTarget(target), connections,
            game.rooms(), game.moveHz(), game.chatRate(), connectRate, Durations.parseMs(warmup),
            Durations.parseMs(duration), maxErrors).validate());
        final GameLoadRun run = new GameLoadRun(config);
        final Thread onInterrupt = new Thread(run::requestStop, "tickloop-load-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        final GameLoadResult result;
        try
        {
            result = GameScenario.run(config, out, System.out, quiet, run);
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
                "could not connect to " + target : result.errors() + " errors, more than --max-errors " + maxErrors));
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

    private LoadConfig config()
    {
        return parameter(() ->
        {
            final List<InetAddress> sources = new ArrayList<>();
            if (null != sourceAddresses)
            {
                for (final String address : sourceAddresses)
                {
                    sources.add(LoadConfig.parseAddress(address));
                }
            }
            return new LoadConfig()
                .target(LoadConfig.parseTarget(target))
                .connections(connections)
                .ratePerSecond(rate)
                .pipeline(pipeline)
                .durationMs(Durations.parseMs(duration))
                .warmupMs(Durations.parseMs(warmup))
                .messageSize(size)
                .threads(threads)
                .connectRatePerSecond(connectRate)
                .timeoutMs(Durations.parseMs(timeout))
                .maxErrors(maxErrors)
                .sourceAddresses(sources)
                .validate();
        });
    }

    private <T> T parameter(final Supplier<T> parse)
    {
        try
        {
            return parse.get();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
    }
}
