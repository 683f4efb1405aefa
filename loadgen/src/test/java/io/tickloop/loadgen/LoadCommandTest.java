package io.tickloop.loadgen;

import io.tickloop.loadgen.report.RunFilesWriter;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.selector.SelectorServer;
import io.tickloop.server.service.PingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldPrintHelp()
    {
        assertEquals(0, execute("load", "--help"));
        final String help = out.toString();
        for (final String flag : new String[]{ "--target", "--connections", "--rate", "--duration", "--warmup",
            "--size", "--threads", "--connect-rate", "--pipeline", "--timeout", "--max-errors", "--out", "--quiet",
            "--idle", "Exit codes" })
        {
            assertTrue(help.contains(flag), "help names " + flag);
        }
    }

    @Test
    void shouldShowTheDefaultsAndTheScenariosInTheHelpWithoutAWarning()
    {
        // picocli's own warnings (a '%' its formatter cannot read) go to System.err, not to the command's writer
        final PrintStream systemErr = System.err;
        final ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, execute("load", "--help"));
            assertEquals(0, execute("compare", "--help"));
        }
        finally
        {
            System.setErr(systemErr);
        }
        assertEquals("", picocliWarnings.toString(StandardCharsets.UTF_8));
        final String help = out.toString();
        assertTrue(help.contains("drops PCT% of the loopback's packets"), help);
        assertTrue(help.contains("1% below --rate"), help);
        assertTrue(help.contains("ping, game: PINGs with checked replies"), help);
        assertTrue(help.contains("Default: 10s") && help.contains("Default: 127.0.0.1:7777"), help);
        final String flat = help.replaceAll("\\s+", " ");
        assertTrue(flat.contains("of tcp, udp, ws.") && flat.contains("--target is then the server's --ws-port"),
            help);
        assertTrue(flat.contains("bin/tickloop load --scenario game --transport ws --target 127.0.0.1:8080"), help);
        assertEquals("", err.toString());
    }

    @Test
    void shouldRejectAnUnknownScenarioNamingTheFlagAndTheScenarios()
    {
        assertEquals(2, execute("load", "--scenario", "nope"));
        assertTrue(err.toString().startsWith("tickloop load: Invalid value for option '--scenario': " +
            "'nope' is not one of [ping, game]"), err.toString());
    }

    @Test
    void shouldRejectAnUnknownIdleStrategyNamingThemAll()
    {
        assertEquals(2, execute("load", "--idle", "nap"));
        assertTrue(err.toString().startsWith("tickloop load: Invalid value for option '--idle': " +
            "'nap' is not one of [select, spin, yield, backoff]"), err.toString());
    }

    @Test
    void shouldRejectNoConnectionsNamingTheFlagAndItsRange()
    {
        assertEquals(2, execute("load", "--connections", "0"));
        assertTrue(err.toString().startsWith("tickloop load: --connections must be at least 1, was 0"),
            err.toString());
    }

    @Test
    void shouldRejectAnUnknownFlagWithExitCode2()
    {
        assertEquals(2, execute("load", "--bogus"));
        final String[] lines = err.toString().split("\\R");
        assertTrue(lines[0].startsWith("tickloop load: ") && lines[0].contains("--bogus"), lines[0]);
        assertTrue(lines[1].contains("tickloop load --help"), lines[1]);
    }

    @Test
    void shouldRejectATooSmallMessageWithExitCode2()
    {
        assertEquals(2, execute("load", "--size", "12"));
        assertTrue(err.toString().startsWith("tickloop load: --size must be 20..65535"), err.toString());
    }

    @Test
    void shouldRejectABadDurationWithExitCode2()
    {
        assertEquals(2, execute("load", "--duration", "5 parsecs"));
        assertTrue(err.toString().startsWith("tickloop load: "), err.toString());
    }

    @Test
    void shouldExitWith1WhenNothingListens()
    {
        assertEquals(1, execute("load", "--target", "127.0.0.1:1", "--connections", "2", "--duration", "1s",
            "--warmup", "0s", "--quiet"));
        assertTrue(err.toString().contains("could not connect"), err.toString());
    }

    @Test
    void shouldRunAndWriteTheResultFiles(@TempDir final Path directory) throws Exception
    {
        final ServerConfig config = ServerOptions.parse("--port", "0");
        final Server server = SelectorServer.create(config, new PingService(4096));
        server.start();
        try
        {
            final Path outDir = directory.resolve("run1");
            final int exitCode = execute("load", "--target", "127.0.0.1:" + server.localAddress().getPort(),
                "--connections", "10", "--rate", "1000", "--duration", "1s", "--warmup", "200ms", "--size", "32",
                "--out", outDir.toString());

            assertEquals(0, exitCode, err.toString());
            final String summary = Files.readString(outDir.resolve(RunFilesWriter.SUMMARY_JSON));
            assertTrue(summary.contains("\"success\": true"), summary);
            assertTrue(summary.contains("\"size\": 32"), summary);
            assertTrue(summary.contains("\"idle\": \"select\""), summary);
            assertTrue(summary.matches("(?s).*\"loader\": \\{\\s*\"cpuCores\": [0-9.]+,\\s*\"sendLagUs\": \\{\\s*" +
                "\"count\": [1-9][0-9]*,\\s*\"p50\": [0-9.]+,\\s*\"p99\": [0-9.]+,\\s*\"max\": [0-9.]+\\s*},\\s*" +
                "\"pollGapUs\": \\{\\s*\"count\": [1-9][0-9]*,\\s*\"p50\": [0-9.]+,\\s*\"p99\": [0-9.]+,.*"), summary);
            assertTrue(Files.readString(outDir.resolve(RunFilesWriter.LATENCY_HGRM)).contains("#[Max"));
            assertTrue(Files.readString(outDir.resolve(RunFilesWriter.SERVICE_HGRM)).contains("#[Mean"));
            final String hlog = Files.readString(outDir.resolve(RunFilesWriter.RUN_HLOG));
            assertTrue(hlog.contains("Tag=latency,") && hlog.contains("Tag=service,"), hlog);
        }
        finally
        {
            server.close();
        }
    }

    private int execute(final String... args)
    {
        final CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
