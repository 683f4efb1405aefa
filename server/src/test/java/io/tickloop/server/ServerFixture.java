package io.tickloop.server;

import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Service;
import io.tickloop.server.service.Services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    static
    {
        NetworkWarmUp.run();
    }

    final Server server;
    private final Service service;
    private final long baselineFds;
    private boolean closed;

    ServerFixture(final SocketModel model, final ServerConfig config) throws IOException
    {
        this(model, config, Services.create(config));
    }

    ServerFixture(final SocketModel model, final ServerConfig config, final Service service) throws IOException
    {
        baselineFds = openFileDescriptors();
        config.bindHost("127.0.0.1").port(0).validate();
        this.service = service;
        server = model.create(config, service);
        server.start();
    }

    /**
     * @return a configuration for the service; two reactors and two async threads, so that those models run
     * more than one of each even on a small machine.
     */
    static ServerConfig config(final String service)
    {
        return new ServerConfig().serviceName(service).reactors(2).threads(2);
    }

    InetSocketAddress address()
    {
        return server.localAddress();
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
        service.close();
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
