package io.tickloop.server;

import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameService;
import io.tickloop.server.game.GameSettings;
import io.tickloop.server.service.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Starts a server on a free loopback port and checks, after closing it, that it left no thread and no file
 * descriptor behind.
 */
final class ServerFixture implements AutoCloseable
{
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String[] DEFAULT_FLAGS = {"--bind", "127.0.0.1", "--port", "0", "--reactors", "2", "--threads", "2"};

    static
    {
        NetworkWarmUp.run();
    }

    final Server server;
    private final long baselineFds;
    private boolean closed;

    /**
     * Start a service that needs nothing beyond the server's flags (echo, ping).
     *
     * @param model the socket model.
     * @param kind the service.
     * @param serverFlags server flags beyond {@link #config}'s, such as {@code "--max-frame", "1024"}.
     */
    ServerFixture(final SocketModel model, final ServiceKind kind, final String... serverFlags) throws IOException
    {
        this(model, config(serverFlags), config -> kind.create(config, null));
    }

    /**
     * @param model the socket model.
     * @param service makes the service for the configuration.
     * @param serverFlags server flags beyond {@link #config}'s.
     */
    ServerFixture(final SocketModel model, final Function<ServerConfig, Service> service, final String... serverFlags)
        throws IOException
    {
        this(model, config(serverFlags), service);
    }

    private ServerFixture(final SocketModel model, final ServerConfig config,
        final Function<ServerConfig, Service> service) throws IOException
    {
        baselineFds = openFileDescriptors();
        server = model.create(config, service.apply(config));
        server.start();
    }

    /**
     * Start the game.
     *
     * @param model the socket model.
     * @param settings the game's settings, such as {@code GameOptions.parse("--tick-hz", "50")}.
     * @param serverFlags server flags beyond {@link #config}'s.
     * @return the running fixture.
     */
    static ServerFixture game(final SocketModel model, final GameSettings settings, final String... serverFlags)
        throws IOException
    {
        return new ServerFixture(model, config -> new GameService(settings, config), serverFlags);
    }

    /**
     * @param serverFlags server flags to add.
     * @return a configuration on a free loopback port, with two reactors and two async threads, so that those
     * models run more than one of each even on a small machine.
     */
    static ServerConfig config(final String... serverFlags)
    {
        final String[] flags = Arrays.copyOf(DEFAULT_FLAGS, DEFAULT_FLAGS.length + serverFlags.length);
        System.arraycopy(serverFlags, 0, flags, DEFAULT_FLAGS.length, serverFlags.length);
        return ServerOptions.parse(flags);
    }

    InetSocketAddress address()
    {
        return server.localAddress();
    }

    /**
     * @return the WebSocket port's address, for a server started with {@code --ws-port}; else null.
     */
    InetSocketAddress webSocketAddress()
    {
        return server.webSocketAddress();
    }

    MetricsSnapshot metrics()
    {
        return server.metrics();
    }

    MetricsSnapshot awaitMetrics(final Predicate<MetricsSnapshot> condition)
    {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(server::metrics, condition);
        return server.metrics();
    }

    /**
     * Close the server and check that its threads and descriptors are gone.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        server.close();
        await().atMost(DEADLINE).until(() -> tickloopThreads() == 0);
        assertEquals(0, server.metrics().threads(), "the model still reports threads after close");
        try
        {
            await().atMost(DEADLINE).until(() -> openFileDescriptors() <= baselineFds);
        }
        catch (final org.awaitility.core.ConditionTimeoutException ex)
        {
            throw new AssertionError("descriptors left open: " + openFileDescriptors() + " > " + baselineFds +
                " " + describeFileDescriptors(), ex);
        }
    }

    static long tickloopThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("tickloop-") && thread.isAlive())
            .count();
    }

    /**
     * @return sockets, selectors (epoll) and their wake-up descriptors (eventfd, pipes) this process holds open;
     * jar files opened by class loading are left out, since they come and go on their own.
     */
    static long openFileDescriptors()
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.map(ServerFixture::target)
                .filter(target -> target.startsWith("socket:") || target.startsWith("anon_inode:") ||
                    target.startsWith("pipe:"))
                .count();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String describeFileDescriptors()
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.map(fd -> fd.getFileName() + "->" + target(fd)).toList().toString();
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static String target(final Path fd)
    {
        try
        {
            return Files.readSymbolicLink(fd).toString();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
