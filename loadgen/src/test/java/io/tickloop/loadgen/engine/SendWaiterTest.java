package io.tickloop.loadgen.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each idle strategy waits until its deadline, not much past it, and hands over a key that becomes ready on the
 * way. Bounds are loose (a noisy 2-core machine); the figures seen are printed.
 */
class SendWaiterTest
{
    private static final int WAITS = 100;
    private final Consumer<SelectionKey> noKeys = key ->
    {
        throw new AssertionError("no key is ready");
    };

    @ParameterizedTest
    @EnumSource(EngineIdle.class)
    void shouldWakeCloseAfterTheDeadline(final EngineIdle idle) throws Exception
    {
        final SendWaiter waiter = new SendWaiter(idle);
        final long[] overshootNs = new long[WAITS];
        try (Selector selector = Selector.open())
        {
            for (int i = 0; i < WAITS; i++)
            {
                // From 0.1 ms to 2.5 ms ahead: the park, select and spin windows all get their turn.
                final long untilNs = System.nanoTime() + 100_000L + (i % 25) * 100_000L;
                long nowNs;
                while ((nowNs = System.nanoTime()) - untilNs < 0)
                {
                    waiter.await(selector, noKeys, nowNs, untilNs);
                }
                overshootNs[i] = nowNs - untilNs;
            }
        }
        Arrays.sort(overshootNs);
        final long p50Ns = overshootNs[WAITS / 2];
        final long p90Ns = overshootNs[WAITS * 9 / 10];
        System.out.printf(Locale.ROOT,
            "--idle %s: overshoot p50 %.1f us, p90 %.1f us, max %.1f us (timer slack %d ns)%n", idle, p50Ns / 1e3, p90Ns / 1e3, overshootNs[WAITS - 1] / 1e3, SendWaiter.timerSlackNs());
        assertTrue(p50Ns < 2_000_000L, "median overshoot " + p50Ns + " ns");
        assertTrue(p90Ns < 50_000_000L, "p90 overshoot " + p90Ns + " ns");
    }

    @ParameterizedTest
    @EnumSource(EngineIdle.class)
    void shouldHandOverAKeyThatBecomesReadyLongBeforeTheDeadline(final EngineIdle idle) throws Exception
    {
        final SendWaiter waiter = new SendWaiter(idle);
        final Pipe pipe = Pipe.open();
        try (Selector selector = Selector.open(); Pipe.SinkChannel sink = pipe.sink();
            Pipe.SourceChannel source = pipe.source())
        {
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            final ByteBuffer drain = ByteBuffer.allocate(16);
            final int[] ready = {0};
            final Consumer<SelectionKey> onReady = key -> ready[0]++;
            // The first wait of each kind loads classes; the third shows the steady state.
            for (int round = 0; round < 3; round++)
            {
                ready[0] = 0;
                final long startNs = System.nanoTime();
                final long untilNs = startNs + 5_000_000_000L;
                sink.write(ByteBuffer.wrap(new byte[] {1}));
                long nowNs = startNs;
                while (ready[0] == 0 && nowNs - untilNs < 0)
                {
                    waiter.await(selector, onReady, nowNs, untilNs);
                    nowNs = System.nanoTime();
                }
                source.read(drain.clear());
                System.out.printf(Locale.ROOT, "--idle %s: a ready key handed over after %.1f us (round %d)%n",
                    idle, (nowNs - startNs) / 1e3, round);
                assertEquals(1, ready[0]);
                assertTrue(nowNs - startNs < 1_000_000_000L, "handed over after " + (nowNs - startNs) + " ns");
            }
        }
    }
}
