package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineConnection;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.FrameReader;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

/**
 * One bot: its channel, frame reader, outbound bytes, where it is in the session, and the intended send times
 * of its MOVEs not yet seen in a STATE. On the bot loop's thread only.
 * <p>
 * Frames are encoded at {@link #frameBuffer()} and {@link #frameOffset()}, then {@link #queued(int)}: over TCP
 * that is the send buffer itself; over WebSocket a scratch buffer, from which {@link #queued(int)} masks the frame
 * into the send buffer behind its WebSocket header, so the encoders need not know the transport.
 */
final class Bot extends EngineConnection
{
    static final int SEND_BUFFER_BYTES = 16 * 1024;
    static final int PENDING_INPUTS = 1024;

    final int roomId;
    final FrameReader reader = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH_LIMIT);
    final ByteBuffer sendBytes = ByteBuffer.allocateDirect(SEND_BUFFER_BYTES);
    final UnsafeBuffer send = new UnsafeBuffer(sendBytes);
    final long[] intendedNs = new long[PENDING_INPUTS];
    int pendingBytes;
    boolean inRoom;
    int playerId;
    int inputSeq;
    int oldestUnseenSeq = 1;
    int lastSeenSeq;
    long lastStateNs;
    /** The newest tick seen in a STATE: an older one (UDP reorders) is ignored, a skipped one counted lost. */
    long lastTick;
    /** UDP: the session's token from WELCOME, whether a UDP_WELCOME bound its socket, and its last UDP_HELLO. */
    long token0;
    long token1;
    boolean udpBound;
    long udpHelloSentNs;
    /** With {@code --transport ws}: its WebSocket side; else null. */
    final BotWebSocket ws;

    Bot(final int index, final int roomId, final SocketChannel channel, final BotWebSocket ws)
    {
        super(index, channel);
        this.roomId = roomId;
        this.ws = ws;
    }

    /**
     * @return the x a bot asks for in its input {@code seq}: a walk that differs per bot and input.
     */
    static int x(final int index, final int seq)
    {
        return (seq * 7 + index) % 1000;
    }

    /**
     * @return the y of its input {@code seq}.
     */
    static int y(final int index, final int seq)
    {
        return (seq * 3 + index * 11) % 1000;
    }

    /**
     * @param frameLength bytes about to be encoded at {@link #pendingBytes}.
     * @return true when they fit.
     */
    boolean hasRoomFor(final int frameLength)
    {
        return pendingBytes + frameLength + (null == ws ? 0 : WebSocketDescriptor.MAX_HEADER_LENGTH) <=
            SEND_BUFFER_BYTES;
    }

    /**
     * @return where the next frame is encoded.
     */
    MutableDirectBuffer frameBuffer()
    {
        return null == ws ? send : ws.stage;
    }

    /**
     * @return at which offset of {@link #frameBuffer()}.
     */
    int frameOffset()
    {
        return null == ws ? pendingBytes : 0;
    }

    /**
     * The frame encoded at {@link #frameBuffer()} is to be sent: over WebSocket, as one masked binary message.
     *
     * @param frameLength its length.
     */
    void queued(final int frameLength)
    {
        if (null == ws)
        {
            pendingBytes += frameLength;
            return;
        }
        pendingBytes += ws.framer.encode(WebSocketDescriptor.OPCODE_BINARY, ws.stage, 0, frameLength, send,
            pendingBytes);
    }

    /**
     * Queue a WebSocket control frame (a pong, a close), masked.
     *
     * @param opcode its opcode.
     * @param payload holding its payload.
     * @param offset where it starts.
     * @param length at most 125.
     */
    void queuedControl(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        pendingBytes += ws.framer.encode(opcode, payload, offset, length, send, pendingBytes);
    }

    /**
     * Queue bytes as they are (the WebSocket upgrade request).
     *
     * @param bytes to send; they must fit.
     */
    void queuedBytes(final byte[] bytes)
    {
        send.putBytes(pendingBytes, bytes);
        pendingBytes += bytes.length;
    }

    /**
     * Write what is queued; keep the rest and ask for OP_WRITE, or clear it once drained.
     */
    void flush() throws IOException
    {
        if (pendingBytes == 0)
        {
            return;
        }
        sendBytes.clear().limit(pendingBytes);
        final int written = channel.write(sendBytes);
        if (written < pendingBytes)
        {
            send.putBytes(0, send, written, pendingBytes - written);
            pendingBytes -= written;
            key().interestOps(OP_READ | OP_WRITE);
            return;
        }
        pendingBytes = 0;
        if ((key().interestOps() & OP_WRITE) != 0)
        {
            key().interestOps(OP_READ);
        }
    }
}
