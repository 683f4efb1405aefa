package io.tickloop.lessons;

import io.tickloop.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tickloop lessons}: run the lessons on loopback and print what each one measured as a report.
 */
@Command(
    name = "tickloop lessons",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    version = "tickloop lessons 0.1.0",
    description = {
        "Run the socket lessons on loopback (127.0.0.1) and print what each measured:",
        "  1 kernel buffers            2 TCP has no message boundaries",
        "  3 UDP keeps them            4 SO_REUSEADDR and TIME_WAIT",
        "  5 busy polling vs blocking  6 socket models at idle",
        "docs/socket-models.md explains each one. The figures depend on the machine",
        "and on its load.",
        "",
        "Exit codes: 0 when every lesson ran, 1 when one failed, 2 for bad flags."
    })
public final class LessonsCommand implements Callable<Integer>
{
    private static final String LOG_LEVEL_PROPERTY = "tickloop.log.level";

    @Spec
    private CommandSpec spec;

    @Option(names = "--only", paramLabel = "N", split = ",",
        description = "Run only these lessons (1..7, comma-separated). Default: all.")
    private List<Integer> only;

    @Override
    public Integer call()
    {
        final List<Lesson> lessons = selected();
        final PrintWriter out = spec.commandLine().getOut();
        out.println("tickloop lessons: " + Runtime.getRuntime().availableProcessors() + " cores, " +
            System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " +
            Runtime.version() + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + "), loopback only");
        out.println("Figures are from this run on this machine; a shared or busy machine moves them.");
        int failures = 0;
        for (final Lesson lesson : lessons)
        {
            out.println();
            out.println("Lesson " + lesson.number() + ". " + lesson.title());
            out.println("  claim: " + lesson.claim());
            out.flush();
            final long startNs = System.nanoTime();
            try
            {
                for (final String finding : lesson.run().findings())
                {
                    out.println("  - " + finding.replace("\n", "\n  "));
                }
                out.printf("  (%.1f s)%n", (System.nanoTime() - startNs) / 1e9);
            }
            catch (final Exception ex)
            {
                failures++;
                out.println("  FAILED: " + ex);
            }
            out.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    private List<Lesson> selected()
    {
        if (null == only || only.isEmpty())
        {
            return Lessons.all();
        }
        for (final int number : only)
        {
            if (number < 1 || number > Lessons.all().size())
            {
                throw new ParameterException(spec.commandLine(),
                    "--only takes lesson numbers 1.." + Lessons.all().size() + ", was " + number);
            }
        }
        return Lessons.all().stream().filter((lesson) -> only.contains(lesson.number())).toList();
    }

    /**
     * Run the lessons command line.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        // The servers lesson 6 starts log their start and drain at INFO; the report is the output here.
        if (null == System.getProperty(LOG_LEVEL_PROPERTY))
        {
            System.setProperty(LOG_LEVEL_PROPERTY, "WARN");
        }
        final int exitCode = commandLine().execute(args);
        System.exit(exitCode);
    }

    /**
     * @return the configured command line, also used by tests.
     */
    public static CommandLine commandLine()
    {
        return CommandLines.create(new LessonsCommand());
    }
}
