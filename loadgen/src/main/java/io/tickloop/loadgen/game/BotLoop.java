package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineLoop;
import io.tickloop.loadgen.engine.EngineSettings;
import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.LoaderMeter;
import io.tickloop.loadgen.engine.ws.WebSocketError;
import io.tickloop.loadgen.engine.ws.WebSocketHandler;
import io.tickloop.loadgen.engine.ws.WebSocketHandshake;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatDecoder;
import io.tickloop.protocol.game.HeartbeatEncoder;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bots' driver of an {@link EngineLoop}: one thread, every bot. The engine connects them at the configured ramp,
 * then each bot HELLOs, JOINs its room and, once in, MOVEs and CHATs on open-loop schedules: MOVE slots come every
 * {@code 1 / (bots * moveHz)} seconds round-robin over the bots, so each bot moves at moveHz with evenly
 * spread phases, and a slot's intended time is what latency is measured from, however late the loop gets
 * to it. CHAT slots likewise at {@code bots * chatRate} per second; a CHAT carries its intended time in
 * {@code clientTimeNs}. Reads decode frames in place; nothing is allocated per message. Each send's lag goes to
 * the run's {@link LoaderMeter}.
 * <p>
 * With {@code --transport ws} each bot first upgrades its connection (the handshake is part of connecting: it has
 * the connect timeout, and no MOVE is due before the bot is in its room, so it never counts as latency), then
 * every frame travels as one masked binary message; the server's messages are unwrapped in place and their payload
 * fed to the same frame reader, so the game logic below does not know the transport.
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
    private static final int MAX_SENDS_PER_TURN = 4096;

    private final GameLoadConfig config;
    private final BotMetrics metrics;
    private final LoaderMeter meter;
    private final String namePrefix;
    private final ByteBuffer readBytes = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer read = new UnsafeBuffer(readBytes);
    private final FrameHandler onFrame = this::onFrame;
    private final HelloEncoder hello = new HelloEncoder();
    private final JoinEncoder join = new JoinEncoder();
    private final MoveEncoder move = new MoveEncoder();
    private final ChatEncoder chat = new ChatEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final ChatDecoder chatIn = new ChatDecoder();
    private final HeartbeatDecoder heartbeatIn = new HeartbeatDecoder();
    private final UnsafeBuffer chatText = new UnsafeBuffer(new byte[32]);
    /** The UDP side, with {@code --transport udp}; else null. */
    private final BotDatagrams datagrams;
    private final BotStates states;
    private final BotDatagrams.SnapshotHandler onSnapshot = this::onSnapshot;
    private final long moveGapNs;
    private final long chatGapNs;
    private Bot current;
    private long nextMoveNs;
    private long nextChatNs;
    private int moveCursor;
    private int chatCursor;
    /** With {@code --transport ws}: the scratch buffer frames are encoded in before they are masked; else null. */
    private final UnsafeBuffer wsStage;
    private final WebSocketHandler onServerMessage = new ServerMessages();
    private final String wsHost;
    private final UnsafeBuffer closeStatus = new UnsafeBuffer(new byte[2]);

    /**
     * @param config the run's configuration.
     * @param metrics where the bots count and record.
     * @param meter where each send's lag goes.
     * @param startNs when the run starts: the first connect, MOVE and CHAT.
     * @param endNs when its measurement ends.
     */
    BotLoop(
        final GameLoadConfig config, final BotMetrics metrics, final LoaderMeter meter, final long startNs, final long endNs)
    {
        super(new Bot[config.bots()], new EngineSettings(config.target(), config.effectiveSourceAddresses(), 0,
            config.connectRatePerSecond(), CONNECT_TIMEOUT_NS, config.idle(), startNs, endNs + END_BACKSTOP_NS, 0));
        this.config = config;
        this.metrics = metrics;
        this.meter = meter;
        this.namePrefix = "bot-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
        this.moveGapNs = Math.max(1, (long)(1e9 / (config.bots() * config.moveHz())));
        this.chatGapNs = config.chatRate() > 0 ? Math.max(1, (long)(1e9 / (config.bots() * config.chatRate()))) : 0;
        this.nextMoveNs = startNs;
        this.nextChatNs = startNs;
        this.datagrams = config.transport() == BotTransport.UDP ? new BotDatagrams(metrics, config.bots(), startNs) :
            null;
        this.states = new BotStates(metrics);
        this.wsStage = config.transport() == BotTransport.WS ?
            new UnsafeBuffer(ByteBuffer.allocateDirect(Bot.SEND_BUFFER_BYTES)) : null;
        this.wsHost = config.target().getHostString() + ":" + config.target().getPort();
        chatText.putStringWithoutLengthAscii(0, "hello from a bot, chatting along");
    }

    @Override
    protected Bot newConnection(final int index, final SocketChannel channel)
    {
        return new Bot(index, 1 + index % config.rooms(), channel,
            null == wsStage ? null : new BotWebSocket(wsStage, ThreadLocalRandom.current().nextLong()));
    }

    @Override
    protected long sendDue()
    {
        for (int i = 0; i < MAX_SENDS_PER_TURN && nowNs - nextMoveNs >= 0; i++)
        {
            final Bot bot = connections[moveCursor];
            moveCursor = moveCursor + 1 == connections.length ? 0 : moveCursor + 1;
            sendMove(bot, nextMoveNs);
            nextMoveNs += moveGapNs;
        }
        for (int i = 0; chatGapNs > 0 && i < MAX_SENDS_PER_TURN && nowNs - nextChatNs >= 0; i++)
        {
            final Bot bot = connections[chatCursor];
            chatCursor = chatCursor + 1 == connections.length ? 0 : chatCursor + 1;
            sendChat(bot, nextChatNs);
            nextChatNs += chatGapNs;
        }
        final long nextSendNs = chatGapNs > 0 ? Math.min(nextMoveNs, nextChatNs) : nextMoveNs;
        return null == datagrams ? nextSendNs :
            Math.min(nextSendNs, datagrams.resendDue(connections, nowNs, MAX_SENDS_PER_TURN));
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
        if (null != bot.ws && !bot.ws.open && nowNs - bot.ws.handshakeStartNs > CONNECT_TIMEOUT_NS)
        {
            onHandshakeFailed(bot, "no 101 response within " + TimeUnit.NANOSECONDS.toMillis(CONNECT_TIMEOUT_NS) +
                " ms");
        }
        return false;
    }

    private void sendMove(final Bot bot, final long intendedNs)
    {
        if (null == bot || !bot.inRoom || !bot.hasRoomFor(64))
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
        if (bot.udpBound)
        {
            sendInputs(bot, seq, intendedNs);
            return;
        }
        bot.queued(move.wrap(bot.frameBuffer(), bot.frameOffset()).inputSeq(seq)
            .position(Bot.x(bot.index, seq), Bot.y(bot.index, seq)).clientTimeNs(intendedNs).frameLength());
        flushAndMeter(bot, intendedNs);
        if (null != datagrams)
        {
            try
            {
                datagrams.helloIfDue(bot, nowNs); // until bound, MOVEs go over TCP
            }
            catch (final IOException ex)
            {
                fail(bot, ErrorKind.CLOSED);
            }
        }
    }

    private void sendInputs(final Bot bot, final int seq, final long intendedNs)
    {
        try
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
        catch (final IOException ex)
        {
            fail(bot, ErrorKind.CLOSED);
        }
    }

    private void sendChat(final Bot bot, final long intendedNs)
    {
        if (null == bot || !bot.inRoom || !bot.hasRoomFor(64))
        {
            metrics.unsent.incrementAndGet();
            return;
        }
        bot.queued(chat.wrap(bot.frameBuffer(), bot.frameOffset()).clientTimeNs(intendedNs).text(chatText, 0, 32)
            .frameLength());
        metrics.chatsSent.incrementAndGet();
        flushAndMeter(bot, intendedNs);
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
            bot.ws.handshake = WebSocketHandshake.withRandomKey(ThreadLocalRandom.current());
            bot.ws.handshakeStartNs = nowNs;
            bot.queuedBytes(bot.ws.handshake.request(wsHost, BotWebSocket.PATH));
            bot.flush();
            return;
        }
        metrics.connected.incrementAndGet();
        sendHello(bot);
    }

    private void sendHello(final Bot bot) throws IOException
    {
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
            if (null != bot.ws && !bot.ws.open)
            {
                onHandshakeFailed(bot, bot.ws.handshake.onEndOfStream());
                return;
            }
            fail(bot, ErrorKind.CLOSED);
            return;
        }
        current = bot;
        try
        {
            if (null != bot.ws)
            {
                onWebSocketBytes(bot, bytesRead);
            }
            else if (null != bot.reader.onBytes(read, 0, bytesRead, onFrame))
            {
                fail(bot);
            }
        }
        finally
        {
            current = null;
        }
    }

    private void onWebSocketBytes(final Bot bot, final int bytesRead) throws IOException
    {
        int offset = 0;
        if (!bot.ws.open)
        {
            final int taken = bot.ws.handshake.onBytes(read, 0, bytesRead);
            if (taken == WebSocketHandshake.INCOMPLETE)
            {
                return;
            }
            if (taken == WebSocketHandshake.FAILED)
            {
                onHandshakeFailed(bot, bot.ws.handshake.failure());
                return;
            }
            bot.ws.handshake = null;
            bot.ws.open = true;
            metrics.wsUpgrades.incrementAndGet();
            metrics.wsUpgradeNs.addAndGet(nowNs - bot.ws.handshakeStartNs);
            metrics.connected.incrementAndGet();
            sendHello(bot);
            offset = taken;
        }
        if (offset < bytesRead && !bot.isClosed())
        {
            final WebSocketError error = bot.ws.decoder.onBytes(read, offset, bytesRead - offset, onServerMessage);
            if (null != error)
            {
                metrics.recordWsFailure("the server broke RFC 6455: " + error);
                fail(bot);
            }
        }
    }

    private void onHandshakeFailed(final Bot bot, final String why)
    {
        metrics.wsHandshakeFailures.incrementAndGet();
        metrics.recordWsFailure(why);
        fail(bot, ErrorKind.CONNECT);
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

    /** Flush, and count the send's lag from the write's own time when the write took all of it. */
    private void flushAndMeter(final Bot bot, final long intendedNs)
    {
        flush(bot);
        if (0 == bot.pendingBytes && !bot.isClosed())
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
            fail(bot, ErrorKind.CLOSED);
        }
    }

    /** The server broke the protocol or sent the bot away. */
    private void fail(final Bot bot)
    {
        fail(bot, ErrorKind.PROTOCOL);
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

    /**
     * The server's WebSocket messages for {@link #current}: binary payload into the bot's frame reader (each
     * message must end where a game frame ends), pings answered, a close taken as the server closing.
     */
    private final class ServerMessages implements WebSocketHandler
    {
        @Override
        public void onData(
            final int opcode, final DirectBuffer buffer, final int offset, final int length, final boolean messageEnd)
        {
            final Bot bot = current;
            if (bot.isClosed())
            {
                return;
            }
            if (opcode != WebSocketDescriptor.OPCODE_BINARY)
            {
                metrics.recordWsFailure("the server sent a text message; the game's are binary");
                fail(bot);
                return;
            }
            if (null != bot.reader.onBytes(buffer, offset, length, onFrame))
            {
                fail(bot);
            }
            else if (messageEnd && bot.reader.hasPartialFrame() && !bot.isClosed())
            {
                metrics.recordWsFailure("a server message ended inside a game frame");
                fail(bot);
            }
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            final Bot bot = current;
            if (!bot.isClosed() && bot.hasRoomFor(length))
            {
                bot.queuedControl(WebSocketDescriptor.OPCODE_PONG, buffer, offset, length);
                flush(bot);
            }
        }

        @Override
        public void onClose(final int statusCode, final DirectBuffer buffer, final int offset, final int length)
        {
            final Bot bot = current;
            if (bot.isClosed())
            {
                return;
            }
            metrics.wsCloses.incrementAndGet();
            if (bot.hasRoomFor(2))
            {
                // Echo the status, as RFC 6455 asks; best effort, the connection closes right after.
                final boolean hasStatus = statusCode != WebSocketDescriptor.CLOSE_NO_STATUS;
                closeStatus.putShort(0, (short)statusCode, ByteOrder.BIG_ENDIAN);
                bot.queuedControl(WebSocketDescriptor.OPCODE_CLOSE, closeStatus, 0, hasStatus ? 2 : 0);
                flush(bot);
            }
            fail(bot, ErrorKind.CLOSED);
        }
    }
}
