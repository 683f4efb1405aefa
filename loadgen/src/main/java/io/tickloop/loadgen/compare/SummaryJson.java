package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.compare.ComparisonTable.Column;
import io.tickloop.loadgen.compare.ComparisonTable.Mark;
import io.tickloop.loadgen.report.JsonWriter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison's {@code summary.json}: per scenario, every run's figures ({@code runs}, one per repetition) and
 * per model the median, min and max of each table column over its repetitions, with the column's mark
 * ({@code models}).
 */
final class SummaryJson
{
    private SummaryJson()
    {
    }

    /**
     * @param context how the runs were made.
     * @param tables one per scenario.
     * @return the JSON text.
     */
    static String of(final String context, final List<ComparisonTable> tables)
    {
        final JsonWriter json = new JsonWriter().beginObject(null).value("context", context).beginArray("scenarios");
        for (final ComparisonTable table : tables)
        {
            json.beginObject(null).value("scenario", table.scenario()).beginArray("runs");
            table.rows().forEach(row -> row.repetitions().forEach(run -> run(json, run)));
            json.endArray().beginArray("models");
            final List<Map<String, Mark>> marks = table.marks();
            for (final ModelRuns row : table.rows())
            {
                final RunFigures medianRun = row.medianRun();
                json.beginObject(null).value("model", row.model()).value("status", row.status())
                    .value("repetitions", row.repetitions().size())
                    .value("medianRepetition", null == medianRun ? 0 : medianRun.record().repetition());
                for (int i = 0; i < ComparisonTable.COLUMNS.size(); i++)
                {
                    final Column column = ComparisonTable.COLUMNS.get(i);
                    final Spread spread = column.spread(row);
                    json.beginObject(column.key()).value("median", spread.median()).value("min", spread.min())
                        .value("max", spread.max())
                        .value("mark", marks.get(i).getOrDefault(row.model(), Mark.NONE).name()
                            .toLowerCase(Locale.ROOT).replace('_', '-'))
                        .endObject();
                }
                json.endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static void run(final JsonWriter json, final RunFigures run)
    {
        final RunRecord record = run.record();
        json.beginObject(null)
            .value("model", record.model())
            .value("repetition", record.repetition())
            .value("status", record.status())
            .value("note", record.note())
            .value("connections", record.connections())
            .value("connected", record.connected())
            .value("targetRate", record.targetRate())
            .value("achievedRate", record.achievedRate())
            .value("errors", record.errors())
            .value("p50Ms", run.latencyMs(50))
            .value("p90Ms", run.latencyMs(90))
            .value("p99Ms", run.latencyMs(99))
            .value("p999Ms", run.latencyMs(99.9))
            .value("p9999Ms", run.latencyMs(99.99))
            .value("maxMs", run.maxLatencyMs())
            .value("serviceP99Ms", run.service().getTotalCount() == 0 ? Double.NaN :
                run.service().getValueAtPercentile(99) / 1e6)
            .value("serverCores", run.serverCores())
            .value("peakRssBytes", run.peakRssBytes())
            .value("rssPerConnectionBytes", run.rssPerConnectionBytes())
            .value("maxThreads", run.maxThreads())
            .value("pinned", record.pinned())
            .endObject();
    }
}
