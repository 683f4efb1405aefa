package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.compare.ComparisonTable.Mark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The comparison as one self-contained HTML page: tables, and every chart embedded as a data URI so the page
 * needs no network and no files beside it.
 */
final class HtmlPage
{
    private HtmlPage()
    {
    }

    static String page(final String context, final String sections)
    {
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>tickloop comparison</title>
            <style>
              body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
              table { border-collapse: collapse; margin: 1em 0; }
              th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
              th:first-child, td:first-child, td:nth-child(2) { text-align: left; }
              td.win { font-weight: bold; background: #e8f4e8; }
              td.noise { background: #f4f4e0; }
              img { max-width: 100%; margin: 0.5em 0; }
              pre { background: #f6f6f6; padding: 0.8em; white-space: pre-wrap; }
            </style>
            </head>
            <body>
            <h1>tickloop comparison</h1>
            <pre>""" + escape(context) + "</pre>\n" + sections + "\n</body>\n</html>\n";
    }

    static String section(final ComparisonTable table, final Path folder, final List<Path> charts) throws IOException
    {
        final StringBuilder html = new StringBuilder("<h2>").append(escape(table.scenario())).append("</h2>\n<p>")
            .append(escape(table.description())).append("</p>\n<table>\n<tr><th>model</th><th>status</th>");
        ComparisonTable.COLUMNS.forEach(column -> html.append("<th>").append(escape(column.heading())).append("</th>"));
        html.append("</tr>\n");
        final List<Map<String, Mark>> marks = table.marks();
        for (final ModelRuns row : table.rows())
        {
            html.append("<tr><td>").append(escape(row.model())).append("</td><td>")
                .append(escape(row.status())).append("</td>");
            for (int i = 0; i < ComparisonTable.COLUMNS.size(); i++)
            {
                final String cell = escape(ComparisonTable.COLUMNS.get(i).cell(row));
                html.append(switch (marks.get(i).getOrDefault(row.model(), Mark.NONE))
                {
                    case BEST -> "<td class=\"win\">" + cell;
                    case WITHIN_NOISE -> "<td class=\"noise\">" + cell + " ~";
                    case NONE -> "<td>" + cell;
                }).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        if (!table.notes().isEmpty())
        {
            html.append("<ul>\n");
            table.notes().forEach(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
            html.append("</ul>\n");
        }
        for (final Path chart : charts)
        {
            html.append("<img alt=\"").append(escape(folder.relativize(chart).toString())).append("\" src=\"")
                .append(ComparisonReport.dataUri(chart)).append("\">\n");
        }
        return html.toString();
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
