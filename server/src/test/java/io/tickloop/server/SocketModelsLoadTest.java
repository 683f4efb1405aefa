package io.tickloop.server;

import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Services;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tickloop.server.TestClients.pingPong;
import static io.tickloop.server.TestClients.readFully;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every model under more load than {@link SocketModelsTest}: 200 concurrent clients of 500 pings each, and
 * 1 MiB echoed in random chunks; after close, open file descriptors return to where they were. Slow: run with
 * {@code -Pslow}.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketModelsLoadTest
{
    @BeforeAll
    static void warmUp() throws Exception
    {
        // the first virtual thread blocking on a socket opens the JDK's pollers for good: not a server's fds
        final ServerConfig config = new ServerConfig().port(0).serviceName("ping").validate();
        final Server server = SocketModel.SELECTOR.create(config, Services.create("ping", config.maxFrameLength()));
        server.start();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor())
        {
            executor.submit(() -> client(server.localAddress().getPort(), 1)).get(10, TimeUnit.SECONDS);
        }
        finally
        {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldAnswer200ConcurrentClientsOf500PingsInOrder(final SocketModel model) throws Exception
    {
        final long fdsBefore = openFileDescriptors();
        final ServerConfig config = new ServerConfig().port(0).serviceName("ping").validate();
        final Server server = model.create(config, Services.create("ping", config.maxFrameLength()));
        server.start();
        final int clients = 200;
        final int pings = 500;
        final long startNs = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor())
        {
            final List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                results.add(executor.submit(() -> client(server.localAddress().getPort(), pings)));
            }
            for (final Future<?> result : results)
            {
                result.get(60, TimeUnit.SECONDS);
            }
        }
        finally
        {
            server.close();
        }
        final MetricsSnapshot metrics = server.metrics();
        System.out.printf("%s: %d x %d pings in %d ms%n", model.cliName(), clients, pings,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        assertEquals((long)clients * pings, metrics.framesOut());
        assertEquals(0, metrics.threads());
        await().atMost(Duration.ofSeconds(10)).until(() -> openFileDescriptors() <= fdsBefore);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldEchoOneMebibyteInRandomChunks(final SocketModel model) throws Exception
    {
        final ServerConfig config = new ServerConfig().port(0).serviceName("echo").validate();
        final Server server = model.create(config, Services.create("echo", config.maxFrameLength()));
        server.start();
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", server.localAddress().getPort()));
            final byte[] sent = new byte[1024 * 1024];
            final Random random = new Random();
            random.nextBytes(sent);
            final CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(socket, sent.length));
            final OutputStream out = socket.getOutputStream();
            int offset = 0;
            while (offset < sent.length)
            {
                final int length = Math.min(sent.length - offset, 1 + random.nextInt(20_000));
                out.write(sent, offset, length);
                offset += length;
            }
            assertArrayEquals(sent, received.get(30, TimeUnit.SECONDS));
        }
        finally
        {
            server.close();
        }
    }

    private static Void client(final int port, final int pings) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            return pingPong(socket, pings, 1);
        }
    }

    private static long openFileDescriptors()
    {
        final String[] fds = new File("/proc/self/fd").list();
        return null == fds ? 0 : fds.length;
    }
}
