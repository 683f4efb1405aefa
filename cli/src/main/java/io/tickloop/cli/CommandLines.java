package io.tickloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * One way to build a tickloop command line: {@link Duration} options read {@link Durations}' syntax, enum options
 * their constants' command-line names ({@link EnumNames}), {@code --help} is laid out 120 columns wide, and a bad
 * flag prints {@code tickloop <command>: <what is wrong>} and a hint to stderr and exits 2, for every command
 * and subcommand alike.
 */
public final class CommandLines
{
    /** The exit code of a bad flag. */
    public static final int BAD_FLAG = 2;
    /** The width --help is laid out for: the descriptions are written in lines of up to this many columns. */
    private static final int USAGE_WIDTH = 120;

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
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.registerConverter(Duration.class, new Durations());
        registerEnumNames(commandLine, commandLine.getCommandSpec());
        commandLine.setParameterExceptionHandler(CommandLines::onBadFlag);
        return commandLine;
    }

    /**
     * Parse flags into an options object (a mixin) outside any command: for tests and tools that build in-process
     * what a command line would, through the same declarations, defaults and bounds.
     *
     * @param options an object with {@code @Option} members, as mixed into a command.
     * @param args flags, such as {@code "--port", "0"}; the rest keep their defaults, and a flag given twice takes
     * the later value.
     * @param <T> the options' type.
     * @return the options, filled in.
     * @throws IllegalArgumentException for a bad flag, with the message the command line would print.
     */
    public static <T> T parse(final T options, final String... args)
    {
        try
        {
            create(new OptionsHolder(options)).setOverwrittenOptionsAllowed(true).parseArgs(args);
            return options;
        }
        catch (final ParameterException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerEnumNames(final CommandLine commandLine, final CommandSpec spec)
    {
        for (final OptionSpec option : spec.options())
        {
            final Class<?> type = option.auxiliaryTypes()[0];
            if (type.isEnum())
            {
                commandLine.registerConverter((Class)type, new EnumNames(type));
            }
        }
        for (final CommandLine subcommand : spec.subcommands().values())
        {
            registerEnumNames(commandLine, subcommand.getCommandSpec());
        }
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

    /** A command with nothing but the options mixed in, so that their {@code @Spec(MIXEE)} is injected. */
    @Command(name = "options")
    private static final class OptionsHolder
    {
        @Mixin
        private final Object options;

        OptionsHolder(final Object options)
        {
            this.options = options;
        }
    }
}
