package io.tickloop.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pins this JVM's threads, found by name, to a core with {@code taskset -p} on their Linux thread ids: for a test
 * that must keep one party's CPU use away from another's.
 */
final class ThreadPinning
{
    private ThreadPinning()
    {
    }

    static boolean isAvailable()
    {
        try
        {
            return run(List.of("taskset", "--version"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @param cpu the core.
     * @param names thread names as {@code /proc/self/task/TID/comm} has them (the first 15 characters).
     */
    static void pin(final int cpu, final String... names) throws IOException
    {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : tasks.toList())
            {
                final String comm = Files.readString(task.resolve("comm")).trim();
                if (List.of(names).contains(comm) &&
                    !run(List.of("taskset", "-p", "-c", Integer.toString(cpu), task.getFileName().toString())))
                {
                    throw new IOException("taskset refused to pin " + comm);
                }
            }
        }
    }

    private static boolean run(final List<String> command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        try
        {
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
