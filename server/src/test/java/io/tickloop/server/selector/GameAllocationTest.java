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
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game on the selector loop allocates nothing per message or per tick once warm: inputs, chat fan-out
 * and STATE broadcast all go through buffers and flyweights made once.
 */
class GameAllocationTest
{
    private static final int PLAYERS = 20;

    @Test
    void shouldAllocateAlmostNothingOnTheLoopThreadWhileTicking() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ServerConfig config = ServerOptions.parse("--port", "0");
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
                socket.connect(server.localAddress());
                sockets.add(socket);
                readers.submit(() -> discard(socket.getInputStream()));
                int length = new HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION).name("p" + i).frameLength();
                length += new JoinEncoder().wrap(buffer, length).roomId(1 + i % 2).frameLength();
                socket.getOutputStream().write(buffer.byteArray(), 0, length);
            }
            final long loopThreadId = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(SelectorServer.THREAD_NAME)).findFirst().orElseThrow()
                .threadId();

            play(sockets, buffer, 1, TimeUnit.MILLISECONDS.toNanos(1500));
            final long before = threads.getThreadAllocatedBytes(loopThreadId);
            final long inputs = play(sockets, buffer, 1_000_000, TimeUnit.MILLISECONDS.toNanos(1000));
            final long allocated = threads.getThreadAllocatedBytes(loopThreadId) - before;

            System.out.printf("game loop allocated %d bytes over %d inputs and ~50 ticks%n", allocated, inputs);
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

    private static long play(final List<Socket> sockets, final UnsafeBuffer buffer, final int firstSeq,
        final long durationNs) throws Exception
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
                int length = move.wrap(buffer, 0).inputSeq(seq).position(seq % 100, seq % 50).frameLength();
                if (seq % 20 == 0)
                {
                    length += chat.wrap(buffer, length).clientTimeNs(seq).text(buffer, 0, 8).frameLength();
                }
                socket.getOutputStream().write(buffer.byteArray(), 0, length);
                inputs++;
            }
            seq++;
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return inputs;
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
