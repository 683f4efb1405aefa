package io.tickloop.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandModelsTest
{
    @Test
    void shouldListEveryModelAndTheThreadFlagsInHelp()
    {
        final String help = ServerCommand.commandLine().getUsageMessage();
        for (final SocketModel model : SocketModel.values())
        {
            assertTrue(help.contains(model.cliName()), model.cliName());
        }
        assertTrue(help.contains("--reactors"));
        assertTrue(help.contains("--threads"));
    }

    @Test
    void shouldRejectZeroReactorsWithExitCodeTwo()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = ServerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--model", "reactors", "--reactors", "0", "--port", "0"));
        assertTrue(err.toString().contains("--reactors must be"), err.toString());
    }

    @Test
    void shouldRejectTooManyAsyncThreadsWithExitCodeTwo()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = ServerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--model", "async", "--threads", "5000", "--port", "0"));
        assertTrue(err.toString().contains("--threads must be"), err.toString());
    }

    @Test
    void shouldDefaultReactorsAndThreadsToTheProcessors()
    {
        final ServerConfig config = new ServerConfig().validate();
        assertEquals(Runtime.getRuntime().availableProcessors(), config.reactors());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig().threads(0).validate());
    }

    @Test
    void shouldKnowEveryModelByItsName()
    {
        for (final SocketModel model : SocketModel.values())
        {
            assertEquals(model, SocketModel.of(model.cliName()));
        }
        assertEquals(6, SocketModel.values().length);
    }
}
