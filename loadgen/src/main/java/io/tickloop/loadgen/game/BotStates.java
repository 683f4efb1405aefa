package io.tickloop.loadgen.game;

import io.tickloop.protocol.game.SnapshotDecoder;
import io.tickloop.protocol.game.StateDecoder;
import org.agrona.DirectBuffer;

/**
 * What the bots make of a STATE (over TCP) or a SNAPSHOT (its form by UDP): only a newer tick counts as a STATE
 * (the parts of a split SNAPSHOT share their tick, and UDP may deliver an older one late), ticks skipped between
 * two are counted lost, and the bot's own input sequence (in its entry of a STATE, in a SNAPSHOT's header) says
 * which of its inputs the server has applied: each newly applied one records its input latency, from its intended
 * send time to now. On the bot loop's thread.
 */
final class BotStates
{
    private final BotMetrics metrics;
    private final StateDecoder state = new StateDecoder();
    private final SnapshotDecoder snapshot = new SnapshotDecoder();

    BotStates(final BotMetrics metrics)
    {
        this.metrics = metrics;
    }

    /**
     * @return false when the STATE is malformed: the server broke the protocol.
     */
    boolean onState(final Bot bot, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!state.wrap(buffer, offset, length).isWellFormed())
        {
            return false;
        }
        if (onTick(bot, state.tick(), length, nowNs))
        {
            for (int i = 0, count = state.count(); i < count; i++)
            {
                if (state.playerId(i) == bot.playerId)
                {
                    onOwnInputSeen(bot, state.lastInputSeq(i), nowNs);
                    break;
                }
            }
        }
        return true;
    }

    /**
     * @return false when the SNAPSHOT is malformed: the server broke the protocol.
     */
    boolean onSnapshot(final Bot bot, final DirectBuffer buffer, final int length, final long nowNs)
    {
        if (!snapshot.wrap(buffer, 0, length).isWellFormed())
        {
            return false;
        }
        if (onTick(bot, snapshot.tick(), length, nowNs))
        {
            onOwnInputSeen(bot, snapshot.lastInputSeq(), nowNs);
        }
        return true;
    }

    /**
     * @return false for a tick older than the newest seen: ignored.
     */
    private boolean onTick(final Bot bot, final long tick, final int length, final long nowNs)
    {
        if (tick < bot.lastTick)
        {
            return false;
        }
        metrics.stateBytes.addAndGet(length);
        if (tick > bot.lastTick)
        {
            if (bot.lastTick != 0)
            {
                metrics.statesLost.addAndGet(tick - bot.lastTick - 1);
                BotMetrics.record(metrics.stateInterval, nowNs - bot.lastStateNs);
            }
            metrics.states.incrementAndGet();
            bot.lastTick = tick;
            bot.lastStateNs = nowNs;
        }
        return true;
    }

    private void onOwnInputSeen(final Bot bot, final int seq, final long nowNs)
    {
        if (seq - bot.lastSeenSeq < 0)
        {
            metrics.seqBackwards.incrementAndGet();
            metrics.errors.incrementAndGet();
            return;
        }
        bot.lastSeenSeq = seq;
        for (int q = bot.oldestUnseenSeq; q - seq <= 0 && q - bot.inputSeq <= 0; q++)
        {
            BotMetrics.record(metrics.inputLatency, nowNs - bot.intendedNs[q & (Bot.PENDING_INPUTS - 1)]);
        }
        bot.oldestUnseenSeq = Math.max(bot.oldestUnseenSeq, seq + 1);
    }
}
