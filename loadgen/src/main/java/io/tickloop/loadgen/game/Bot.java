package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineConnection;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.FrameReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

/**
 * One bot: its channel, frame reader, outbound bytes, where it is in the session, and the intended send times
 * of its MOVEs not yet seen in a STATE. On the bot loop's thread only.
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

    Bot(final int index, final int roomId, final SocketChannel channel)
    {
        super(index, channel);
        this.roomId = roomId;
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
        return pendingBytes + frameLength <= SEND_BUFFER_BYTES;
    }

    void queued(final int frameLength)
    {
        pendingBytes += frameLength;
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
