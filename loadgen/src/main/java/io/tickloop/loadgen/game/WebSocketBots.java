package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.ErrorKind;
import io.tickloop.loadgen.engine.ws.WebSocketError;
import io.tickloop.loadgen.engine.ws.WebSocketHandler;
import io.tickloop.loadgen.engine.ws.WebSocketHandshake;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bot loop's WebSocket side, with {@code --transport ws}: each bot upgrades its connection (the handshake is
 * part of connecting: it has the connect timeout, and no MOVE is due before the bot is in its room, so it never
 * counts as latency), then every frame travels as one masked binary message. The server's messages are unwrapped in
 * place and their payload handed to the loop's frame reader, so the game logic does not know the transport. On the
 * loop's thread only; allocates nothing per message.
 */
final class WebSocketBots
{
    private final BotLoop loop;
    private final BotMetrics metrics;
    private final String host;
    /** The scratch buffer frames are encoded in before they are masked into a bot's send buffer. */
    private final UnsafeBuffer stage = new UnsafeBuffer(ByteBuffer.allocateDirect(Bot.SEND_BUFFER_BYTES));
    private final UnsafeBuffer closeStatus = new UnsafeBuffer(new byte[2]);
    private final WebSocketHandler onServerMessage = new ServerMessages();
    private Bot current;

    /**
     * @param loop the bots' loop.
     * @param metrics where the upgrades and failures are counted.
     * @param target the gateway's address, for the Host header.
     */
    WebSocketBots(final BotLoop loop, final BotMetrics metrics, final InetSocketAddress target)
    {
        this.loop = loop;
        this.metrics = metrics;
        this.host = target.getHostString() + ":" + target.getPort();
    }

    /**
     * @return a new bot's WebSocket side, with masking keys of its own.
     */
    BotWebSocket newSocket()
    {
        return new BotWebSocket(stage, ThreadLocalRandom.current().nextLong());
    }

    /**
     * The bot's TCP connection is up: send the upgrade request.
     *
     * @param bot the bot.
     * @param nowNs the time now.
     * @throws IOException when the write fails.
     */
    void upgrade(final Bot bot, final long nowNs) throws IOException
    {
        bot.ws.handshake = WebSocketHandshake.withRandomKey(ThreadLocalRandom.current());
        bot.ws.handshakeStartNs = nowNs;
        bot.queuedBytes(bot.ws.handshake.request(host, BotWebSocket.PATH));
        bot.flush();
    }

    /**
     * Time out an upgrade as the engine times out a connect.
     *
     * @param bot a bot that is connected.
     * @param nowNs the time now.
     */
    void check(final Bot bot, final long nowNs)
    {
        if (!bot.ws.open && nowNs - bot.ws.handshakeStartNs > BotLoop.CONNECT_TIMEOUT_NS)
        {
            onHandshakeFailed(bot, "no 101 response within " +
                TimeUnit.NANOSECONDS.toMillis(BotLoop.CONNECT_TIMEOUT_NS) + " ms");
        }
    }

    /**
     * The server closed the connection.
     *
     * @param bot the bot.
     */
    void onEndOfStream(final Bot bot)
    {
        if (bot.ws.open)
        {
            loop.drop(bot, ErrorKind.CLOSED);
        }
        else
        {
            onHandshakeFailed(bot, bot.ws.handshake.onEndOfStream());
        }
    }

    /**
     * Bytes from the server: the rest of the upgrade's response, then frames.
     *
     * @param bot the bot.
     * @param read the bytes, from offset 0.
     * @param length how many.
     * @param nowNs when they were read.
     * @throws IOException when the HELLO after the upgrade cannot be written.
     */
    void onBytes(final Bot bot, final UnsafeBuffer read, final int length, final long nowNs) throws IOException
    {
        int offset = 0;
        if (!bot.ws.open)
        {
            final int taken = bot.ws.handshake.onBytes(read, 0, length);
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
            loop.onOpened(bot);
            offset = taken;
        }
        if (offset < length && !bot.isClosed())
        {
            current = bot;
            try
            {
                final WebSocketError error = bot.ws.decoder.onBytes(read, offset, length - offset, onServerMessage);
                if (null != error)
                {
                    failed(bot, "the server broke RFC 6455: " + error);
                }
            }
            finally
            {
                current = null;
            }
        }
    }

    private void onHandshakeFailed(final Bot bot, final String why)
    {
        metrics.wsHandshakeFailures.incrementAndGet();
        metrics.recordWsFailure(why);
        loop.drop(bot, ErrorKind.CONNECT);
    }

    private void failed(final Bot bot, final String why)
    {
        metrics.recordWsFailure(why);
        loop.drop(bot, ErrorKind.PROTOCOL);
    }

    /**
     * The server's messages for {@link #current}: binary payload into the bot's frame reader (each message must
     * end where a game frame ends), pings answered, a close taken as the server closing.
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
                failed(bot, "the server sent a text message; the game's are binary");
            }
            else if (loop.onGameBytes(bot, buffer, offset, length) && messageEnd && bot.reader.hasPartialFrame())
            {
                failed(bot, "a server message ended inside a game frame");
            }
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            final Bot bot = current;
            if (!bot.isClosed() && bot.hasRoomFor(length))
            {
                bot.queuedControl(WebSocketDescriptor.OPCODE_PONG, buffer, offset, length);
                loop.flush(bot);
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
                loop.flush(bot);
            }
            loop.drop(bot, ErrorKind.CLOSED);
        }
    }
}
