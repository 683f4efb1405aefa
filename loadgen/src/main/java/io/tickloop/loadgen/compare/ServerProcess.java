package io.tickloop.loadgen.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tickloop server in a child JVM of its own, so that no model shares a heap or a JIT with another. It runs
 * the server jar with the launcher's JVM flags, the same for every model, logs to a file, and is started with
 * {@code --exit-with-parent} so it cannot outlive this process.
 */
public final class ServerProcess implements AutoCloseable
{
    /** The JVM flags every server runs with: Agrona's, the launcher's, and one heap size for every model. */
    public static final List<String> JVM_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-XX:AutoBoxCacheMax=65536", "-XX:+UseParallelGC", "-Xmx1g");

    private final Process process;
    private final Path log;

    private ServerProcess(final Process process, final Path log)
    {
        this.process = process;
        this.log = log;
    }

    /**
     * Start a server.
     *
     * @param serverJar the runnable server jar.
     * @param cpuPrefix a command to run it under, such as {@code taskset -c 0}, or empty.
     * @param serverArgs the server's command line, after {@code tickloop server}.
     * @param log where its output goes.
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    public static ServerProcess start(
        final Path serverJar, final List<String> cpuPrefix, final List<String> serverArgs, final Path log)
        throws IOException
    {
        if (!Files.isRegularFile(serverJar))
        {
            throw new IOException("no server jar at " + serverJar + ": build first (bin/tickloop build)");
        }
        final List<String> command = new ArrayList<>(cpuPrefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(serverJar.toString());
        command.addAll(serverArgs);
        command.add("--exit-with-parent");
        Files.createDirectories(log.toAbsolutePath().getParent());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        return new ServerProcess(process, log);
    }

    /**
     * @return a TCP port free on this host now, for a server about to start.
     * @throws IOException when none can be had.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * @return the server's process id (taskset execs it, so this is the JVM's).
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Wait until the server accepts a connection.
     *
     * @param address where it listens.
     * @param timeoutMs how long to wait.
     * @throws IOException when it exits or does not accept in time; the message carries its last log lines.
     */
    public void awaitListening(final InetSocketAddress address, final long timeoutMs) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (!process.isAlive())
            {
                throw new IOException("the server exited with code " + process.exitValue() + ": " + logTail());
            }
            try (Socket probe = new Socket())
            {
                probe.connect(address, 200);
                return;
            }
            catch (final IOException notYet)
            {
                sleepMs(50);
            }
        }
        throw new IOException("the server did not accept on " + address + " within " + timeoutMs + " ms: " + logTail());
    }

    /**
     * Stop gracefully (SIGTERM: the server drains), forcibly after the timeout.
     *
     * @param timeoutMs how long a graceful stop may take.
     * @return the exit code.
     */
    public int stop(final long timeoutMs)
    {
        process.destroy();
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
                {
                    return -1;
                }
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            stop(TimeUnit.SECONDS.toMillis(15));
        }
    }

    /**
     * @return the last lines of the server's log, for an error message.
     */
    public String logTail()
    {
        try
        {
            final List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
