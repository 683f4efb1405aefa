package io.tickloop.server.command;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
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
        final ServerConfig config = ServerOptions.parse();
        assertEquals(Runtime.getRuntime().availableProcessors(), config.reactors());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--threads", "0"));
    }

    @Test
    void shouldKnowEveryModelByItsNameAndRejectAnUnknownOneListingThem()
    {
        assertEquals(6, SocketModel.values().length);
        for (final SocketModel model : SocketModel.values())
        {
            assertEquals(model, ServerCommand.commandLine().parseArgs("--model", model.cliName())
                .matchedOptionValue("--model", null));
        }
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = ServerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--model", "epoll", "--port", "0"));
        assertTrue(err.toString().contains("'epoll' is not one of [selector, reactors, blocking, virtual, async, polling]"),
            err.toString());
    }
}
