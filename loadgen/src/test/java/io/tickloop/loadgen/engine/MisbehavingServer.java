package io.tickloop.loadgen.engine;

import io.tickloop.protocol.FrameReader;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A test PING server on one thread that answers with PONGs but misbehaves on purpose: it stalls (the whole
 * loop sleeps) for a while every period, or, per connection, drops one reply, goes silent or closes after some
 * frames.
 */
final class MisbehavingServer implements AutoCloseable
{
    private final ServerSocketChannel acceptor;
    private final Selector selector;
    private final Thread thread;
    private final long stallEveryNs;
    private final long stallMs;
    private final long dropSeq;
    private final long silentAfter;
    private final long closeAfter;
    private volatile boolean running = true;

    private MisbehavingServer(
        final long stallEveryMs, final long stallMs, final long dropSeq, final long silentAfter, final long closeAfter)
        throws IOException
    {
        this.stallEveryNs = TimeUnit.MILLISECONDS.toNanos(stallEveryMs);
        this.stallMs = stallMs;
        this.dropSeq = dropSeq;
        this.silentAfter = silentAfter;
        this.closeAfter = closeAfter;
        acceptor = ServerSocketChannel.open();
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        acceptor.configureBlocking(false);
        selector = Selector.open();
        acceptor.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "misbehaving-server");
        thread.start();
    }

    static MisbehavingServer stalling(final long everyMs, final long stallMs) throws IOException
    {
        return new MisbehavingServer(everyMs, stallMs, -1, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    static MisbehavingServer droppingReplyTo(final long seq) throws IOException
    {
        return new MisbehavingServer(0, 0, seq, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    static MisbehavingServer silentAfter(final long frames) throws IOException
    {
        return new MisbehavingServer(0, 0, -1, frames, Long.MAX_VALUE);
    }

    static MisbehavingServer closingAfter(final long frames) throws IOException
    {
        return new MisbehavingServer(0, 0, -1, Long.MAX_VALUE, frames);
    }

    InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress)acceptor.getLocalAddress();
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final SelectionKey key : selector.keys())
        {
            key.channel().close();
        }
        selector.close();
    }

    private void run()
    {
        long nextStallNs = System.nanoTime() + stallEveryNs;
        final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        final UnsafeBuffer inFrames = new UnsafeBuffer(in);
        try
        {
            while (running)
            {
                if (stallEveryNs > 0 && System.nanoTime() - nextStallNs >= 0)
                {
                    Thread.sleep(stallMs);
                    nextStallNs += stallEveryNs;
                }
                selector.select(5);
                for (final SelectionKey key : selector.selectedKeys())
                {
                    if (key.isAcceptable())
                    {
                        accept();
                    }
                    else if (key.isReadable())
                    {
                        read(key, in, inFrames);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() throws IOException
    {
        final SocketChannel channel = acceptor.accept();
        if (null != channel)
        {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Peer());
        }
    }

    private void read(final SelectionKey key, final ByteBuffer in, final UnsafeBuffer inFrames) throws IOException
    {
        final SocketChannel channel = (SocketChannel)key.channel();
        final Peer peer = (Peer)key.attachment();
        in.clear();
        final int bytesRead;
        try
        {
            bytesRead = channel.read(in);
        }
        catch (final IOException ex)
        {
            channel.close();
            return;
        }
        if (bytesRead < 0)
        {
            channel.close();
            return;
        }
        final ByteBuffer out = ByteBuffer.allocate(bytesRead);
        final UnsafeBuffer outFrames = new UnsafeBuffer(out);
        final PingDecoder decoder = new PingDecoder();
        final int[] outLength = new int[1];
        peer.reader.onBytes(inFrames, 0, bytesRead, (type, buffer, offset, length) ->
        {
            peer.frames++;
            final long seq = decoder.wrap(buffer, offset, length).seq();
            if (seq == dropSeq || peer.frames > silentAfter || peer.frames > closeAfter)
            {
                return;
            }
            outFrames.putBytes(outLength[0], buffer, offset, length);
            outFrames.putShort(outLength[0] + 2, (short)MessageTypes.PONG, java.nio.ByteOrder.LITTLE_ENDIAN);
            outLength[0] += length;
        });
        out.limit(outLength[0]);
        while (out.hasRemaining())
        {
            channel.write(out);
        }
        if (peer.frames >= closeAfter)
        {
            channel.close();
        }
    }

    private static final class Peer
    {
        final FrameReader reader = new FrameReader(4096);
        long frames;
    }
}
