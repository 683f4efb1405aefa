package io.tickloop.loadgen.game;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the bots measure. The bot loop's thread records and counts; the run's thread reads intervals.
 * Histogram values in nanoseconds.
 */
final class BotMetrics
{
    static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(120);

    final Recorder inputLatency = newRecorder();
    final Recorder chatLatency = newRecorder();
    final Recorder stateInterval = newRecorder();
    final AtomicLong connected = new AtomicLong();
    final AtomicLong joined = new AtomicLong();
    final AtomicLong movesSent = new AtomicLong();
    final AtomicLong chatsSent = new AtomicLong();
    final AtomicLong chatsReceived = new AtomicLong();
    final AtomicLong states = new AtomicLong();
    final AtomicLong stateBytes = new AtomicLong();
    final AtomicLong unsent = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong kicks = new AtomicLong();
    final AtomicLong seqBackwards = new AtomicLong();
    /** Ticks no STATE was seen for, between two that were: lost datagrams (over TCP nothing is lost). */
    final AtomicLong statesLost = new AtomicLong();
    /** Bots told to use UDP by a server that offers none (no --udp-port). */
    final AtomicLong noUdp = new AtomicLong();
    /** {@code --transport ws}: upgrades the server accepted, and their time from request to checked 101, summed. */
    final AtomicLong wsUpgrades = new AtomicLong();
    final AtomicLong wsUpgradeNs = new AtomicLong();
    /** {@code --transport ws}: upgrades refused, broken or timed out (is the target the server's --ws-port?). */
    final AtomicLong wsHandshakeFailures = new AtomicLong();
    /** {@code --transport ws}: Close frames from the server while the bot was still playing (no KICK before). */
    final AtomicLong wsCloses = new AtomicLong();
    /** {@code --transport ws}: the first WebSocket failure's description, for the result; null while none. */
    final AtomicReference<String> wsFirstFailure = new AtomicReference<>();

    /**
     * Keep the first WebSocket failure's description; later ones are counted, not kept. Off the frames' path: a
     * failure closes its bot.
     *
     * @param why what went wrong.
     */
    void recordWsFailure(final String why)
    {
        wsFirstFailure.compareAndSet(null, why);
    }

    static Recorder newRecorder()
    {
        return new Recorder(1_000, HIGHEST_NS, 3);
    }

    static Histogram newHistogram()
    {
        return new Histogram(1_000, HIGHEST_NS, 3);
    }

    static void record(final Recorder recorder, final long valueNs)
    {
        recorder.recordValue(Math.max(1_000, Math.min(HIGHEST_NS, valueNs)));
    }
}
