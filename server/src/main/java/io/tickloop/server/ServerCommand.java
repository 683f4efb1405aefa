package io.tickloop.server;

import io.tickloop.cli.Durations;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Service;
import io.tickloop.server.service.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code tickloop server}: run a service under a socket model until SIGINT or SIGTERM, then drain and exit.
 */
@Command(
    name = "tickloop server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    version = "tickloop server 0.1.0",
    description = {
        "Run a tickloop service under a socket model until SIGINT/SIGTERM, then shut down gracefully:",
        "stop accepting, flush queued replies (within --shutdown-timeout), close.",
        "",
        "Exit codes: 1 when the address cannot be bound, 2 for bad flags; after SIGINT/SIGTERM the",
        "JVM's own 130/143 once the drain is done."
    })
public final class ServerCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "7777",
        description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
        description = "Address to bind; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}.")
    private String bindHost;

    @Option(names = "--model", defaultValue = "selector", paramLabel = "NAME",
        description = "Socket model: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
        completionCandidates = ModelNames.class)
    private String model;

    @Option(names = "--service", defaultValue = "ping", paramLabel = "NAME",
        description = "Service: echo (raw byte echo, no framing), ping (framed PING -> PONG) or game (the game " +
            "skeleton: HELLO, rooms, a fixed tick sending STATE, chat; see docs/protocol.md). " +
            "Default: ${DEFAULT-VALUE}.")
    private String service;

    @Option(names = "--max-frame", defaultValue = "4096", paramLabel = "BYTES",
        description = "Longest frame accepted, header included (4..65535); longer closes the connection. " +
            "Default: ${DEFAULT-VALUE}.")
    private int maxFrameLength;

    @Option(names = "--max-connections", defaultValue = "16384", paramLabel = "N",
        description = "Connections open at once; more are refused at accept. Default: ${DEFAULT-VALUE}.")
    private int maxConnections;

    @Option(names = "--send-queue-bytes", defaultValue = "262144", paramLabel = "BYTES",
        description = "Bytes queued for one client before it is cut off as a slow consumer. " +
            "Default: ${DEFAULT-VALUE}.")
    private int sendQueueBytes;

    @Option(names = "--backlog", defaultValue = "1024", paramLabel = "N",
        description = "Accept backlog asked of the kernel. Default: ${DEFAULT-VALUE}.")
    private int backlog;

    @Option(names = "--shutdown-timeout", defaultValue = "5s", paramLabel = "DURATION",
        description = "How long shutdown may flush queued replies before closing what is left. " +
            "Default: ${DEFAULT-VALUE}.")
    private String shutdownTimeout;

    @Option(names = "--frame-timeout", defaultValue = "10s", paramLabel = "DURATION",
        description = "How long one frame may stay incomplete before the connection is closed. " +
            "Default: ${DEFAULT-VALUE}.")
    private String frameTimeout;

    @Option(names = "--reactors", paramLabel = "N",
        description = "Selector loops of the reactors model (1..1024), one acceptor hands them connections " +
            "round-robin. Default: the number of processors.")
    private Integer reactors;

    @Option(names = "--threads", paramLabel = "N",
        description = "Threads of the async model's channel group (1..1024), running completion handlers. " +
            "Default: the number of processors.")
    private Integer threads;

    @Option(names = "--tick-hz", defaultValue = "20", paramLabel = "HZ",
        description = "Game: ticks per second (1..1000); each applies the inputs received and sends every " +
            "player in a room one STATE. Default: ${DEFAULT-VALUE}.")
    private int tickHz;

    @Option(names = "--auth-timeout", defaultValue = "5s", paramLabel = "DURATION",
        description = "Game: how long a client may take to send HELLO before a KICK AUTH_TIMEOUT. " +
            "Default: ${DEFAULT-VALUE}.")
    private String authTimeout;

    @Option(names = "--idle-timeout", defaultValue = "15s", paramLabel = "DURATION",
        description = "Game: how long a client may stay silent before a KICK IDLE_TIMEOUT; the server sends a " +
            "HEARTBEAT after a third of it. Default: ${DEFAULT-VALUE}.")
    private String idleTimeout;

    @Option(names = "--room-capacity", defaultValue = "100", paramLabel = "N",
        description = "Game: players one room holds; one more gets KICK ROOM_FULL. At most what one STATE of " +
            "--max-frame bytes holds (255 at 4096). Default: ${DEFAULT-VALUE}.")
    private int roomCapacity;

    @Option(names = "--view-radius", defaultValue = "0", paramLabel = "R",
        description = "Game: STATE carries only the players within R on both axes (a uniform grid of R-sized " +
            "cells); 0 for the whole room. Default: ${DEFAULT-VALUE}.")
    private int viewRadius;

    @Option(names = "--stats", paramLabel = "DURATION",
        description = "Log connections, frames and bytes per second, closes by reason and threads every " +
            "DURATION (such as 1s); under the game also tick duration and lateness p50/p99/max. Default: off.")
    private String statsInterval;

    @Option(names = "--exit-with-parent",
        description = "Shut down gracefully when the process that started this one exits (compare starts its " +
            "servers so, and none outlives it).")
    private boolean exitWithParent;

    @Override
    public Integer call()
    {
        final ServerConfig config = config();
        final SocketModel socketModel = parameter(() -> SocketModel.of(model));
        final Service serviceInstance = parameter(() -> Services.create(config));
        final Server server = socketModel.create(config, serviceInstance);
        try
        {
            server.start();
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println(
                "tickloop server: cannot listen on " + bindHost + ":" + port + ": " + ex.getMessage());
            return 1;
        }

        final InetSocketAddress address = server.localAddress();
        LOG.info("tickloop server: model={} listening={}:{} {} pid={}", socketModel.cliName(),
            address.getHostString(), address.getPort(), config, ProcessHandle.current().pid());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            serviceInstance.close();
            LOG.info("tickloop server: stopped, {}", server.metrics().closesSummary());
            stopped.countDown();
        }, "tickloop-shutdown"));
        if (config.statsIntervalMs() > 0)
        {
            startStats(server, serviceInstance, config.statsIntervalMs());
        }
        if (exitWithParent)
        {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() ->
            {
                LOG.info("tickloop server: parent process {} exited, shutting down", parent.pid());
                System.exit(0);
            }));
        }
        awaitUninterruptibly(stopped);
        return 0;
    }

    private ServerConfig config()
    {
        return parameter(() -> defaults(new ServerConfig())
                .bindHost(bindHost)
                .port(port)
                .serviceName(service)
                .maxFrameLength(maxFrameLength)
                .maxConnections(maxConnections)
                .sendQueueBytes(sendQueueBytes)
                .backlog(backlog)
                .shutdownTimeoutMs(Durations.parseMs(shutdownTimeout))
                .frameTimeoutMs(Durations.parseMs(frameTimeout))
                .statsIntervalMs(null == statsInterval ? 0 : Durations.parseMs(statsInterval))
                .tickHz(tickHz)
                .authTimeoutMs(Durations.parseMs(authTimeout))
                .idleTimeoutMs(Durations.parseMs(idleTimeout))
                .roomCapacity(roomCapacity)
                .viewRadius(viewRadius)
                .validate());
    }

    private ServerConfig defaults(final ServerConfig config)
    {
        if (null != reactors)
        {
            config.reactors(reactors);
        }
        if (null != threads)
        {
            config.threads(threads);
        }
        return config;
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

    private static void startStats(final Server server, final Service service, final long intervalMs)
    {
        final Thread stats = new Thread(() ->
        {
            MetricsSnapshot previous = server.metrics();
            while (!Thread.currentThread().isInterrupted())
            {
                try
                {
                    Thread.sleep(intervalMs);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                final MetricsSnapshot current = server.metrics();
                LOG.info("stats: {}", current.describeSince(previous));
                final String serviceStats = service.intervalStats();
                if (null != serviceStats)
                {
                    LOG.info("stats: {}: {}", service.name(), serviceStats);
                }
                previous = current;
            }
        }, "tickloop-stats");
        stats.setDaemon(true);
        stats.start();
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        while (true)
        {
            try
            {
                latch.await();
                return;
            }
            catch (final InterruptedException ignore)
            {
                // only a shutdown ends a server
            }
        }
    }

    /**
     * Run the server command line.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final int exitCode = commandLine().execute(args);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /**
     * @return the configured command line, also used by tests.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new ServerCommand());
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("tickloop server: " + ex.getMessage());
            cmd.getErr().println("Try 'tickloop server --help' for the flags.");
            return 2;
        });
        return commandLine;
    }

    /** Model names for {@code --help}. */
    static final class ModelNames extends java.util.ArrayList<String>
    {
        private static final long serialVersionUID = 1L;

        ModelNames()
        {
            super(java.util.Arrays.stream(SocketModel.values()).map(SocketModel::cliName).toList());
        }
    }
}
