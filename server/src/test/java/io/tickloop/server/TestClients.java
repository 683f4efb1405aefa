package io.tickloop.server;

import io.tickloop.protocol.MessageTypes;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocking test clients for the model tests: PING frames, round trips checked in order, exact reads.
 */
final class TestClients
{
    /** A PING with the smallest body a PingDecoder accepts. */
    static final int PING_FRAME_LENGTH = 20;

    private TestClients()
    {
    }

    /**
     * Send PINGs in batches and check every PONG, in order.
     *
     * @param socket a connected socket.
     * @param pings how many.
     * @param batch how many are sent before the replies are read.
     * @return null, so that it can be submitted as a Callable.
     */
    static Void pingPong(final Socket socket, final int pings, final int batch)
    {
        try
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] frame = new byte[PING_FRAME_LENGTH];
            final ByteBuffer reply = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
            for (int sent = 0; sent < pings; sent += batch)
            {
                final int count = Math.min(batch, pings - sent);
                socket.getOutputStream().write(pings(count, PING_FRAME_LENGTH, sent));
                for (int i = 0; i < count; i++)
                {
                    in.readFully(frame);
                    assertEquals(PING_FRAME_LENGTH, reply.getShort(0));
                    assertEquals(MessageTypes.PONG, reply.getShort(2));
                    assertEquals(sent + i, reply.getLong(4));
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * @param count how many PINGs.
     * @param frameLength each one's length, header included, at least {@link #PING_FRAME_LENGTH}.
     * @param firstSeq the first one's sequence number; the rest count up.
     * @return the frames, back to back.
     */
    static byte[] pings(final int count, final int frameLength, final long firstSeq)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(count * frameLength).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++)
        {
            final int offset = i * frameLength;
            buffer.putShort(offset, (short)frameLength);
            buffer.putShort(offset + 2, (short)MessageTypes.PING);
            buffer.putLong(offset + 4, firstSeq + i);
            buffer.putLong(offset + 12, System.nanoTime());
        }
        return buffer.array();
    }

    /**
     * @param socket a connected socket.
     * @param length how many bytes to read.
     * @return exactly that many bytes; an EOF before fails.
     */
    static byte[] readFully(final Socket socket, final int length)
    {
        try
        {
            final InputStream in = socket.getInputStream();
            final byte[] bytes = new byte[length];
            int offset = 0;
            while (offset < length)
            {
                final int read = in.read(bytes, offset, length - offset);
                assertTrue(read > 0, "EOF after " + offset + " bytes");
                offset += read;
            }
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
