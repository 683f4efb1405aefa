package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.ws.WebSocketFrameDecoder;
import io.tickloop.loadgen.engine.ws.WebSocketHandler;
import io.tickloop.loadgen.engine.ws.WebSocketHandshake;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.FrameReader;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test stand-in for the server's WebSocket gateway, independent of it: thread per connection, it answers the
 * upgrade, unmasks each client message onto a TCP connection to a real game server, and sends each game frame the
 * server writes back as one unmasked binary message. It checks what the contract asks of a client: every message
 * masked and holding whole game frames; it pings each client once to see the pong come back, and can close every
 * client with a Close frame to see the bots take it as the server closing.
 */
final class WebSocketRelay implements AutoCloseable
{
    final AtomicLong upgrades = new AtomicLong();
    final AtomicLong clientMessages = new AtomicLong();
    final AtomicLong serverMessages = new AtomicLong();
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong clientCloses = new AtomicLong();
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final ServerSocket acceptor;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptThread;

    WebSocketRelay(final InetSocketAddress upstream) throws IOException
    {
        this.upstream = upstream;
        this.acceptor = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.acceptThread = Thread.ofPlatform().daemon().name("ws-relay-accept").start(this::acceptLoop);
    }

    InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", acceptor.getLocalPort());
    }

    /** Send every client a Close frame (1001, going away) and end its connection. */
    void closeClients() throws IOException
    {
        for (final Socket socket : sockets)
        {
            if (socket.getLocalPort() == acceptor.getLocalPort() && !socket.isClosed())
            {
                final OutputStream out = socket.getOutputStream();
                synchronized (out)
                {
                    out.write(new byte[] {(byte)0x88, 2, 0x03, (byte)0xE9});
                    out.flush();
                }
            }
        }
    }

    private void acceptLoop()
    {
        while (!acceptor.isClosed())
        {
            try
            {
                final Socket client = acceptor.accept();
                client.setTcpNoDelay(true);
                sockets.add(client);
                Thread.ofPlatform().daemon().name("ws-relay-client").start(() -> relay(client));
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void relay(final Socket client)
    {
        try (client; Socket server = new Socket(upstream.getAddress(), upstream.getPort()))
        {
            server.setTcpNoDelay(true);
            sockets.add(server);
            final InputStream in = client.getInputStream();
            final OutputStream out = client.getOutputStream();
            final byte[] leftover = upgrade(in, out);
            if (null == leftover)
            {
                return;
            }
            upgrades.incrementAndGet();
            synchronized (out)
            {
                out.write(new byte[] {(byte)0x89, 4, 'p', 'i', 'n', 'g'});
                out.flush();
            }
            Thread.ofPlatform().daemon().name("ws-relay-down").start(() -> down(server, out));
            up(in, leftover, server.getOutputStream());
        }
        catch (final IOException ignore)
        {
            // a bot that closed at the end of its run
        }
    }

    /** @return bytes read past the request, or null when it was not an upgrade. */
    private static byte[] upgrade(final InputStream in, final OutputStream out) throws IOException
    {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n"))
        {
            final byte[] chunk = new byte[512];
            final int read = in.read(chunk);
            if (read < 0)
            {
                return null;
            }
            request.write(chunk, 0, read);
        }
        final String text = request.toString(StandardCharsets.ISO_8859_1);
        final int end = text.indexOf("\r\n\r\n") + 4;
        String key = null;
        for (final String line : text.substring(0, end).split("\r\n"))
        {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
            {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (!text.startsWith("GET /ws HTTP/1.1\r\n") || null == key)
        {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + WebSocketDescriptor.acceptKey(key) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final byte[] all = request.toByteArray();
        final byte[] rest = new byte[all.length - end];
        System.arraycopy(all, end, rest, 0, rest.length);
        return rest;
    }

    /** Client to server: unmask each message, check it holds whole game frames, pass it on. */
    private void up(final InputStream in, final byte[] leftover, final OutputStream server) throws IOException
    {
        final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(true, 1 << 20);
        final FrameReader frames = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH_LIMIT);
        final boolean[] closed = {false};
        final WebSocketHandler handler = new WebSocketHandler()
        {
            @Override
            public void onData(final int opcode, final DirectBuffer buffer, final int offset, final int length,
                final boolean messageEnd)
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                frames.onBytes(buffer, offset, length, (type, b, o, l) -> { });
                if (messageEnd)
                {
                    clientMessages.incrementAndGet();
                    if (frames.hasPartialFrame() || opcode != WebSocketDescriptor.OPCODE_BINARY)
                    {
                        violations.add("a client message that is not whole binary game frames");
                    }
                }
                write(server, bytes);
            }

            @Override
            public void onPing(final DirectBuffer buffer, final int offset, final int length)
            {
                violations.add("a client ping");
            }

            @Override
            public void onPong(final DirectBuffer buffer, final int offset, final int length)
            {
                if ("ping".equals(buffer.getStringWithoutLengthAscii(offset, length)))
                {
                    pongs.incrementAndGet();
                }
            }

            @Override
            public void onClose(final int statusCode, final DirectBuffer buffer, final int offset, final int length)
            {
                clientCloses.incrementAndGet();
                closed[0] = true;
            }
        };
        byte[] chunk = leftover;
        int length = leftover.length;
        while (!closed[0])
        {
            if (length > 0 && null != decoder.onBytes(new UnsafeBuffer(chunk), 0, length, handler))
            {
                violations.add("a client frame that breaks RFC 6455 (unmasked?)");
                return;
            }
            chunk = new byte[8192];
            length = in.read(chunk);
            if (length < 0)
            {
                return;
            }
        }
    }

    /** Server to client: each game frame as one unmasked binary message; at the end, a Close. */
    private void down(final Socket server, final OutputStream client)
    {
        final FrameReader frames = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH_LIMIT);
        try (server)
        {
            final InputStream in = server.getInputStream();
            final byte[] chunk = new byte[65536];
            int read;
            while ((read = in.read(chunk)) >= 0)
            {
                frames.onBytes(new UnsafeBuffer(chunk), 0, read, (type, buffer, offset, length) ->
                {
                    final byte[] message = new byte[WebSocketDescriptor.headerLength(length, false) + length];
                    int position = 0;
                    message[position++] = (byte)0x82;
                    if (length <= 125)
                    {
                        message[position++] = (byte)length;
                    }
                    else
                    {
                        message[position++] = 126;
                        message[position++] = (byte)(length >>> 8);
                        message[position++] = (byte)length;
                    }
                    buffer.getBytes(offset, message, position, length);
                    serverMessages.incrementAndGet();
                    write(client, message);
                });
            }
            write(client, new byte[] {(byte)0x88, 2, 0x03, (byte)0xE8});
        }
        catch (final IOException ignore)
        {
            // the client went
        }
    }

    private static void write(final OutputStream out, final byte[] bytes)
    {
        try
        {
            synchronized (out)
            {
                out.write(bytes);
                out.flush();
            }
        }
        catch (final IOException ignore)
        {
            // the other side went; its reader ends the relay
        }
    }

    @Override
    public void close() throws IOException
    {
        acceptor.close();
        for (final Socket socket : sockets)
        {
            socket.close();
        }
        try
        {
            acceptThread.join(2_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
