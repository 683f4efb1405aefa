package io.tickloop.server;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A plain blocking test client over {@link Socket}, with a read timeout so that a test can never hang.
 */
final class TestClient implements AutoCloseable
{
    static final int READ_TIMEOUT_MS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TestClient(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TestClient connect(final InetSocketAddress address) throws IOException
    {
        return connect(address, 0);
    }

    /**
     * @param address the server.
     * @param receiveBufferBytes SO_RCVBUF to ask for before connecting, or 0 for the default.
     */
    static TestClient connect(final InetSocketAddress address, final int receiveBufferBytes) throws IOException
    {
        final Socket socket = new Socket();
        if (receiveBufferBytes > 0)
        {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.connect(address, READ_TIMEOUT_MS);
        return new TestClient(socket);
    }

    /**
     * @return PING frames with sequence numbers {@code firstSeq..firstSeq+count-1}, each {@code frameLength} long,
     * back to back as one byte stream; padding bytes vary so that a mix-up shows.
     */
    static byte[] pings(final long firstSeq, final int count, final int frameLength)
    {
        final byte[] stream = new byte[count * frameLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        final PingEncoder encoder = new PingEncoder();
        for (int i = 0; i < count; i++)
        {
            final int offset = i * frameLength;
            for (int p = 20; p < frameLength; p++)
            {
                stream[offset + p] = (byte)(firstSeq + i + p);
            }
            encoder.wrap(buffer, offset).header(MessageTypes.PING, frameLength).seq(firstSeq + i).sendNanos(i * 31L);
        }
        return stream;
    }

    /**
     * @return what a ping service answers to {@code pings}: the same bytes, each type PONG.
     */
    static byte[] pongsFor(final byte[] pings)
    {
        final byte[] pongs = pings.clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(pongs);
        int offset = 0;
        while (offset < pongs.length)
        {
            final int length = FrameDescriptor.frameLength(buffer, offset);
            FrameDescriptor.putHeader(buffer, offset, length, MessageTypes.PONG);
            offset += length;
        }
        return pongs;
    }

    void write(final byte[] bytes) throws IOException
    {
        write(bytes, 0, bytes.length);
    }

    void write(final byte[] bytes, final int offset, final int length) throws IOException
    {
        out.write(bytes, offset, length);
        out.flush();
    }

    byte[] readExactly(final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        int read = 0;
        while (read < length)
        {
            final int n = in.read(bytes, read, length - read);
            if (n < 0)
            {
                throw new EOFException("EOF after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return bytes;
    }

    /**
     * @return true when the server closed (EOF or reset) before the read timeout; data still arriving is skipped.
     */
    boolean awaitClosedByServer() throws IOException
    {
        final byte[] skip = new byte[64 * 1024];
        try
        {
            while (in.read(skip) >= 0)
            {
                continue;
            }
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    /**
     * Close with SO_LINGER 0, so the kernel sends RST instead of FIN.
     */
    void reset() throws IOException
    {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    void shutdownOutput() throws IOException
    {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    static String describe(final byte[] bytes)
    {
        return bytes.length <= 32 ? Arrays.toString(bytes) : bytes.length + " bytes";
    }
}
