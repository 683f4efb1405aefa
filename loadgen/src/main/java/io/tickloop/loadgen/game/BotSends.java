package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.LoaderMeter;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;

/**
 * The bots' open-loop inputs. MOVE slots come every {@code 1 / (bots * moveHz)} seconds round-robin over the bots,
 * so each bot moves at moveHz with evenly spread phases, and a slot's intended time is what latency is measured
 * from, however late the loop gets to it. CHAT slots likewise at {@code bots * chatRate} per second; a CHAT carries
 * its intended time in {@code clientTimeNs}. A slot whose bot is not in its room, or cannot take the frame, counts
 * as unsent. Each send's lag goes to the run's {@link LoaderMeter}. On the bot loop's thread; allocates nothing.
 */
final class BotSends
{
    /** At most this many slots of each kind per turn, so a loop that fell far behind still reads between them. */
    private static final int MAX_SENDS_PER_TURN = 4096;
    private static final int FRAME_ROOM = 64;

    private final BotLoop loop;
    private final BotMetrics metrics;
    private final LoaderMeter meter;
    /** The UDP side, with {@code --transport udp}: MOVEs go in INPUTS datagrams once a bot is bound; else null. */
    private final BotDatagrams datagrams;
    private final MoveEncoder move = new MoveEncoder();
    private final ChatEncoder chat = new ChatEncoder();
    private final UnsafeBuffer chatText = new UnsafeBuffer(new byte[32]);
    private final long moveGapNs;
    private final long chatGapNs;
    private long nextMoveNs;
    private long nextChatNs;
    private int moveCursor;
    private int chatCursor;

    /**
     * @param loop the bots' loop.
     * @param config the run's configuration.
     * @param metrics where sends are counted.
     * @param meter where each send's lag goes.
     * @param datagrams the UDP side, or null.
     * @param startNs the first slots' time.
     */
    BotSends(
        final BotLoop loop,
        final GameLoadConfig config,
        final BotMetrics metrics,
        final LoaderMeter meter,
        final BotDatagrams datagrams,
        final long startNs)
    {
        this.loop = loop;
        this.metrics = metrics;
        this.meter = meter;
        this.datagrams = datagrams;
        this.moveGapNs = Math.max(1, (long)(1e9 / (config.bots() * config.moveHz())));
        this.chatGapNs = config.chatRate() > 0 ? Math.max(1, (long)(1e9 / (config.bots() * config.chatRate()))) : 0;
        this.nextMoveNs = startNs;
        this.nextChatNs = startNs;
        chatText.putStringWithoutLengthAscii(0, "hello from a bot, chatting along");
    }

    /**
     * Send every slot due by {@code nowNs} (a bounded number a turn).
     *
     * @param bots every bot, by index; null where a connect failed at once.
     * @param nowNs the time now.
     * @return when the next slot is due.
     */
    long sendDue(final Bot[] bots, final long nowNs)
    {
        for (int i = 0; i < MAX_SENDS_PER_TURN && nowNs - nextMoveNs >= 0; i++)
        {
            final Bot bot = bots[moveCursor];
            moveCursor = moveCursor + 1 == bots.length ? 0 : moveCursor + 1;
            sendMove(bot, nextMoveNs, nowNs);
            nextMoveNs += moveGapNs;
        }
        for (int i = 0; chatGapNs > 0 && i < MAX_SENDS_PER_TURN && nowNs - nextChatNs >= 0; i++)
        {
            final Bot bot = bots[chatCursor];
            chatCursor = chatCursor + 1 == bots.length ? 0 : chatCursor + 1;
            sendChat(bot, nextChatNs);
            nextChatNs += chatGapNs;
        }
        final long nextSendNs = chatGapNs > 0 ? Math.min(nextMoveNs, nextChatNs) : nextMoveNs;
        return null == datagrams ? nextSendNs :
            Math.min(nextSendNs, datagrams.resendDue(bots, nowNs, MAX_SENDS_PER_TURN));
    }

    private void sendMove(final Bot bot, final long intendedNs, final long nowNs)
    {
        if (null == bot || !bot.inRoom || !bot.hasRoomFor(FRAME_ROOM))
        {
            metrics.unsent.incrementAndGet();
            return;
        }
        final int seq = ++bot.inputSeq;
        if (seq - bot.oldestUnseenSeq >= Bot.PENDING_INPUTS)
        {
            bot.oldestUnseenSeq = seq - Bot.PENDING_INPUTS + 1;
        }
        bot.intendedNs[seq & (Bot.PENDING_INPUTS - 1)] = intendedNs;
        metrics.movesSent.incrementAndGet();
        try
        {
            if (bot.udpBound)
            {
                sendInputs(bot, seq, intendedNs);
                return;
            }
            bot.queued(move.wrap(bot.frameBuffer(), bot.frameOffset()).inputSeq(seq)
                .position(Bot.x(bot.index, seq), Bot.y(bot.index, seq)).clientTimeNs(intendedNs).frameLength());
            flushAndMeter(bot, intendedNs);
            if (null != datagrams && !bot.isClosed())
            {
                datagrams.helloIfDue(bot, nowNs); // until bound, MOVEs go over TCP
            }
        }
        catch (final IOException ex)
        {
            loop.drop(bot, ErrorKind.CLOSED);
        }
    }

    private void sendInputs(final Bot bot, final int seq, final long intendedNs) throws IOException
    {
        if (datagrams.sendInputs(bot, seq))
        {
            meter.onSent(intendedNs, System.nanoTime());
        }
        else
        {
            metrics.unsent.incrementAndGet(); // the socket's buffer was full: a loss the next datagram covers
        }
    }

    private void sendChat(final Bot bot, final long intendedNs)
    {
        if (null == bot || !bot.inRoom || !bot.hasRoomFor(FRAME_ROOM))
        {
            metrics.unsent.incrementAndGet();
            return;
        }
        bot.queued(chat.wrap(bot.frameBuffer(), bot.frameOffset()).clientTimeNs(intendedNs).text(chatText, 0, 32)
            .frameLength());
        metrics.chatsSent.incrementAndGet();
        flushAndMeter(bot, intendedNs);
    }

    /** Flush, and count the send's lag from the write's own time when the write took all of it. */
    private void flushAndMeter(final Bot bot, final long intendedNs)
    {
        loop.flush(bot);
        if (0 == bot.pendingBytes && !bot.isClosed())
        {
            meter.onSent(intendedNs, System.nanoTime());
        }
    }
}
