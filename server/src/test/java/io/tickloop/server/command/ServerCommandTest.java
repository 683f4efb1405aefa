package io.tickloop.server.command;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldDescribeEveryFlagInHelp()
    {
        assertEquals(0, run("--help"));

        for (final String flag : new String[]{"--port", "--bind", "--model", "--service", "--max-frame",
            "--max-connections", "--send-queue-bytes", "--backlog", "--shutdown-timeout", "--stats", "--tick-hz",
            "--auth-timeout", "--idle-timeout", "--max-frames-per-second", "--room-capacity", "--view-radius",
            "--world-bound", "--input-queue-bytes", "game"})
        {
            assertTrue(out.toString().contains(flag), flag + " missing from --help");
        }
    }

    @Test
    void shouldRejectAnOutOfRangeFlagWithExitCodeTwoAndOneClearLine()
    {
        assertEquals(2, run("--max-frame", "70000"));
        assertTrue(err.toString().startsWith("tickloop server: --max-frame must be 4..65535, was 70000"), err.toString());
    }

    @Test
    void shouldRejectAnOutOfRangeGameFlag()
    {
        assertEquals(2, run("--service", "game", "--tick-hz", "0"));
        assertEquals(2, run("--service", "game", "--room-capacity", "300"));
        assertEquals(2, run("--service", "game", "--view-radius", "-1"));
        assertEquals(2, run("--service", "game", "--world-bound", "0"));
        assertEquals(2, run("--service", "game", "--input-queue-bytes", "4k"));
        assertTrue(err.toString().contains("--tick-hz must be 1..1000, was 0"), err.toString());
        assertTrue(err.toString().contains("--room-capacity must be 1..255"), err.toString());
        assertTrue(err.toString().contains("--view-radius must be at least 0, was -1"), err.toString());
        assertTrue(err.toString().contains("--world-bound must be 1..1000000000, was 0"), err.toString());
        assertTrue(err.toString().contains("--input-queue-bytes must be at least --max-frame + 8 (4104), was 4096"),
            err.toString());
    }

    @Test
    void shouldRejectAnUnknownModelOrServiceOrFlag()
    {
        assertEquals(2, run("--model", "fibers"));
        assertEquals(2, run("--service", "chess"));
        assertEquals(2, run("--colour", "blue"));
        assertEquals(2, run("--shutdown-timeout", "soon"));
        assertTrue(err.toString().contains(
            "'--model': 'fibers' is not one of [selector, reactors, blocking, virtual, async, polling]"), err.toString());
        assertTrue(err.toString().contains("'--service': 'chess' is not one of [echo, ping, game]"), err.toString());
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
    }

    @Test
    void shouldExitWithOneWhenThePortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            assertEquals(1, run("--port", String.valueOf(taken.getLocalPort())));
            assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err.toString());
        }
    }

    private int run(final String... args)
    {
        final CommandLine commandLine = ServerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
