package io.tickloop.lessons;

import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.service.EchoService;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 6: the same idle connections cost very different amounts under each socket model. Each model is
 * started in this process with the echo service, given idle client connections, and measured: threads, memory and
 * CPU time while nothing happens.
 */
public final class SocketModelsAtIdleLesson implements Lesson
{
    /**
     * The models compared. The thread-per-connection models come last: the memory their thread stacks give back
     * to the OS would otherwise show as a negative RSS delta for the model measured after them.
     */
    public static final List<SocketModel> MODELS =
        List.of(SocketModel.SELECTOR, SocketModel.POLLING, SocketModel.VIRTUAL, SocketModel.BLOCKING);
    /** Idle connections per model. */
    public static final int DEFAULT_CONNECTIONS = 1_000;
    /** How long CPU time is measured while idle. */
    public static final long IDLE_MS = 1_000;

    private static final long CONNECT_TIMEOUT_MS = 60_000;
    private static final long SETTLE_MS = 300;

    private final int connections;

    /**
     * Compare the models with {@link #DEFAULT_CONNECTIONS} idle connections.
     */
    public SocketModelsAtIdleLesson()
    {
        this(DEFAULT_CONNECTIONS);
    }

    /**
     * @param connections idle connections per model.
     */
    public SocketModelsAtIdleLesson(final int connections)
    {
        this.connections = connections;
    }

    @Override
    public int number()
    {
        return 6;
    }

    @Override
    public String title()
    {
        return "Socket models with " + String.format("%,d", connections) + " idle connections";
    }

    @Override
    public String claim()
    {
        return "a thread per client costs a thread per client even when idle; a Selector costs one; " +
            "polling costs a core.";
    }

    @Override
    public Result run() throws Exception
    {
        final List<Row> rows = new ArrayList<>();
        for (final SocketModel model : MODELS)
        {
            rows.add(measure(model));
        }
        return new Result(connections, List.copyOf(rows));
    }

    private Row measure(final SocketModel model) throws Exception
    {
        final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        final Memory before = Memory.settled();
        final int threadsBefore = threadBean.getThreadCount();

        final ServerConfig config = ServerOptions.parse("--bind", Loopback.ADDRESS.getHostAddress(), "--port", "0",
            "--max-connections", String.valueOf(connections + 16), "--backlog", String.valueOf(Math.max(1024, connections)),
            "--shutdown-timeout", "2s");
        final Server server = model.create(config, new EchoService());
        final List<SocketChannel> clients = new ArrayList<>(connections);
        try
        {
            server.start();
            for (int i = 0; i < connections; i++)
            {
                clients.add(SocketChannel.open(server.localAddress()));
            }
            Loopback.await(() -> server.metrics().connections() == connections, CONNECT_TIMEOUT_MS,
                connections + " connections to be accepted under " + model.cliName());
            Thread.sleep(SETTLE_MS);

            final int jvmThreads = threadBean.getThreadCount() - threadsBefore;
            final int modelThreads = server.metrics().threads();
            final Memory after = Memory.settled();

            final long cpuStartNs = os.getProcessCpuTime();
            final long startNs = System.nanoTime();
            Thread.sleep(IDLE_MS);
            final double idleCores = (os.getProcessCpuTime() - cpuStartNs) / (double)(System.nanoTime() - startNs);
            return new Row(model.cliName(), jvmThreads, modelThreads, after.heapBytes() - before.heapBytes(),
                after.directBytes() - before.directBytes(), after.rssBytes() - before.rssBytes(), idleCores);
        }
        finally
        {
            for (final SocketChannel client : clients)
            {
                closeQuietly(client);
            }
            awaitClosedQuietly(server);
            server.close();
        }
    }

    private static void awaitClosedQuietly(final Server server)
    {
        try
        {
            Loopback.await(() -> server.metrics().connections() == 0, CONNECT_TIMEOUT_MS,
                "the server to see the closes");
        }
        catch (final IllegalStateException ex)
        {
            // the server's close drains what is left, within its shutdown timeout
        }
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing a client of an experiment: nothing to do about it
        }
    }

    /**
     * The JVM's memory after a full collection: approximate, as any heap figure is.
     *
     * @param heapBytes heap in use.
     * @param directBytes direct buffers in use.
     * @param rssBytes the process's resident set (VmRSS), thread stacks included; -1 when unknown.
     */
    record Memory(long heapBytes, long directBytes, long rssBytes)
    {
        static Memory settled() throws InterruptedException
        {
            for (int i = 0; i < 3; i++)
            {
                System.gc();
                Thread.sleep(20);
            }
            long direct = 0;
            for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
            {
                if ("direct".equals(pool.getName()))
                {
                    direct = pool.getMemoryUsed();
                }
            }
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct, rss());
        }

        private static long rss()
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
                {
                    if (line.startsWith("VmRSS:"))
                    {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // not Linux: unknown
            }
            return -1;
        }
    }

    /**
     * One model with its idle connections.
     *
     * @param model the model's name.
     * @param jvmThreads live JVM (platform) threads added, from ThreadMXBean; virtual threads are not counted.
     * @param modelThreads the threads the model itself reports ({@code Server.metrics().threads()}).
     * @param heapBytes heap added, after a full collection (approximate; includes the client channels).
     * @param directBytes direct buffer memory added.
     * @param rssBytes resident memory added (approximate; thread stacks show here, not in the heap).
     * @param idleCores process CPU time over wall time while idle: 1.0 is one core kept busy.
     */
    public record Row(String model, int jvmThreads, int modelThreads, long heapBytes, long directBytes,
        long rssBytes, double idleCores)
    {
        String describe()
        {
            return String.format(Locale.ROOT, "%-9s %11d %13d %9.1f %11.1f %8.1f %13.1f%%", model, jvmThreads,
                modelThreads, heapBytes / 1048576.0, directBytes / 1048576.0, rssBytes / 1048576.0, idleCores * 100);
        }
    }

    /**
     * What lesson 6 measured.
     *
     * @param connections idle connections per model.
     * @param rows one per model.
     */
    public record Result(int connections, List<Row> rows) implements LessonResult
    {
        /**
         * @param model a model's name.
         * @return its row, or null when it was not measured.
         */
        public Row row(final String model)
        {
            return rows.stream().filter((r) -> r.model().equals(model)).findFirst().orElse(null);
        }

        @Override
        public List<String> findings()
        {
            final List<String> findings = new ArrayList<>();
            final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%,d idle echo connections per model, server and clients in this JVM:%n", connections));
            table.append("    model     JVM threads model threads  heap MiB  direct MiB  RSS MiB  CPU idle (1 s)");
            for (final Row row : rows)
            {
                table.append("\n    ").append(row.describe());
            }
            findings.add(table.toString());
            findings.add("threads: ThreadMXBean live-thread delta (virtual threads are not platform threads and " +
                "do not count there) and the model's own count");
            findings.add("memory is approximate: deltas after System.gc(), client sockets included; thread stacks " +
                "show in RSS, not in the heap. CPU is the whole process (GC and JIT included) over 1 s of idleness");
            return findings;
        }
    }
}
