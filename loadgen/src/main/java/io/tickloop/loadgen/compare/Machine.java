package io.tickloop.loadgen.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line saying what machine a comparison ran on, for its report.
 */
final class Machine
{
    private Machine()
    {
    }

    static String describe()
    {
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " +
            System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " +
            System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), loopback";
    }

    private static String cpuModel()
    {
        try
        {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
        }
        catch (final IOException ex)
        {
            return "unknown CPU";
        }
    }
}
