package io.tickloop.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, case 5: a client that never reads is cut off once what is queued for it passes
 * {@code --send-queue-bytes}, holding no more than that bound plus one frame, while the rest of its room is served
 * without a gap.
 */
class SlowConsumerTest
{
    private static final int BOUND = 64 * 1024;
    private static final int MAX_FRAME = 4096;
    private static final int PLAYERS = 50;
    private static final int CHATS_AFTER_CUT_OFF = 200;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final String TEXT = "x".repeat(200);
    private static final Pattern QUEUED = Pattern.compile("closed: SLOW_CONSUMER \\((\\d+) bytes were queued");

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffAClientThatNeverReadsAtTheBoundWhileFiftyOthersSeeEveryChatAndTick(final SocketModel model)
        throws Exception
    {
        final List<GameTestClient> players = new ArrayList<>();
        final List<Thread> readers = new ArrayList<>();
        final ConcurrentLinkedQueue<String> gaps = new ConcurrentLinkedQueue<>();
        final AtomicLongArray lastChatSeen = new AtomicLongArray(PLAYERS);
        final long[] finalSeq = {Long.MAX_VALUE};
        try (LogCapture log = new LogCapture();
            ServerFixture fixture = ServerFixture.game(model, GameOptions.parse(), "--send-queue-bytes", "64k");
            GameTestClient slow = new GameTestClient(fixture.address(), 2048))
        {
            try
            {
                slow.hello("slow").join(1);
                for (int i = 0; i < PLAYERS; i++)
                {
                    final GameTestClient player = new GameTestClient(fixture.address());
                    players.add(player);
                    player.hello("p" + i).expect(GameProtocol.WELCOME);
                    player.join(1).expect(GameProtocol.JOINED);
                }
                awaitRoomOf(players.get(0), PLAYERS + 1);
                lastChatSeen.set(0, Long.MAX_VALUE); // the sender does not hear its own chats
                for (int i = 0; i < PLAYERS; i++)
                {
                    final int index = i;
                    final Thread reader = Thread.ofPlatform().name("reader-" + i).start(
                        () -> readContiguously(players.get(index), index, lastChatSeen, finalSeq, gaps));
                    readers.add(reader);
                }

                final GameTestClient sender = players.get(0);
                final long startNs = System.nanoTime();
                long seq = 0;
                long cutOffAt = -1;
                while (cutOffAt < 0 || seq < cutOffAt + CHATS_AFTER_CUT_OFF)
                {
                    assertTrue(System.nanoTime() - startNs < DEADLINE_NS, "not cut off after " + seq + " chats");
                    // Pace the sender to the readers, so that no reader is a slow consumer: 50 chats (~11 KB) ahead
                    // at most. With 150, a server's writer thread starved for ~2 s on a loaded 2-core machine let a
                    // reader's queue (those chats plus 20 STATEs a second) pass the 64 KiB bound.
                    while (seq - minimum(lastChatSeen) > 50 && gaps.isEmpty())
                    {
                        LockSupport.parkNanos(100_000);
                    }
                    sender.chat(++seq, TEXT);
                    if (cutOffAt < 0 && fixture.metrics().closes(CloseReason.SLOW_CONSUMER) > 0)
                    {
                        cutOffAt = seq;
                    }
                }
                synchronized (finalSeq)
                {
                    finalSeq[0] = seq;
                }
                for (final Thread reader : readers)
                {
                    reader.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NS));
                }
                assertTrue(gaps.isEmpty(), "gaps: " + gaps);
                for (int i = 1; i < PLAYERS; i++)
                {
                    assertEquals(seq, lastChatSeen.get(i), "chats reader " + i + " saw");
                }
                assertEquals(1, fixture.metrics().closes(CloseReason.SLOW_CONSUMER), fixture.metrics().closesSummary());
                final long queued = queuedAtCutOff(log);
                System.out.printf("%s: cut off after %,d chats of %d bytes; %,d bytes queued for it at the close " +
                    "(bound %,d + frame %,d); %d readers saw chats 1..%,d and every tick%n",
                    model, cutOffAt, TEXT.length(), queued, BOUND, MAX_FRAME, PLAYERS - 1, seq);
                assertTrue(queued <= BOUND + MAX_FRAME, "held " + queued);
            }
            finally
            {
                closeAll(players, readers);
            }
        }
    }

    private static void closeAll(final List<GameTestClient> players, final List<Thread> readers) throws Exception
    {
        for (final GameTestClient player : players)
        {
            player.close();
        }
        for (final Thread reader : readers)
        {
            reader.join(5_000);
        }
    }

    private static void awaitRoomOf(final GameTestClient player, final int members) throws Exception
    {
        final long startNs = System.nanoTime();
        while (true)
        {
            final GameTestClient.Frame frame = player.expect(GameProtocol.STATE);
            if (new StateDecoder().wrap(frame.buffer(), 0, frame.length()).count() == members)
            {
                return;
            }
            assertTrue(System.nanoTime() - startNs < DEADLINE_NS, "the room never held " + members);
        }
    }

    private static void readContiguously(final GameTestClient player, final int index,
        final AtomicLongArray lastChatSeen, final long[] finalSeq, final ConcurrentLinkedQueue<String> gaps)
    {
        final ChatDecoder chat = new ChatDecoder();
        final StateDecoder state = new StateDecoder();
        long lastTick = -1;
        try
        {
            while (true)
            {
                final long last;
                synchronized (finalSeq)
                {
                    last = finalSeq[0];
                }
                if (index == 0 ? last != Long.MAX_VALUE : lastChatSeen.get(index) >= last)
                {
                    return;
                }
                final GameTestClient.Frame frame = player.next();
                if (frame.type() == GameProtocol.CHAT)
                {
                    final long seq = chat.wrap(frame.buffer(), 0, frame.length()).clientTimeNs();
                    if (seq != lastChatSeen.get(index) + 1)
                    {
                        gaps.add("reader " + index + ": chat " + seq + " after " + lastChatSeen.get(index));
                        return;
                    }
                    lastChatSeen.set(index, seq);
                }
                else if (frame.type() == GameProtocol.STATE)
                {
                    final long tick = state.wrap(frame.buffer(), 0, frame.length()).tick();
                    if (lastTick >= 0 && tick != lastTick + 1)
                    {
                        gaps.add("reader " + index + ": tick " + tick + " after " + lastTick);
                        return;
                    }
                    lastTick = tick;
                }
                else if (frame.type() != GameProtocol.HEARTBEAT)
                {
                    gaps.add("reader " + index + ": " + GameProtocol.name(frame.type()));
                    return;
                }
            }
        }
        catch (final Exception ex)
        {
            gaps.add("reader " + index + ": " + ex);
        }
    }

    private static long minimum(final AtomicLongArray values)
    {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < values.length(); i++)
        {
            min = Math.min(min, values.get(i));
        }
        return min;
    }

    private static long queuedAtCutOff(final LogCapture log)
    {
        for (final ILoggingEvent event : log.at(Level.WARN))
        {
            final Matcher matcher = QUEUED.matcher(event.getFormattedMessage());
            if (matcher.find())
            {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("no SLOW_CONSUMER line");
    }
}
