package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineLoop;
import io.tickloop.loadgen.engine.EngineSettings;
import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.LoaderMeter;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatDecoder;
import io.tickloop.protocol.game.HeartbeatEncoder;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bots' driver of an {@link EngineLoop}: one thread, every bot. The engine connects them at the configured ramp,
 * then each bot HELLOs, JOINs its room and, once in, MOVEs and CHATs on the open-loop schedules of
 * {@link BotSends}. Reads decode frames in place; nothing is allocated per message. With {@code --transport ws},
 * {@link WebSocketBots} upgrades each connection and wraps and unwraps the frames; with {@code --transport udp},
 * {@link BotDatagrams} carries inputs and snapshots.
 */
final class BotLoop extends EngineLoop<Bot>
{
    /** A bot whose connect takes longer than this counts as an error. */
    static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /**
     * The run stops the bots once it has taken its last interval, a little after its end; the engine's own end
     * is a backstop this much later, so the bots keep sending until the measurement is over.
     */
    private static final long END_BACKSTOP_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final GameLoadConfig config;
    private final BotMetrics metrics;
    private final String namePrefix;
    private final ByteBuffer readBytes = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer read = new UnsafeBuffer(readBytes);
    private final FrameHandler onFrame = this::onFrame;
    private final HelloEncoder hello = new HelloEncoder();
    private final JoinEncoder join = new JoinEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final ChatDecoder chatIn = new ChatDecoder();
    private final HeartbeatDecoder heartbeatIn = new HeartbeatDecoder();
    /** The UDP side, with {@code --transport udp}; else null. */
    private final BotDatagrams datagrams;
    private final BotStates states;
    private final BotDatagrams.SnapshotHandler onSnapshot = this::onSnapshot;
    private final BotSends sends;
    private Bot current;
    /** The WebSocket side, with {@code --transport ws}; else null. */
    private final WebSocketBots webSockets;

    /**
     * @param config the run's configuration.
     * @param metrics where the bots count and record.
     * @param meter where each send's lag and the engine's poll gaps go.
     * @param startNs when the run starts: the first connect, MOVE and CHAT.
     * @param endNs when its measurement ends.
     */
    BotLoop(
        final GameLoadConfig config, final BotMetrics metrics, final LoaderMeter meter, final long startNs, final long endNs)
    {
        super(new Bot[config.bots()], new EngineSettings(config.target(), config.effectiveSourceAddresses(), 0,
            config.connectRatePerSecond(), CONNECT_TIMEOUT_NS, config.idle(), startNs, endNs + END_BACKSTOP_NS, 0),
            meter);
        this.config = config;
        this.metrics = metrics;
        this.namePrefix = "bot-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
        this.datagrams = config.transport() == BotTransport.UDP ? new BotDatagrams(metrics, config.bots(), startNs) :
            null;
        this.states = new BotStates(metrics);
        this.webSockets = config.transport() == BotTransport.WS ? new WebSocketBots(this, metrics, config.target()) :
            null;
        this.sends = new BotSends(this, config, metrics, meter, datagrams, startNs);
    }

    @Override
    protected Bot newConnection(final int index, final SocketChannel channel)
    {
        return new Bot(index, 1 + index % config.rooms(), channel,
            null == webSockets ? null : webSockets.newSocket());
    }

    @Override
    protected long sendDue()
    {
        return sends.sendDue(connections, nowNs);
    }

    /** The server pushes STATEs every tick: a read may always be due. */
    @Override
    protected boolean awaitsData()
    {
        return true;
    }

    /** Time out a WebSocket upgrade as the engine times out a connect. */
    @Override
    protected boolean check(final Bot bot)
    {
        if (null != bot.ws)
        {
            webSockets.check(bot, nowNs);
        }
        return false;
    }

    @Override
    protected void onWritable(final Bot bot) throws IOException
    {
        bot.flush();
    }

    @Override
    protected void onConnected(final Bot bot) throws IOException
    {
        if (null != bot.ws)
        {
            webSockets.upgrade(bot, nowNs);
        }
        else
        {
            onOpened(bot);
        }
    }

    /**
     * The bot's connection is ready for game frames (after the upgrade, with WebSocket): count it and HELLO.
     *
     * @param bot the bot.
     * @throws IOException when the write fails.
     */
    void onOpened(final Bot bot) throws IOException
    {
        metrics.connected.incrementAndGet();
        bot.queued(hello.wrap(bot.frameBuffer(), bot.frameOffset()).version(GameProtocol.VERSION)
            .name(namePrefix + bot.index).frameLength());
        bot.flush();
    }

    @Override
    protected void onReadable(final Bot bot) throws IOException
    {
        readBytes.clear();
        final int bytesRead = bot.channel.read(readBytes);
        if (bytesRead < 0)
        {
            if (null != bot.ws)
            {
                webSockets.onEndOfStream(bot);
            }
            else
            {
                fail(bot, ErrorKind.CLOSED);
            }
            return;
        }
        current = bot;
        try
        {
            if (null != bot.ws)
            {
                webSockets.onBytes(bot, read, bytesRead, nowNs);
            }
            else
            {
                onGameBytes(bot, read, 0, bytesRead);
            }
        }
        finally
        {
            current = null;
        }
    }

    /**
     * Game frames from the server, whole or in part, for the bot being read.
     *
     * @param bot the bot.
     * @param buffer the bytes.
     * @param offset where they start.
     * @param length how many.
     * @return true when they were taken and the bot is still connected.
     */
    boolean onGameBytes(final Bot bot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != bot.reader.onBytes(buffer, offset, length, onFrame))
        {
            fail(bot);
        }
        return !bot.isClosed();
    }

    private void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final Bot bot = current;
        if (bot.isClosed())
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
        bot.queued(join.wrap(bot.frameBuffer(), bot.frameOffset()).roomId(bot.roomId).frameLength());
        flush(bot);
        if (null != datagrams && !bot.isClosed())
        {
            openUdp(bot);
        }
    }

    private void openUdp(final Bot bot)
    {
        if (!welcome.hasUdp())
        {
            metrics.noUdp.incrementAndGet();
            fail(bot);
            return;
        }
        datagrams.tickHz(config.bots(), welcome.tickHz());
        bot.token0 = welcome.token0();
        bot.token1 = welcome.token1();
        try
        {
            openDatagram(bot, new InetSocketAddress(config.target().getAddress(), welcome.udpPort()));
            datagrams.helloIfDue(bot, nowNs);
        }
        catch (final IOException ex)
        {
            fail(bot, ErrorKind.CLOSED);
        }
    }

    @Override
    protected void onDatagramReadable(final Bot bot) throws IOException
    {
        datagrams.read(bot, onSnapshot);
    }

    private void onState(final Bot bot, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!states.onState(bot, buffer, offset, length, nowNs))
        {
            fail(bot);
        }
    }

    private void onSnapshot(final Bot bot, final UnsafeBuffer buffer, final int length)
    {
        if (!states.onSnapshot(bot, buffer, length, nowNs))
        {
            fail(bot);
        }
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
            bot.queued(heartbeat.wrap(bot.frameBuffer(), bot.frameOffset()).timeNs(heartbeatIn.timeNs()).frameLength());
            flush(bot);
        }
    }

    /**
     * Write what the bot has queued; a failed write closes it.
     *
     * @param bot the bot.
     */
    void flush(final Bot bot)
    {
        try
        {
            bot.flush();
        }
        catch (final IOException ex)
        {
            fail(bot, ErrorKind.CLOSED);
        }
    }

    /** The server broke the protocol or sent the bot away. */
    private void fail(final Bot bot)
    {
        fail(bot, ErrorKind.PROTOCOL);
    }

    /**
     * Count an error and close the bot, for its WebSocket side.
     *
     * @param bot the bot.
     * @param kind what went wrong.
     */
    void drop(final Bot bot, final ErrorKind kind)
    {
        fail(bot, kind);
    }

    @Override
    protected void onError(final ErrorKind kind)
    {
        metrics.errors.incrementAndGet();
    }

    @Override
    protected void onClosed(final Bot bot, final boolean wasUp, final boolean runEnded)
    {
        bot.inRoom = false;
        if (wasUp && !runEnded && (null == bot.ws || bot.ws.open))
        {
            metrics.connected.decrementAndGet();
        }
    }
}
