package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.LoaderFigures;
import io.tickloop.loadgen.report.ConsoleReport;
import io.tickloop.loadgen.report.JsonWriter;
import io.tickloop.loadgen.report.RunFilesWriter;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Instant;

/**
 * What a game load run measured: the three histograms over the measured part (input latency, chat fan-out
 * latency, state interval; nanoseconds) and the counters' growth over it.
 */
public final class GameLoadResult
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    private final GameLoadConfig config;
    private final long startEpochMs;
    private final long measureStartEpochMs;
    private final long measuredNs;
    private final Histogram[] histograms;
    private final GameLoadRun.Counts start;
    private final GameLoadRun.Counts end;
    private final long connected;
    private final boolean stoppedEarly;
    private final LoaderFigures loader;
    private final String wsFirstFailure;

    GameLoadResult(final GameLoadConfig config, final long startEpochMs, final long measureStartEpochMs,
        final long measuredNs,
        final Histogram[] histograms, final GameLoadRun.Counts start, final GameLoadRun.Counts end,
        final long connected, final boolean stoppedEarly, final LoaderFigures loader, final String wsFirstFailure)
    {
        this.config = config;
        this.startEpochMs = startEpochMs;
        this.measureStartEpochMs = measureStartEpochMs;
        this.measuredNs = measuredNs;
        this.histograms = histograms;
        this.start = start;
        this.end = end;
        this.connected = connected;
        this.stoppedEarly = stoppedEarly;
        this.loader = loader;
        this.wsFirstFailure = wsFirstFailure;
    }

    /**
     * @return what the bots' thread measured of itself during the measured part (send lag of MOVEs and CHATs).
     */
    public LoaderFigures loader()
    {
        return loader;
    }

    /**
     * @param index 0 input latency, 1 chat latency, 2 state interval.
     * @return that histogram over the measured part, in nanoseconds.
     */
    public Histogram histogram(final int index)
    {
        return histograms[index];
    }

    /**
     * @return the configuration the run used.
     */
    public GameLoadConfig config()
    {
        return config;
    }

    /**
     * @return when the run started.
     */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    /**
     * @return when the measured part began (wall clock).
     */
    public long measureStartEpochMs()
    {
        return measureStartEpochMs;
    }

    /**
     * @return how long the measured part lasted.
     */
    public long measuredNs()
    {
        return measuredNs;
    }

    /**
     * @return MOVEs sent per second over the measured part.
     */
    public double movesPerSecond()
    {
        return (end.moves - start.moves) * 1e9 / measuredNs;
    }

    /**
     * @return bots connected at the end.
     */
    public long connected()
    {
        return connected;
    }

    /**
     * @return errors over the whole run (closed, kicked, a sequence going backwards, ...).
     */
    public long errors()
    {
        return end.errors;
    }

    /**
     * @return KICKs and BYEs the server sent the bots, over the whole run.
     */
    public long kicks()
    {
        return end.kicks;
    }

    /**
     * @return STATE sequences that went backwards for their own bot, over the whole run.
     */
    public long seqBackwards()
    {
        return end.seqBackwards;
    }

    /**
     * @return the share of STATE ticks the bots never saw, in the measured time (0 over TCP, which loses nothing).
     */
    public double statesLostShare()
    {
        final long lost = end.statesLost - start.statesLost;
        final long seen = end.states - start.states;
        return lost + seen == 0 ? 0 : (double)lost / (lost + seen);
    }

    /**
     * @return true when bots connected and the errors stayed within --max-errors.
     */
    public boolean isSuccess()
    {
        return connected > 0 && end.errors <= config.maxErrors();
    }

    /**
     * @param out where the table goes.
     */
    public void printTo(final PrintStream out)
    {
        final double seconds = measuredNs / 1e9;
        out.printf("game load: %d/%d bots, %.1fs measured%s%n", connected, config.bots(), seconds,
            stoppedEarly ? " (stopped early)" : "");
        out.printf("  moves/s %.0f  states/s %.0f  STATE %.2f MB/s  chats sent/s %.1f  received/s %.1f  unsent %d%n",
            (end.moves - start.moves) / seconds, (end.states - start.states) / seconds,
            (end.stateBytes - start.stateBytes) / 1e6 / seconds, (end.chatsSent - start.chatsSent) / seconds,
            (end.chatsReceived - start.chatsReceived) / seconds, end.unsent - start.unsent);
        out.printf("  transport %s  STATEs lost %.2f%%%n", config.transport(),
            statesLostShare() * 100);
        out.printf("  errors %d (kicks %d, input seq backwards %d)%n", end.errors, end.kicks, end.seqBackwards);
        if (end.noUdp > 0)
        {
            out.printf("  %d bots asked for UDP from a server that offers none: start it with --udp-port%n",
                end.noUdp);
        }
        if (config.transport() == BotTransport.WS)
        {
            printWebSocket(out);
        }
        out.printf("  %-16s %10s %8s %8s %8s %8s %8s %8s%n", "metric (ms)", "count", "p50", "p90", "p99", "p99.9",
            "p99.99", "max");
        for (int i = 0; i < GameLoadRun.TAGS.length; i++)
        {
            final Histogram histogram = histograms[i];
            out.printf("  %-16s %10d", GameLoadRun.TAGS[i], histogram.getTotalCount());
            for (final double percentile : PERCENTILES)
            {
                out.printf(" %8s", ms(histogram, percentile));
            }
            out.println();
        }
        ConsoleReport.printLoader(loader, histograms[0], out, "");
    }

    private void printWebSocket(final PrintStream out)
    {
        out.printf("  websocket: %d upgrades (mean %s ms, not part of any latency), %d handshakes failed, " +
            "%d closes from the server%n", end.wsUpgrades,
            end.wsUpgrades == 0 ? "-" : String.format("%.2f", meanUpgradeMs()), end.wsHandshakeFailures,
            end.wsCloses);
        if (null != wsFirstFailure)
        {
            out.printf("  first websocket failure: %s%n", wsFirstFailure);
        }
        if (end.wsHandshakeFailures > 0)
        {
            out.printf("  with --transport ws, --target must be the server's --ws-port " +
                "(bin/tickloop server --service game --ws-port 8080)%n");
        }
    }

    /**
     * @return messages the bots received per second in the measured time: STATEs and CHATs (each CHAT once per
     * member it reached).
     */
    public double messagesReceivedPerSecond()
    {
        final double seconds = measuredNs / 1e9;
        return (end.states - start.states + end.chatsReceived - start.chatsReceived) / seconds;
    }

    private double meanUpgradeMs()
    {
        return end.wsUpgrades == 0 ? Double.NaN : end.wsUpgradeNs / 1e6 / end.wsUpgrades;
    }

    /**
     * @return WebSocket upgrades that failed or timed out, over the whole run (0 but with {@code --transport ws}).
     */
    public long wsHandshakeFailures()
    {
        return end.wsHandshakeFailures;
    }

    /**
     * @return the summary as JSON: parameters, counts and rates, and each metric's percentiles in microseconds.
     */
    public String summaryJson()
    {
        final double seconds = measuredNs / 1e9;
        final JsonWriter json = new JsonWriter().beginObject(null);
        json.beginObject("parameters")
            .value("scenario", "game")
            .value("target", config.target().getHostString() + ":" + config.target().getPort())
            .value("bots", config.bots())
            .value("rooms", config.rooms())
            .value("moveHz", config.moveHz())
            .value("chatRate", config.chatRate())
            .value("connectRate", config.connectRatePerSecond())
            .value("warmupMs", config.warmupMs())
            .value("durationMs", config.durationMs())
            .value("idle", config.idle().toString())
            .value("transport", config.transport().toString())
            .endObject();
        json.value("startTime", Instant.ofEpochMilli(startEpochMs).toString())
            .value("measuredMs", measuredNs / 1_000_000L)
            .value("stoppedEarly", stoppedEarly)
            .value("connected", connected)
            .value("movesPerSecond", (end.moves - start.moves) / seconds)
            .value("statesPerSecond", (end.states - start.states) / seconds)
            .value("stateBytesPerSecond", (end.stateBytes - start.stateBytes) / seconds)
            .value("chatsSentPerSecond", (end.chatsSent - start.chatsSent) / seconds)
            .value("chatsReceivedPerSecond", (end.chatsReceived - start.chatsReceived) / seconds)
            .value("unsent", end.unsent - start.unsent)
            .value("errors", end.errors)
            .value("kicks", end.kicks)
            .value("seqBackwards", end.seqBackwards)
            .value("statesLostShare", statesLostShare())
            .value("wsUpgrades", end.wsUpgrades)
            .value("wsUpgradeMeanMs", end.wsUpgrades == 0 ? 0 : meanUpgradeMs())
            .value("wsHandshakeFailures", end.wsHandshakeFailures)
            .value("wsCloses", end.wsCloses)
            .value("success", isSuccess());
        final String[] names = {"inputLatencyUs", "chatLatencyUs", "stateIntervalUs"};
        for (int i = 0; i < names.length; i++)
        {
            RunFilesWriter.percentiles(json, names[i], histograms[i]);
        }
        RunFilesWriter.loader(json, loader, histograms[0]);
        return json.endObject().toString();
    }

    static String ms(final Histogram histogram, final double percentile)
    {
        if (null == histogram || histogram.getTotalCount() == 0)
        {
            return "-";
        }
        final long valueNs = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return String.format("%.2f", valueNs / 1e6);
    }
}
