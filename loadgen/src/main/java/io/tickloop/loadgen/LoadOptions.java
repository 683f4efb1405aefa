package io.tickloop.loadgen;

import io.tickloop.cli.CommandLines;
import io.tickloop.cli.Flags;
import io.tickloop.loadgen.engine.LoadConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The flags of {@code tickloop load} that {@code compare} does not have: whom to load, with how many
 * connections, and the PING schedule. With {@link RunOptions} they make a {@link LoadConfig}; each flag's
 * bounds sit in its setter, the one bound that depends on another flag in {@link #config}.
 */
public final class LoadOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--target", order = 10, defaultValue = "127.0.0.1:7777", paramLabel = "HOST:PORT",
        converter = HostPorts.class, description = "Server to load. Default: ${DEFAULT-VALUE}.")
    private InetSocketAddress target;

    @Option(names = "--source-addresses", order = 16, split = ",", paramLabel = "ADDR",
        description = "Local addresses to bind connections to, round robin (each has ~28,000 ephemeral " +
            "ports). Default: none, or 127.0.0.2, 127.0.0.3, ... (" + LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS +
            " connections each) when a loopback target needs more connections than that.")
    private List<InetAddress> sourceAddresses = List.of();

    private int connections;
    private long ratePerSecond;
    private int pipeline;
    private int threads;
    private long timeoutMs;

    @Option(names = "--connections", order = 11, defaultValue = "100", paramLabel = "N",
        description = "Connections to open. Default: ${DEFAULT-VALUE}.")
    void connections(final int connections)
    {
        this.connections = Flags.atLeast(spec, "--connections", connections, 1);
    }

    @Option(names = "--rate", order = 12, defaultValue = "10000", paramLabel = "MSGS_PER_S",
        description = "PINGs per second over all connections; 0 for closed loop. Default: ${DEFAULT-VALUE}.")
    void rate(final long rate)
    {
        ratePerSecond = Flags.atLeast(spec, "--rate", rate, 0);
    }

    @Option(names = "--pipeline", order = 13, defaultValue = "1", paramLabel = "K",
        description = "Closed loop (--rate 0): requests in flight per connection (1..65536). " +
            "Default: ${DEFAULT-VALUE}.")
    void pipeline(final int pipeline)
    {
        this.pipeline = Flags.range(spec, "--pipeline", pipeline, 1, 65_536);
    }

    @Option(names = "--threads", order = 14, defaultValue = "1", paramLabel = "N",
        description = "Engine threads, each with its own connections and recorder (1..--connections). " +
            "Default: ${DEFAULT-VALUE}.")
    void threads(final int threads)
    {
        this.threads = Flags.atLeast(spec, "--threads", threads, 1);
    }

    @Option(names = "--timeout", order = 15, defaultValue = "5s", paramLabel = "DURATION",
        description = "An outstanding PING without a reply for this long is a timeout error. " +
            "Default: ${DEFAULT-VALUE}.")
    void timeout(final Duration timeout)
    {
        timeoutMs = Flags.atLeastMs(spec, "--timeout", timeout.toMillis(), 1);
    }

    /**
     * @return the server to load.
     */
    public InetSocketAddress target()
    {
        return target;
    }

    /**
     * @param target the server to load instead of {@code --target}'s (the loss lab's own).
     */
    void target(final InetSocketAddress target)
    {
        this.target = target;
    }

    /**
     * @return the local addresses asked for with {@code --source-addresses}, maybe none.
     */
    public List<InetAddress> sourceAddresses()
    {
        return sourceAddresses;
    }

    /**
     * @return connections to open (the game: bots).
     */
    public int connections()
    {
        return connections;
    }

    /**
     * @param run the flags {@code load} shares with {@code compare}.
     * @return the load these flags ask for.
     */
    public LoadConfig config(final RunOptions run)
    {
        Flags.require(spec, threads <= connections,
            "--threads must be 1..--connections (" + connections + "), was " + threads);
        return new LoadConfig(target, connections, ratePerSecond, pipeline, run.durationMs(), run.warmupMs(),
            run.messageSize(), threads, run.connectRatePerSecond(), timeoutMs, run.maxErrors(), sourceAddresses,
            run.idle());
    }

    /**
     * Parse {@code load}'s PING flags alone, as tests and examples build a load.
     *
     * @param args such as {@code "--target", "127.0.0.1:7777", "--connections", "50", "--duration", "2s"}.
     * @return the load, every flag not given at its default.
     * @throws picocli.CommandLine.ParameterException naming a flag out of range.
     */
    public static LoadConfig parse(final String... args)
    {
        final Flagged flagged = new Flagged();
        CommandLines.create(flagged).parseArgs(args);
        return flagged.load.config(flagged.run);
    }

    /** A command of these flags alone, for {@link #parse}. */
    @Command(name = "load")
    private static final class Flagged
    {
        @Mixin
        private RunOptions run;

        @Mixin
        private LoadOptions load;
    }
}
