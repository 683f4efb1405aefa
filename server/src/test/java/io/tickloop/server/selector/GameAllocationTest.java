package io.tickloop.server.selector;

import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game on the selector loop allocates nothing per message or per tick once warm: inputs, chat fan-out
 * and STATE broadcast all go through buffers and flyweights made once; over WebSocket too, where each frame is
 * a masked binary message unmasked in place and each one sent gets its header without a copy.
 */
class GameAllocationTest
{
    private static final int PLAYERS = 20;

    @ParameterizedTest(name = "over WebSocket: {0}")
    @ValueSource(booleans = {false, true})
    void shouldAllocateAlmostNothingOnTheLoopThreadWhileTicking(final boolean webSocket) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ServerConfig config = ServerOptions.parse("--port", "0", "--ws-port", "0");
        final Server server = SelectorServer.create(config, new GameService(GameOptions.parse("--tick-hz", "50"), config));
        final ExecutorService readers = Executors.newFixedThreadPool(PLAYERS);
        server.start();
        final List<Socket> sockets = new ArrayList<>();
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
            for (int i = 0; i < PLAYERS; i++)
            {
                final Socket socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(webSocket ? server.webSocketAddress() : server.localAddress());
                sockets.add(socket);
                if (webSocket)
                {
                    upgrade(socket);
                }
                readers.submit(() -> discard(socket.getInputStream()));
                final int hello = new HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION).name("p" + i)
                    .frameLength();
                write(socket, webSocket, buffer, 0, hello);
                final int join = new JoinEncoder().wrap(buffer, 0).roomId(1 + i % 2).frameLength();
                write(socket, webSocket, buffer, 0, join);
            }
            final long loopThreadId = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(SelectorServer.THREAD_NAME)).findFirst().orElseThrow()
                .threadId();

            play(sockets, webSocket, buffer, 1, TimeUnit.MILLISECONDS.toNanos(1500));
            final long before = threads.getThreadAllocatedBytes(loopThreadId);
            final long inputs = play(sockets, webSocket, buffer, 1_000_000, TimeUnit.MILLISECONDS.toNanos(1000));
            final long allocated = threads.getThreadAllocatedBytes(loopThreadId) - before;

            System.out.printf("game loop allocated %d bytes over %d inputs and ~50 ticks (%s)%n", allocated, inputs,
                webSocket ? "WebSocket" : "TCP");
            assertTrue(allocated < 4096, "allocated " + allocated + " bytes on the loop thread");
        }
        finally
        {
            for (final Socket socket : sockets)
            {
                socket.close();
            }
            readers.shutdownNow();
            server.close();
        }
    }

    private static long play(final List<Socket> sockets, final boolean webSocket, final UnsafeBuffer buffer,
        final int firstSeq, final long durationNs) throws Exception
    {
        final MoveEncoder move = new MoveEncoder();
        final ChatEncoder chat = new ChatEncoder();
        final long endNs = System.nanoTime() + durationNs;
        int seq = firstSeq;
        long inputs = 0;
        while (System.nanoTime() - endNs < 0)
        {
            for (final Socket socket : sockets)
            {
                final int length = move.wrap(buffer, 0).inputSeq(seq).position(seq % 100, seq % 50).frameLength();
                write(socket, webSocket, buffer, 0, length);
                if (seq % 20 == 0)
                {
                    final int chatLength = chat.wrap(buffer, 0).clientTimeNs(seq).text(buffer, 64, 8).frameLength();
                    write(socket, webSocket, buffer, 0, chatLength);
                }
                inputs++;
            }
            seq++;
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return inputs;
    }

    /**
     * A frame as is, or as one masked binary WebSocket message (RFC 6455: a client masks every frame).
     */
    private static void write(final Socket socket, final boolean webSocket, final UnsafeBuffer buffer,
        final int offset, final int length) throws IOException
    {
        if (!webSocket)
        {
            socket.getOutputStream().write(buffer.byteArray(), offset, length);
            return;
        }
        final byte[] mask = {0x5A, (byte)0xC3, 0x11, (byte)0x9E};
        final byte[] message = new byte[6 + length]; // a frame of the game is at most 125 bytes here
        message[0] = (byte)0x82;
        message[1] = (byte)(0x80 | length);
        System.arraycopy(mask, 0, message, 2, 4);
        for (int i = 0; i < length; i++)
        {
            message[6 + i] = (byte)(buffer.getByte(offset + i) ^ mask[i & 3]);
        }
        socket.getOutputStream().write(message);
    }

    private static void upgrade(final Socket socket) throws IOException
    {
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            head.append((char)in.read());
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101 "), head.toString());
    }

    private static Void discard(final InputStream in) throws Exception
    {
        final byte[] bytes = new byte[64 * 1024];
        while (in.read(bytes) >= 0)
        {
            continue;
        }
        return null;
    }
}
