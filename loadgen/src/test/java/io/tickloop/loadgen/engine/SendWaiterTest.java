package io.tickloop.loadgen.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
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
        final long[] overshootNs = new long[WAITS];
        try (SendWaiter waiter = new SendWaiter(idle, new LoaderMeter()); Selector selector = Selector.open())
        {
            for (int i = 0; i < WAITS; i++)
            {
                // From 0.1 ms to 2.5 ms ahead: the park, select and spin windows all get their turn.
                final long untilNs = System.nanoTime() + 100_000L + (i % 25) * 100_000L;
                long nowNs;
                while ((nowNs = System.nanoTime()) - untilNs < 0)
                {
                    waiter.await(selector, noKeys, nowNs, untilNs, false);
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
        final Pipe pipe = Pipe.open();
        try (SendWaiter waiter = new SendWaiter(idle, new LoaderMeter()); Selector selector = Selector.open();
            Pipe.SinkChannel sink = pipe.sink();
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
                    waiter.await(selector, onReady, nowNs, untilNs, true);
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

    /** Not spin: on a busy 2-core machine a spinning waiter starves the writer thread, as its --help says. */
    @ParameterizedTest
    @EnumSource(value = EngineIdle.class, names = {"SELECT", "YIELD", "BACKOFF"})
    void shouldHandOverAKeyThatBecomesReadyInTheLastMillisecondAtOnce(final EngineIdle idle) throws Exception
    {
        final Pipe pipe = Pipe.open();
        final long[] delayNs = new long[20];
        int measured = 0;
        try (SendWaiter waiter = new SendWaiter(idle, new LoaderMeter()); Selector selector = Selector.open();
            Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source())
        {
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            final ByteBuffer drain = ByteBuffer.allocate(16);
            final long[] handedOverNs = {0};
            final Consumer<SelectionKey> onReady = key -> handedOverNs[0] = System.nanoTime();
            for (int round = 0; round < 100 && measured < delayNs.length; round++)
            {
                // A deadline 900 us ahead and a key made ready 200 us in: a reply during the sub-millisecond wait.
                handedOverNs[0] = 0;
                final long untilNs = System.nanoTime() + 900_000L;
                final long[] writtenNs = {0};
                final Thread writer = new Thread(() ->
                {
                    LockSupport.parkNanos(200_000L);
                    try
                    {
                        sink.write(ByteBuffer.wrap(new byte[] {1}));
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                    writtenNs[0] = System.nanoTime();
                });
                writer.start();
                long nowNs;
                while (handedOverNs[0] == 0 && (nowNs = System.nanoTime()) - untilNs < 0)
                {
                    waiter.await(selector, onReady, nowNs, untilNs, true);
                }
                writer.join();
                while (handedOverNs[0] == 0)
                {
                    waiter.await(selector, onReady, System.nanoTime(), System.nanoTime() + 1_000_000L, true);
                }
                source.read(drain.clear());
                // The first rounds warm up; a write the scheduler held past the deadline says nothing of the wait.
                if (round >= 5 && writtenNs[0] - untilNs < -300_000L)
                {
                    delayNs[measured++] = Math.max(0, handedOverNs[0] - writtenNs[0]);
                }
            }
        }
        Arrays.sort(delayNs, 0, measured);
        System.out.printf(Locale.ROOT, "--idle %s: a key ready 200 us into a 900 us wait handed over after p50 %.1f us" +
            " (%d rounds)%n", idle, measured == 0 ? Double.NaN : delayNs[measured / 2] / 1e3, measured);
        assertTrue(measured >= 5, "the writer kept its time in " + measured + " of 100 rounds");
        assertTrue(delayNs[measured / 2] < 400_000L, "median hand-over " + delayNs[measured / 2] + " ns after the write");
    }
    /**
     * Sends 20 us apart with replies outstanding (50,000 msg/s on one engine): the next send is soon enough to read
     * a reply, so no alarm thread wakes per send; 300 us apart the alarm is what keeps a reply from waiting.
     */
    @ParameterizedTest
    @ValueSource(longs = {20_000L, 300_000L})
    void shouldWakeASecondThreadOnlyWhenSendsAreSparse(final long gapNs) throws Exception
    {
        final String name = "waiter-gap-" + gapNs;
        final Thread engine = new Thread(() ->
        {
            try (SendWaiter waiter = new SendWaiter(EngineIdle.SELECT, new LoaderMeter());
                Selector selector = Selector.open())
            {
                long untilNs = System.nanoTime();
                for (int send = 0; send < 2_000; send++)
                {
                    untilNs += gapNs;
                    long nowNs;
                    while ((nowNs = System.nanoTime()) - untilNs < 0)
                    {
                        waiter.await(selector, noKeys, nowNs, untilNs, true);
                    }
                    if (send == 1_999)
                    {
                        System.out.printf(Locale.ROOT, "sends %d us apart: alarm thread %s%n", gapNs / 1_000,
                            alarmAlive(name) ? "running" : "never started");
                        assertEquals(gapNs >= SendWaiter.DENSE_SENDS_GAP_NS, alarmAlive(name));
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, name);
        final Throwable[] failure = {null};
        engine.setUncaughtExceptionHandler((thread, ex) -> failure[0] = ex);
        engine.start();
        engine.join();
        if (null != failure[0])
        {
            throw new AssertionError(failure[0]);
        }
    }

    /**
     * Sends dense and a reply outstanding: a wait towards a send 400 us away (a long gap between random phases)
     * comes back after a slice, to read the reply, not at the send.
     */
    @Test
    void shouldParkInSlicesWhenSendsAreDenseAndRepliesAreOutstanding() throws Exception
    {
        final long[] returnedAfterNs = new long[50];
        try (SendWaiter waiter = new SendWaiter(EngineIdle.SELECT, new LoaderMeter());
            Selector selector = Selector.open())
        {
            for (int i = 0; i < returnedAfterNs.length; i++)
            {
                for (int send = 0; send < 40; send++) // deadlines close together: the waiter sees dense sends
                {
                    final long nowNs = System.nanoTime();
                    waiter.await(selector, noKeys, nowNs, nowNs + 20_000L, true);
                }
                final long startNs = System.nanoTime();
                waiter.await(selector, noKeys, startNs, startNs + 400_000L, true);
                returnedAfterNs[i] = System.nanoTime() - startNs;
            }
        }
        Arrays.sort(returnedAfterNs);
        final long p50Ns = returnedAfterNs[returnedAfterNs.length / 2];
        System.out.printf(Locale.ROOT, "dense sends, reply outstanding: a wait for a send 400 us away came back " +
            "after p50 %.1f us (slice %d us)%n", p50Ns / 1e3, SendWaiter.DENSE_PARK_MAX_NS / 1_000);
        assertTrue(p50Ns < 250_000L, "median wait " + p50Ns + " ns");
    }

    private static boolean alarmAlive(final String engineName)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals(engineName + "-alarm") && thread.isAlive());
    }

    @ParameterizedTest
    @EnumSource(EngineIdle.class)
    void shouldCountEachGapBetweenLooksWhileAReplyIsAwaited(final EngineIdle idle) throws Exception
    {
        final LoaderMeter meter = new LoaderMeter();
        try (SendWaiter waiter = new SendWaiter(idle, meter); Selector selector = Selector.open())
        {
            final long startNs = System.nanoTime();
            final long untilNs = startNs + 5_000_000L;
            int looks = 0;
            long nowNs;
            while ((nowNs = System.nanoTime()) - untilNs < 0)
            {
                waiter.await(selector, noKeys, nowNs, untilNs, true);
                looks++;
            }
            final long elapsedNs = System.nanoTime() - startNs;
            meter.sample(true);
            final var gaps = meter.figures().pollGap();
            final double sumNs = gaps.getMean() * gaps.getTotalCount();
            System.out.printf(Locale.ROOT,
                "--idle %s: %d looks in %.2f ms, gaps p99 %.1f us, max %.1f us, sum %.2f ms%n", idle, looks,
                elapsedNs / 1e6, gaps.getValueAtPercentile(99) / 1e3, gaps.getMaxValue() / 1e3, sumNs / 1e6);
            assertEquals(looks - 1, gaps.getTotalCount(), "each wait looks once; the first has no gap before it");
            assertTrue(sumNs <= elapsedNs * 1.01, "the gaps fit in the time waited: " + sumNs + " of " + elapsedNs);
            if (idle != EngineIdle.SPIN)
            {
                // Data would end the first, timed select at once: its ~3 ms are a look, not a gap.
                assertTrue(sumNs < elapsedNs - 2_000_000L,
                    "a blocking select is no gap: " + sumNs + " of " + elapsedNs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineIdle.class)
    void shouldCountNoGapWhileNothingIsAwaited(final EngineIdle idle) throws Exception
    {
        final LoaderMeter meter = new LoaderMeter();
        try (SendWaiter waiter = new SendWaiter(idle, meter); Selector selector = Selector.open())
        {
            final long untilNs = System.nanoTime() + 2_000_000L;
            long nowNs;
            while ((nowNs = System.nanoTime()) - untilNs < 0)
            {
                waiter.await(selector, noKeys, nowNs, untilNs, false);
            }
            meter.sample(true);
            assertEquals(0, meter.figures().pollGap().getTotalCount(), "no reply could wait, so none waited");
        }
    }
}
