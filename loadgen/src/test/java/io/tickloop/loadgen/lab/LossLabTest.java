package io.tickloop.loadgen.lab;

import io.tickloop.loadgen.LoadgenCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The loss lab drops the share of loopback packets it is asked to, inside a network namespace of its own; outside
 * one, {@code --loss} is refused with exit code 2.
 */
class LossLabTest
{
    @Test
    void shouldRefuseLossOutsideTheLabWithExitCode2()
    {
        assumeTrue(!LossLab.isInside(), "this JVM runs in a loss lab already");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final picocli.CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

        assertEquals(2, commandLine.execute("load", "--loss", "2", "--quiet"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("run it through bin/tickloop"),
            err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Needs root (a network namespace) and nftables; skipped, saying so, where either is missing. The probe runs in
     * a child JVM in its own namespace, so the machine's network is never touched.
     */
    @Test
    void shouldDropAboutTheShareAskedForInItsOwnNetworkNamespace() throws Exception
    {
        final String missing = !succeeds("nft", "--version") ? "no nftables ('nft'): apt-get install nftables" :
            !succeeds("unshare", "--net", "true") ? "no network namespace for this user (needs root)" : null;
        if (null != missing)
        {
            System.out.println("loss lab test skipped: " + missing); // the console says why, not only the report
        }
        assumeTrue(null == missing, missing);
        final String java = ProcessHandle.current().info().command().orElseThrow();
        final String inner = "ip link set lo up && exec '" + java + "' -cp '" + System.getProperty("java.class.path") +
            "' " + LossProbe.class.getName() + " 50";
        final ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "bash", "-c", inner)
            .redirectErrorStream(true);
        builder.environment().put(LossLab.ENV, "1");
        final Process probe = builder.start();
        try
        {
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe finished");
            final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print("loss probe, 50% dropped: " + output);
            assertEquals(0, probe.exitValue(), output);
            final Matcher matcher = Pattern.compile("received (\\d+) of (\\d+)").matcher(output);
            assertTrue(matcher.find(), output);
            final double share = Double.parseDouble(matcher.group(1)) / Double.parseDouble(matcher.group(2));
            assertTrue(share > 0.40 && share < 0.60, "received " + share + " of what was sent");
        }
        finally
        {
            probe.destroyForcibly();
        }
    }

    private static boolean succeeds(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
