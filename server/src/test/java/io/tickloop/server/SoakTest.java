package io.tickloop.server;

import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, case 13: a soak. For each socket model in turn, an echo server takes connect/echo/close cycles from a
 * few parallel clients, then game bots join and leave a game server in churn for the rest of the model's time
 * (one server at a time); then the server stops, and heap (after
 * GC), direct memory, descriptors and threads must be back to what they were before, within small margins.
 * <p>
 * {@code bin/tickloop test slow} runs it (or {@code mvn -o test -pl server -am -Pslow -Dtest=SoakTest}), with
 * {@code -Dtickloop.soak.duration=10m} (the default: the whole soak, shared evenly by the models),
 * {@code -Dtickloop.soak.cycles=50000} (the default: echo cycles in all, shared likewise) and
 * {@code -Dtickloop.soak.models=selector,reactors,...} (default: every model).
 */
@Tag("slow")
class SoakTest
{
    private static final int ECHO_CLIENTS = 4;
    private static final int BOTS = 8;
    private static final long HEAP_MARGIN_BYTES = 16L << 20;
    private static final long DIRECT_MARGIN_BYTES = 1L << 20;
    private static final long FD_MARGIN = 4;
    private static final long THREAD_MARGIN = 2;

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void shouldReturnHeapDirectMemoryDescriptorsAndThreadsToBaselineAfterChurn() throws Exception
    {
        final Duration total = Duration.parse("PT" + System.getProperty("tickloop.soak.duration", "10m").toUpperCase());
        final long cycles = Long.getLong("tickloop.soak.cycles", 50_000);
        final SocketModel[] models = Arrays.stream(System.getProperty("tickloop.soak.models",
            String.join(",", Arrays.stream(SocketModel.values()).map(m -> m.name().toLowerCase()).toList()))
            .split(",")).map(name -> SocketModel.valueOf(name.trim().toUpperCase())).toArray(SocketModel[]::new);
        final Duration perModel = total.dividedBy(models.length);
        final long cyclesPerModel = (cycles + models.length - 1) / models.length;

        churn(models[0], Duration.ofSeconds(2), 500); // warm-up: classes loaded, pools and JIT settled
        final Figures baseline = Figures.settled(null);
        System.out.printf("soak: %s in all (%s a model), %,d echo cycles in all; baseline %s%n",
            total, perModel, cyclesPerModel * models.length, baseline);
        long echoed = 0;
        long bots = 0;
        for (final SocketModel model : models)
        {
            final long[] done = churn(model, perModel, cyclesPerModel);
            echoed += done[0];
            bots += done[1];
            final Figures end = Figures.settled(baseline);
            System.out.printf("soak %s: %,d echo cycles, %,d bot sessions; end %s%n", model, done[0], done[1], end);
            end.assertWithin(baseline, model);
        }
        System.out.printf("soak: %,d echo cycles, %,d bot sessions in %s%n", echoed, bots, total);
    }

    /**
     * @return echo cycles and bot sessions completed.
     */
    private static long[] churn(final SocketModel model, final Duration duration, final long cycles) throws Exception
    {
        final AtomicLong echoed = new AtomicLong();
        final AtomicLong botSessions = new AtomicLong();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final long endNs = System.nanoTime() + duration.toNanos();
        // one server at a time: a fixture's close waits for every tickloop thread to end
        try (ServerFixture echo = new ServerFixture(model, ServiceKind.ECHO))
        {
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < ECHO_CLIENTS; i++)
            {
                final int client = i;
                threads.add(Thread.ofPlatform().name("soak-echo-" + i).start(
                    () -> echoCycles(echo, client, cycles / ECHO_CLIENTS + 1, echoed, failures)));
            }
            joinAll(threads, duration);
            assertTrue(failures.isEmpty(), model + " echo: " + failures);
            System.out.printf("soak %s: direct memory in use before the echo server stops: %.1f KiB%n", model,
                directMemoryUsed() / 1024.0);
        }
        // then the game, for the rest of the model's time (5 s at least)
        final long gameEndNs = Math.max(endNs, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        try (ServerFixture game = ServerFixture.game(model, GameOptions.parse()))
        {
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < BOTS; i++)
            {
                final int bot = i;
                threads.add(Thread.ofPlatform().name("soak-bot-" + i).start(
                    () -> botChurn(game, bot, gameEndNs, botSessions, failures)));
            }
            joinAll(threads, duration);
            assertTrue(failures.isEmpty(), model + " game: " + failures);
            System.out.printf("soak %s: direct memory in use before the game server stops: %.1f KiB%n", model,
                directMemoryUsed() / 1024.0);
        }
        return new long[]{echoed.get(), botSessions.get()};
    }

    private static void joinAll(final List<Thread> threads, final Duration duration) throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.join(duration.toMillis() + 600_000);
        }
    }

    private static void echoCycles(final ServerFixture echo, final int client, final long cycles,
        final AtomicLong echoed, final ConcurrentLinkedQueue<Throwable> failures)
    {
        try
        {
            for (long i = 0; i < cycles && failures.isEmpty(); i++)
            {
                final byte[] ping = TestClient.pings(client * 1_000_000_000L + i, 1, 32);
                try (TestClient connection = TestClient.connect(echo.address()))
                {
                    connection.write(ping);
                    assertArrayEquals(ping, connection.readExactly(ping.length));
                }
                echoed.incrementAndGet();
            }
        }
        catch (final Throwable ex)
        {
            failures.add(ex);
        }
    }

    private static void botChurn(final ServerFixture game, final int bot, final long endNs,
        final AtomicLong sessions, final ConcurrentLinkedQueue<Throwable> failures)
    {
        try
        {
            long session = 0;
            while (System.nanoTime() < endNs && failures.isEmpty())
            {
                try (GameTestClient player = new GameTestClient(game.address()))
                {
                    player.hello("bot" + bot + "-" + session++).expect(GameProtocol.WELCOME);
                    player.join(1 + bot % 4).expect(GameProtocol.JOINED);
                    for (int move = 1; move <= 3; move++)
                    {
                        player.move(move, bot, move);
                        player.expect(GameProtocol.STATE);
                    }
                    if (sessions.get() % 2 == 0)
                    {
                        player.bye(); // half leave with BYE, half just close
                    }
                }
                sessions.incrementAndGet();
            }
        }
        catch (final Throwable ex)
        {
            failures.add(ex);
        }
    }

    private static long directMemoryUsed()
    {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> "direct".equals(pool.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /** What the process holds: heap after GC, direct buffers, descriptors, threads. */
    private record Figures(long heapBytes, long directBytes, long descriptors, long threads)
    {
        /**
         * @param baseline to wait for (GC runs, closes finish), up to 20 s; null to take a baseline.
         */
        static Figures settled(final Figures baseline) throws InterruptedException
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Figures figures = measure();
            while (System.nanoTime() < deadlineNs && (null == baseline || !figures.within(baseline)))
            {
                if (null == baseline)
                {
                    return figures;
                }
                Thread.sleep(200); // GC and the kernel's closes take their time; polled against a deadline
                figures = measure();
            }
            return figures;
        }

        static Figures measure()
        {
            for (int i = 0; i < 3; i++)
            {
                System.gc();
            }
            final Runtime runtime = Runtime.getRuntime();
            return new Figures(runtime.totalMemory() - runtime.freeMemory(), directMemoryUsed(), descriptorCount(),
                ManagementFactory.getThreadMXBean().getThreadCount());
        }

        private static long descriptorCount()
        {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
            {
                return fds.count();
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }

        boolean within(final Figures baseline)
        {
            return heapBytes <= baseline.heapBytes + HEAP_MARGIN_BYTES &&
                directBytes <= baseline.directBytes + DIRECT_MARGIN_BYTES &&
                descriptors <= baseline.descriptors + FD_MARGIN && threads <= baseline.threads + THREAD_MARGIN;
        }

        void assertWithin(final Figures baseline, final SocketModel model)
        {
            assertTrue(within(baseline), model + ": " + this + " against baseline " + baseline +
                " (margins: heap 16 MiB, direct 1 MiB, descriptors 4, threads 2)");
        }

        @Override
        public String toString()
        {
            return String.format("heap %.1f MiB, direct %.1f KiB, descriptors %d, threads %d",
                heapBytes / 1048576.0, directBytes / 1024.0, descriptors, threads);
        }
    }
}
