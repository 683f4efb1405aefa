package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.LoaderMeter;
import io.tickloop.loadgen.engine.SendWaiter;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatDecoder;
import io.tickloop.protocol.game.HeartbeatEncoder;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static java.nio.channels.SelectionKey.OP_CONNECT;
import static java.nio.channels.SelectionKey.OP_READ;

/**
 * One thread, one Selector, every bot. Connects at the configured ramp (non-blocking), then each bot HELLOs,
 * JOINs its room and, once in, MOVEs and CHATs on open-loop schedules: MOVE slots come every
 * {@code 1 / (bots * moveHz)} seconds round-robin over the bots, so each bot moves at moveHz with evenly
 * spread phases, and a slot's intended time is what latency is measured from, however late the loop gets
 * to it. CHAT slots likewise at {@code bots * chatRate} per second; a CHAT carries its intended time in
 * {@code clientTimeNs}. Reads decode frames in place; nothing is allocated per message. It waits for its next send
 * as the ping engine does ({@link SendWaiter}); each send's lag goes to the run's {@link LoaderMeter}.
 */
final class BotLoop implements Runnable
{
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_SENDS_PER_TURN = 4096;

    private final GameLoadConfig config;
    private final BotMetrics metrics;
    private final LoaderMeter meter;
    private final SendWaiter waiter;
    private final Selector selector;
    private final Bot[] bots;
    private final String namePrefix;
    private final ByteBuffer readBytes = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer read = new UnsafeBuffer(readBytes);
    private final Consumer<SelectionKey> onKey = this::onKey;
    private final FrameHandler onFrame = this::onFrame;
    private final HelloEncoder hello = new HelloEncoder();
    private final JoinEncoder join = new JoinEncoder();
    private final MoveEncoder move = new MoveEncoder();
    private final ChatEncoder chat = new ChatEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final StateDecoder state = new StateDecoder();
    private final ChatDecoder chatIn = new ChatDecoder();
    private final HeartbeatDecoder heartbeatIn = new HeartbeatDecoder();
    private final UnsafeBuffer chatText = new UnsafeBuffer(new byte[32]);
    private final long connectGapNs;
    private final long moveGapNs;
    private final long chatGapNs;
    private volatile boolean stopRequested;
    private Bot current;
    private long nowNs;
    private int started;
    private long nextConnectNs;
    private long nextMoveNs;
    private long nextChatNs;
    private int moveCursor;
    private int chatCursor;

    BotLoop(final GameLoadConfig config, final BotMetrics metrics, final LoaderMeter meter) throws IOException
    {
        this.config = config;
        this.metrics = metrics;
        this.meter = meter;
        this.waiter = new SendWaiter(config.idle());
        this.selector = Selector.open();
        this.bots = new Bot[config.bots()];
        this.namePrefix = "bot-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
        this.connectGapNs = 1_000_000_000L / config.connectRatePerSecond();
        this.moveGapNs = Math.max(1, (long)(1e9 / (config.bots() * config.moveHz())));
        this.chatGapNs = config.chatRate() > 0 ? Math.max(1, (long)(1e9 / (config.bots() * config.chatRate()))) : 0;
        chatText.putStringWithoutLengthAscii(0, "hello from a bot, chatting along");
    }

    void requestStop()
    {
        stopRequested = true;
        selector.wakeup();
    }

    @Override
    public void run()
    {
        final long startNs = System.nanoTime();
        nextConnectNs = startNs;
        nextMoveNs = startNs;
        nextChatNs = startNs;
        try
        {
            while (!stopRequested)
            {
                turn();
            }
        }
        finally
        {
            for (final Bot bot : bots)
            {
                if (null != bot)
                {
                    CloseHelper.quietClose(bot.channel);
                }
            }
            CloseHelper.quietClose(selector);
        }
    }

    private void turn()
    {
        nowNs = System.nanoTime();
        connectSome();
        sendDue();
        long wakeNs = Math.min(nowNs + SendWaiter.MAX_WAIT_NS, nextMoveNs);
        wakeNs = chatGapNs > 0 ? Math.min(wakeNs, nextChatNs) : wakeNs;
        wakeNs = started < bots.length ? Math.min(wakeNs, nextConnectNs) : wakeNs;
        try
        {
            waiter.await(selector, onKey, System.nanoTime(), wakeNs);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("select failed", ex);
        }
    }

    private void connectSome()
    {
        while (started < bots.length && nowNs - nextConnectNs >= 0)
        {
            nextConnectNs += connectGapNs;
            final int index = started++;
            try
            {
                final SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final Bot bot = new Bot(index, 1 + index % config.rooms(), channel);
                bots[index] = bot;
                bot.key = channel.register(selector, OP_CONNECT, bot);
                if (channel.connect(config.target()))
                {
                    onConnected(bot);
                }
            }
            catch (final IOException ex)
            {
                metrics.errors.incrementAndGet();
            }
        }
    }

    private void sendDue()
    {
        for (int i = 0; i < MAX_SENDS_PER_TURN && nowNs - nextMoveNs >= 0; i++)
        {
            final Bot bot = bots[moveCursor];
            moveCursor = moveCursor + 1 == bots.length ? 0 : moveCursor + 1;
            sendMove(bot, nextMoveNs);
            nextMoveNs += moveGapNs;
        }
        for (int i = 0; chatGapNs > 0 && i < MAX_SENDS_PER_TURN && nowNs - nextChatNs >= 0; i++)
        {
            final Bot bot = bots[chatCursor];
            chatCursor = chatCursor + 1 == bots.length ? 0 : chatCursor + 1;
            sendChat(bot, nextChatNs);
            nextChatNs += chatGapNs;
        }
    }

    private void sendMove(final Bot bot, final long intendedNs)
    {
        if (null == bot || !bot.inRoom || bot.closed || !bot.hasRoomFor(64))
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
        bot.queued(move.wrap(bot.send, bot.pendingBytes).inputSeq(seq)
            .position((seq * 7 + bot.index) % 1000, (seq * 3 + bot.index * 11) % 1000).clientTimeNs(intendedNs)
            .frameLength());
        metrics.movesSent.incrementAndGet();
        flushAndMeter(bot, intendedNs);
    }

    private void sendChat(final Bot bot, final long intendedNs)
    {
        if (null == bot || !bot.inRoom || bot.closed || !bot.hasRoomFor(64))
        {
            metrics.unsent.incrementAndGet();
            return;
        }
        bot.queued(chat.wrap(bot.send, bot.pendingBytes).clientTimeNs(intendedNs).text(chatText, 0, 32).frameLength());
        metrics.chatsSent.incrementAndGet();
        flushAndMeter(bot, intendedNs);
    }

    private void onKey(final SelectionKey key)
    {
        final Bot bot = (Bot)key.attachment();
        try
        {
            if (key.isConnectable())
            {
                if (bot.channel.finishConnect())
                {
                    onConnected(bot);
                }
                return;
            }
            if (key.isWritable())
            {
                bot.flush();
            }
            if (key.isReadable())
            {
                onReadable(bot);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(bot);
        }
    }

    private void onConnected(final Bot bot) throws IOException
    {
        bot.connected = true;
        bot.key.interestOps(OP_READ);
        metrics.connected.incrementAndGet();
        bot.queued(hello.wrap(bot.send, 0).version(GameProtocol.VERSION).name(namePrefix + bot.index).frameLength());
        bot.flush();
    }

    private void onReadable(final Bot bot) throws IOException
    {
        readBytes.clear();
        final int bytesRead = bot.channel.read(readBytes);
        if (bytesRead < 0)
        {
            fail(bot);
            return;
        }
        current = bot;
        nowNs = System.nanoTime();
        if (null != bot.reader.onBytes(read, 0, bytesRead, onFrame))
        {
            fail(bot);
        }
        current = null;
    }

    private void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final Bot bot = current;
        if (bot.closed)
        {
            return;
        }
        switch (type)
        {
            case GameProtocol.STATE -> onState(bot, buffer, offset, length);
            case GameProtocol.CHAT -> onChat(buffer, offset, length);
            case GameProtocol.HEARTBEAT -> onHeartbeat(bot, buffer, offset, length);
            case GameProtocol.WELCOME -> onWelcome(bot, buffer, offset, length);
            case GameProtocol.JOINED ->
            {
                bot.inRoom = true;
                metrics.joined.incrementAndGet();
            }
            case GameProtocol.KICK, GameProtocol.BYE ->
            {
                metrics.kicks.incrementAndGet();
                fail(bot);
            }
            default -> fail(bot);
        }
    }

    private void onWelcome(final Bot bot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!welcome.wrap(buffer, offset, length).isWellFormed())
        {
            fail(bot);
            return;
        }
        bot.playerId = welcome.playerId();
        bot.queued(join.wrap(bot.send, bot.pendingBytes).roomId(bot.roomId).frameLength());
        flush(bot);
    }

    private void onState(final Bot bot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!state.wrap(buffer, offset, length).isWellFormed())
        {
            fail(bot);
            return;
        }
        metrics.states.incrementAndGet();
        metrics.stateBytes.addAndGet(length);
        if (bot.lastStateNs != 0)
        {
            BotMetrics.record(metrics.stateInterval, nowNs - bot.lastStateNs);
        }
        bot.lastStateNs = nowNs;
        for (int i = 0, count = state.count(); i < count; i++)
        {
            if (state.playerId(i) == bot.playerId)
            {
                onOwnInputSeen(bot, state.lastInputSeq(i));
                return;
            }
        }
    }

    private void onOwnInputSeen(final Bot bot, final int seq)
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

    private void onChat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (chatIn.wrap(buffer, offset, length).isWellFormed())
        {
            metrics.chatsReceived.incrementAndGet();
            BotMetrics.record(metrics.chatLatency, nowNs - chatIn.clientTimeNs());
        }
    }

    private void onHeartbeat(final Bot bot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (heartbeatIn.wrap(buffer, offset, length).isWellFormed() && bot.hasRoomFor(64))
        {
            bot.queued(heartbeat.wrap(bot.send, bot.pendingBytes).timeNs(heartbeatIn.timeNs()).frameLength());
            flush(bot);
        }
    }

    /** Flush, and count the send's lag from the write's own time when the write took all of it. */
    private void flushAndMeter(final Bot bot, final long intendedNs)
    {
        flush(bot);
        if (0 == bot.pendingBytes && !bot.closed)
        {
            meter.onSent(intendedNs, System.nanoTime());
        }
    }

    private void flush(final Bot bot)
    {
        try
        {
            bot.flush();
        }
        catch (final IOException ex)
        {
            fail(bot);
        }
    }

    private void fail(final Bot bot)
    {
        if (bot.closed)
        {
            return;
        }
        bot.closed = true;
        bot.inRoom = false;
        metrics.errors.incrementAndGet();
        if (bot.connected)
        {
            metrics.connected.decrementAndGet();
        }
        bot.key.cancel();
        CloseHelper.quietClose(bot.channel);
    }
}
