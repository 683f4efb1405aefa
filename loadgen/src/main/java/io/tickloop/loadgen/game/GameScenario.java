package io.tickloop.loadgen.game;

import io.tickloop.loadgen.report.HlogIntervalLog;
import io.tickloop.loadgen.report.RunFilesWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code tickloop load --scenario game}: run the bots, print progress and the result, write the files.
 */
public final class GameScenario
{
    private GameScenario()
    {
    }

    /**
     * @param config the validated configuration.
     * @param out a folder for {@code input.hgrm}, {@code chat.hgrm}, {@code state-interval.hgrm},
     * {@code run.hlog} and {@code summary.json}, or null for none.
     * @param console where progress and the result go.
     * @param quiet no progress lines.
     * @param run the run, made by the caller so that it can stop it on SIGINT.
     * @return the result.
     * @throws IOException when a file cannot be written.
     */
    public static GameLoadResult run(final GameLoadConfig config, final Path out, final PrintStream console,
        final boolean quiet, final GameLoadRun run) throws IOException
    {
        console.println("tickloop load: " + config);
        final GameLoadResult result;
        if (null == out)
        {
            result = run.run(quiet ? null : console, null);
        }
        else
        {
            try (HlogIntervalLog hlog = new HlogIntervalLog(
                out.resolve(RunFilesWriter.RUN_HLOG), System.currentTimeMillis(), "tickloop load " + config))
            {
                result = run.run(quiet ? null : console, hlog);
            }
        }
        result.printTo(console);
        if (null != out)
        {
            GameLoadRun.writeFiles(result, out);
            console.println("wrote " + out.toAbsolutePath());
        }
        return result;
    }
}
