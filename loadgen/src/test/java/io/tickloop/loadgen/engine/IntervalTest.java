package io.tickloop.loadgen.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class IntervalTest
{
    @Test
    void latencyIsTheMeasuredOrTheWarmupPartAloneAndMergesOnlyWhenBothHaveSamples()
    {
        final Interval interval = new Interval();
        interval.measuredLatency.recordValue(100_000L);
        assertSame(interval.measuredLatency, interval.latency());

        interval.clear();
        interval.warmupLatency.recordValue(200_000L);
        assertSame(interval.warmupLatency, interval.latency());
        assertEquals(0, interval.measuredLatency.getTotalCount());

        interval.measuredLatency.recordValue(300_000L);
        assertEquals(2, interval.latency().getTotalCount());
        assertEquals(300_000L, interval.latency().getMaxValue(), 1_000L);

        interval.clear();
        interval.measuredLatency.recordValue(400_000L);
        interval.warmupLatency.recordValue(500_000L);
        assertEquals(2, interval.latency().getTotalCount(), "a merge from an earlier interval is not reused");
        assertEquals(500_000L, interval.latency().getMaxValue(), 1_000L);
    }
}
