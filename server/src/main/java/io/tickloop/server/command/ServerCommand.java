package io.tickloop.server.command;

import io.tickloop.cli.CommandLines;
import io.tickloop.cli.Flags;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import io.tickloop.server.game.GameSettings;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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

    @Option(names = "--model", order = 1, defaultValue = "selector", paramLabel = "NAME",
        description = "Socket model: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private SocketModel model;

    @Option(names = "--service", order = 2, defaultValue = "ping", paramLabel = "NAME",
        description = "Service: echo (raw byte echo, no framing), ping (framed PING -> PONG) or game (the game " +
            "skeleton: HELLO, rooms, a fixed tick sending STATE, chat; see docs/protocol.md). " +
            "Default: ${DEFAULT-VALUE}.")
    private ServiceKind service;

    @Mixin
    private ServerOptions serverOptions;

    @Mixin
    private GameOptions gameOptions;

    @Option(names = "--stats", order = 40, paramLabel = "DURATION",
        description = "Log connections, frames and bytes per second, closes by reason and threads every " +
            "DURATION (such as 1s); under the game also tick duration and lateness p50/p99/max. Default: off.")
    private Duration statsInterval;

    @Option(names = "--exit-with-parent", order = 41,
        description = "Shut down gracefully when the process that started this one exits (compare starts its " +
            "servers so, and none outlives it).")
    private boolean exitWithParent;

    @Override
    public Integer call()
    {
        final ServerConfig config = serverOptions.config();
        final GameSettings game = service == ServiceKind.GAME ? gameOptions.settings(config.maxFrameLength()) : null;
        if (null != statsInterval)
        {
            Flags.atLeastMs(spec, "--stats", statsInterval.toMillis(), 1);
        }
        Flags.require(spec, config.webSocketPort() < 0 || service != ServiceKind.ECHO,
            "--ws-port carries frames as WebSocket messages: it needs a framed service (ping or game), not echo");
        final Service serviceInstance = service.create(config, game);
        final Server server = model.create(config, serviceInstance);
        try
        {
            server.start();
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("tickloop server: cannot listen on " + config.bindHost() + ":" +
                config.port() + (config.webSocketPort() < 0 ? "" : " and :" + config.webSocketPort() + " (--ws-port)") +
                ": " + ex.getMessage());
            return 1;
        }

        final InetSocketAddress address = server.localAddress();
        final String udp = serviceInstance instanceof GameService gameService && game.hasUdp() ?
            " udp=" + gameService.udpPort() : "";
        LOG.info("tickloop server: model={} service={} listening={}:{}{} {}{} pid={}", model, service,
            address.getHostString(), address.getPort(), udp, config, null == game ? "" : " " + game,
            ProcessHandle.current().pid());
        if (null != server.webSocketAddress())
        {
            LOG.info("tickloop server: page and WebSocket on http://{}:{}/ (WebSocket at /ws, counters at /stats)",
                server.webSocketAddress().getHostString(), server.webSocketAddress().getPort());
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            LOG.info("tickloop server: stopped, {}", server.metrics().closesSummary());
            stopped.countDown();
        }, "tickloop-shutdown"));
        if (null != statsInterval)
        {
            startStats(server, serviceInstance, statsInterval.toMillis());
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
        return CommandLines.create(new ServerCommand());
    }
}
