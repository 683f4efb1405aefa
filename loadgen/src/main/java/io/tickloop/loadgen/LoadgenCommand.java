package io.tickloop.loadgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load generator's command line. Its subcommands arrive with the load-generator issue.
 */
@Command(
    name = "tickloop-loadgen",
    mixinStandardHelpOptions = true,
    description = "The tickloop load generator (not built yet: see the load-generator issue).")
public final class LoadgenCommand implements Runnable
{
    @Override
    public void run()
    {
        System.err.println("tickloop: the load generator is not built yet");
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LoadgenCommand()).execute(args));
    }
}
