package io.tickloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * One way to build a tickloop command line: {@link Duration} options read {@link Durations}' syntax, and a bad
 * flag prints {@code tickloop <command>: <what is wrong>} and a hint to stderr and exits 2, for every command
 * and subcommand alike.
 */
public final class CommandLines
{
    /** The exit code of a bad flag. */
    public static final int BAD_FLAG = 2;

    private CommandLines()
    {
    }

    /**
     * @param command the annotated command object; its subcommands get the same set-up.
     * @return the command line, ready to {@code execute}.
     */
    public static CommandLine create(final Object command)
    {
        final CommandLine commandLine = new CommandLine(command);
        commandLine.registerConverter(Duration.class, new Durations());
        commandLine.setParameterExceptionHandler(CommandLines::onBadFlag);
        return commandLine;
    }

    private static int onBadFlag(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final String name = command.getCommandSpec().qualifiedName();
        final PrintWriter err = command.getErr();
        err.println(name + ": " + ex.getMessage());
        err.println("Try '" + name + " --help' for the flags.");
        return BAD_FLAG;
    }
}
