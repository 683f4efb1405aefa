package io.tickloop.loadgen.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Optional CPU pinning with {@code taskset}: the servers on the first half of the cores, this process (the
 * load) on the rest, so that they do not take turns on the same core.
 */
public final class CpuPinning
{
    private static final CpuPinning NONE = new CpuPinning(null, null);

    private final String serverCpus;
    private final String loadCpus;

    private CpuPinning(final String serverCpus, final String loadCpus)
    {
        this.serverCpus = serverCpus;
        this.loadCpus = loadCpus;
    }

    /**
     * @return no pinning.
     */
    public static CpuPinning none()
    {
        return NONE;
    }

    /**
     * Pin this process to the second half of the cores now; servers started later go to the first half.
     *
     * @return the pinning.
     * @throws IOException when taskset is missing, there is only one core, or taskset fails.
     */
    public static CpuPinning pinThisProcess() throws IOException
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2)
        {
            throw new IOException("--pin needs at least 2 cores, this machine has " + cores);
        }
        final Path taskset = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
            .map(dir -> Path.of(dir, "taskset")).filter(Files::isExecutable).findFirst()
            .orElseThrow(() -> new IOException("--pin needs taskset (util-linux), which is not on PATH"));
        final int half = cores / 2;
        final String serverCpus = half == 1 ? "0" : "0-" + (half - 1);
        final String loadCpus = half == cores - 1 ? Integer.toString(half) : half + "-" + (cores - 1);
        final Process process = new ProcessBuilder(taskset.toString(), "-a", "-p", "-c", loadCpus,
            Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IOException("taskset could not pin this process: " + output.trim());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning", ex);
        }
        return new CpuPinning(serverCpus, loadCpus);
    }

    /**
     * @return true when pinned.
     */
    public boolean isPinned()
    {
        return null != serverCpus;
    }

    /**
     * @return the command prefix that runs a server on its cores, or none.
     */
    public List<String> serverPrefix()
    {
        return isPinned() ? List.of("taskset", "-c", serverCpus) : List.of();
    }

    /**
     * @return a sentence for the report.
     */
    public String describe()
    {
        return isPinned() ? "pinned: servers on CPUs " + serverCpus + ", load generator on CPUs " + loadCpus :
            "not pinned: server and load generator share every core";
    }
}
