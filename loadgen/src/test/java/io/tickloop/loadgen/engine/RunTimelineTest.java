package io.tickloop.loadgen.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunTimelineTest
{
    @Test
    void shouldTellWarmupMeasuredAndAfterTheEndApartWithoutABranch()
    {
        final long warmupEndNs = -5; // nanoTime may be negative: the bits are differences, not comparisons
        final RunTimeline timeline = new RunTimeline(-100, warmupEndNs, 1_000);

        assertEquals(1, RunTimeline.warmupBit(Long.MIN_VALUE / 2, warmupEndNs));
        assertEquals(1, RunTimeline.warmupBit(warmupEndNs - 1, warmupEndNs));
        assertEquals(0, RunTimeline.warmupBit(warmupEndNs, warmupEndNs));
        assertEquals(0, RunTimeline.warmupBit(999, warmupEndNs));

        assertEquals(0, timeline.measuredBit(warmupEndNs - 1));
        assertEquals(1, timeline.measuredBit(warmupEndNs));
        assertEquals(1, timeline.measuredBit(999));
        assertEquals(0, timeline.measuredBit(1_000));
        assertEquals(0, timeline.measuredBit(5_000));
    }
}
