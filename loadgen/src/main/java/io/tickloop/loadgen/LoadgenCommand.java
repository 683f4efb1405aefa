package io.tickloop.loadgen;

import io.tickloop.cli.CommandLines;
import io.tickloop.loadgen.compare.CompareCommand;
import io.tickloop.loadgen.compare.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The load generator's command line, the main class of {@code tickloop-loadgen.jar}: {@code bin/tickloop load
 * ...} runs {@code java -jar tickloop-loadgen.jar load ...}. Subcommands: {@code load}, {@code compare} and
 * {@code report}.
 */
@Command(
    name = "tickloop",
    mixinStandardHelpOptions = true,
    version = "tickloop loadgen 0.1.0",
    description = "The tickloop load generator.",
    subcommands = { LoadCommand.class, CompareCommand.class, ReportCommand.class })
public final class LoadgenCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * No subcommand: print the usage and exit 2, as for a bad flag.
     *
     * @return 2.
     */
    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLines.BAD_FLAG;
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the configured command line, also used by tests: a bad flag prints
     * {@code tickloop <command>: <message>} and a hint, and exits 2.
     */
    public static CommandLine commandLine()
    {
        return CommandLines.create(new LoadgenCommand());
    }
}
