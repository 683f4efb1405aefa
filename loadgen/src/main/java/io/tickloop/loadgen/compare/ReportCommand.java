package io.tickloop.loadgen.compare;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tickloop report}: redraw a comparison from saved run folders, merging the folders of the same
 * scenario and model (several load generators, several machines) into one histogram per tag.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Redraw a comparison report from saved runs. Each PATH is a compare folder, a scenario folder, a model",
        "folder or one run's folder (anything holding .hlog files, such as 'tickloop load --out'); both layouts",
        "are read, scenario/model/rep-N/ (compare --repeat) and the older scenario/model/. Runs of the same",
        "scenario, model and repetition found under several PATHs are merged: their interval logs are added tag",
        "by tag and second by second, their rates summed, as for several load generators driving one server.",
        "The repetitions of a model are reported as their median and spread, as compare reports them. The",
        "machine and command lines of a report already in a PATH are kept, followed by how it was redrawn.",
        "",
        "Exit codes: 0 when a report was written, 1 when no run was found, 2 for bad flags."
    })
public final class ReportCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Compare, scenario or run folders.")
    private List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where to write the report. Default: the PATH itself when there is one, otherwise " +
            "results/report-<timestamp>.")
    private Path out;

    @Override
    public Integer call() throws IOException
    {
        final Map<String, List<Path>> folders = new LinkedHashMap<>();
        for (final Path path : paths)
        {
            if (!Files.isDirectory(path))
            {
                throw new ParameterException(spec.commandLine(), "not a folder: " + path);
            }
            for (final Path run : RunFilesReader.runFolders(path))
            {
                final RunFigures figures = RunFilesReader.load(run);
                folders.computeIfAbsent(figures.record().scenario() + "/" + figures.record().model() + "/" +
                    figures.record().repetition(), key -> new ArrayList<>()).add(run);
            }
        }
        if (folders.isEmpty())
        {
            spec.commandLine().getErr().println("tickloop report: no run found under " + paths);
            return 1;
        }
        final List<RunFigures> runs = new ArrayList<>();
        for (final List<Path> sameRun : folders.values())
        {
            runs.add(RunFilesReader.load(sameRun));
        }
        runs.sort(Comparator.comparingInt((RunFigures run) -> order(Scenario.names(), run.record().scenario()))
            .thenComparingInt(run -> order(ServerModel.names(), run.record().model()))
            .thenComparingInt(run -> run.record().repetition()));
        final Path folder = null != out ? out : paths.size() == 1 ? paths.get(0) : Path.of("results",
            "report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        final StringBuilder context = new StringBuilder();
        for (final Path path : paths)
        {
            previousContext(path).forEach(line -> context.append(line).append('\n'));
        }
        context.append("redrawn by: tickloop ")
            .append(String.join(" ", spec.commandLine().getParseResult().originalArgs()))
            .append("\nfrom: ").append(paths);
        final ComparisonReport report = new ComparisonReport(runs, context.toString());
        report.printConsole(System.out);
        report.write(folder);
        System.out.println("report: " + folder.resolve("index.html").toAbsolutePath());
        return 0;
    }

    /**
     * What the report already in a folder said about how its runs were made (the machine, the pinning, the
     * command), from the first block of its {@code summary.md}, so that a redraw keeps it; an earlier redraw's own
     * lines are left out.
     *
     * @param folder a folder given to {@code report}.
     * @return the lines, or none when it holds no report.
     * @throws IOException when the report cannot be read.
     */
    static List<String> previousContext(final Path folder) throws IOException
    {
        final Path summary = folder.resolve("summary.md");
        if (!Files.isRegularFile(summary))
        {
            return List.of();
        }
        final List<String> lines = Files.readAllLines(summary);
        final int start = lines.indexOf("```");
        final int end = start < 0 ? -1 : lines.subList(start + 1, lines.size()).indexOf("```");
        if (end < 0)
        {
            return List.of();
        }
        return lines.subList(start + 1, start + 1 + end).stream()
            .filter(line -> !line.startsWith("redrawn by:") && !line.startsWith("from:")).toList();
    }

    private static int order(final List<String> known, final String name)
    {
        final int index = known.indexOf(name);
        return index < 0 ? known.size() : index;
    }
}
