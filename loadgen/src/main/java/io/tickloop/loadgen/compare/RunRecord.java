package io.tickloop.loadgen.compare;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code compare} knows about one run beyond its histograms: which scenario and model, how it went, the
 * load's counts and the measured window. Stored as {@value #FILE_NAME} beside the run's {@code .hlog}, so that
 * {@code report} can redraw a comparison from its folders alone.
 *
 * @param scenario the scenario's name.
 * @param model the socket model's name.
 * @param status {@code ok}, or why the figures are partial or missing: {@code short-of-rate},
 * {@code errors}, {@code failed}, {@code skipped}.
 * @param note a sentence for the report, or empty.
 * @param connections connections the scenario asked for.
 * @param connected connections that came up.
 * @param targetRate the asked rate in messages per second, 0 for a closed loop.
 * @param achievedRate messages sent per second in the measured window.
 * @param receivedRate replies received per second in the measured window.
 * @param errors errors of every kind.
 * @param measureStartEpochMs when the measured window began.
 * @param measureEndEpochMs when it ended.
 * @param pinned true when server and load ran on separate cores.
 * @param repetition which repetition of its (scenario, model) this run was, from 1; 1 for a folder written
 * before {@code --repeat} existed.
 */
public record RunRecord(
    String scenario,
    String model,
    String status,
    String note,
    int connections,
    long connected,
    long targetRate,
    double achievedRate,
    double receivedRate,
    long errors,
    long measureStartEpochMs,
    long measureEndEpochMs,
    boolean pinned,
    int repetition)
{
    /** The file's name inside a run folder. */
    public static final String FILE_NAME = "run.properties";
    /** The run measured what it was asked to. */
    public static final String OK = "ok";

    /**
     * @return true when the run produced figures worth drawing, even if partial.
     */
    public boolean hasFigures()
    {
        return !status.equals("failed") && !status.equals("skipped");
    }

    /**
     * @param status the new status.
     * @param more a sentence to add to the note.
     * @return this record with that status and the sentence added.
     */
    public RunRecord with(final String status, final String more)
    {
        return new RunRecord(scenario, model, status, note.isEmpty() ? more : note + "; " + more, connections,
            connected, targetRate, achievedRate, receivedRate, errors, measureStartEpochMs, measureEndEpochMs, pinned,
            repetition);
    }

    /**
     * @param folder the run's folder.
     * @throws IOException when the file cannot be written.
     */
    public void write(final Path folder) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("scenario", scenario);
        properties.setProperty("model", model);
        properties.setProperty("status", status);
        properties.setProperty("note", note);
        properties.setProperty("connections", Integer.toString(connections));
        properties.setProperty("connected", Long.toString(connected));
        properties.setProperty("targetRate", Long.toString(targetRate));
        properties.setProperty("achievedRate", Double.toString(achievedRate));
        properties.setProperty("receivedRate", Double.toString(receivedRate));
        properties.setProperty("errors", Long.toString(errors));
        properties.setProperty("measureStartEpochMs", Long.toString(measureStartEpochMs));
        properties.setProperty("measureEndEpochMs", Long.toString(measureEndEpochMs));
        properties.setProperty("pinned", Boolean.toString(pinned));
        properties.setProperty("repetition", Integer.toString(repetition));
        Files.createDirectories(folder);
        try (Writer out = Files.newBufferedWriter(folder.resolve(FILE_NAME), StandardCharsets.UTF_8))
        {
            properties.store(out, "tickloop compare run");
        }
    }

    /**
     * @param folder a run's folder.
     * @return the record, or null when the folder has none.
     * @throws IOException when the file cannot be read.
     */
    public static RunRecord read(final Path folder) throws IOException
    {
        final Path file = folder.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        return new RunRecord(
            properties.getProperty("scenario", "run"),
            properties.getProperty("model", folder.getFileName().toString()),
            properties.getProperty("status", OK),
            properties.getProperty("note", ""),
            Integer.parseInt(properties.getProperty("connections", "0")),
            Long.parseLong(properties.getProperty("connected", "0")),
            Long.parseLong(properties.getProperty("targetRate", "0")),
            Double.parseDouble(properties.getProperty("achievedRate", "0")),
            Double.parseDouble(properties.getProperty("receivedRate", "0")),
            Long.parseLong(properties.getProperty("errors", "0")),
            Long.parseLong(properties.getProperty("measureStartEpochMs", "0")),
            Long.parseLong(properties.getProperty("measureEndEpochMs", "0")),
            Boolean.parseBoolean(properties.getProperty("pinned", "false")),
            Integer.parseInt(properties.getProperty("repetition", "1")));
    }
}
