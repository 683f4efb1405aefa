package io.tickloop.loadgen.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendWheelTest
{
    private static final long TICK_NS = 1L << SendWheel.TICK_SHIFT;

    @Test
    void shouldExpireOnlyWhatIsDue()
    {
        final SendWheel wheel = new SendWheel(4, 0);
        wheel.schedule(0, 10 * TICK_NS);
        wheel.schedule(1, 20 * TICK_NS);
        final List<Integer> due = new ArrayList<>();

        assertEquals(1, wheel.expire(15 * TICK_NS, due::add));
        assertEquals(List.of(0), due);
        assertTrue(wheel.isScheduled(1));
    }

    @Test
    void shouldStillSeeAnEntryScheduledInThePastWhileExpiring()
    {
        // A connection still behind its schedule is due again at once: it must fire on the next pass, not a whole
        // turn of the wheel (about 4.3 s) later, which would show up as fake latency.
        final SendWheel wheel = new SendWheel(1, 0);
        wheel.schedule(0, 100 * TICK_NS);
        final long[] calls = {0};
        final long nowNs = 105 * TICK_NS;

        wheel.expire(nowNs, entry ->
        {
            calls[0]++;
            wheel.schedule(entry, 101 * TICK_NS);
        });
        assertTrue(wheel.isScheduled(0));
        final int again = wheel.expire(nowNs + TICK_NS, entry -> calls[0]++);

        assertEquals(1, again, "the entry rescheduled in the past fires on the next pass");
    }

    @Test
    void shouldFindTheEarliestDeadlineWithinTheWindowPassingOverALaterRound()
    {
        final SendWheel wheel = new SendWheel(3, 0);
        wheel.schedule(0, (5 + SendWheel.SLOTS) * TICK_NS);
        wheel.schedule(1, 9 * TICK_NS + 7);
        wheel.schedule(2, 9 * TICK_NS + 3);

        assertEquals(9 * TICK_NS + 3, wheel.nextDeadlineNs(0, 20 * TICK_NS));
        assertEquals(8 * TICK_NS, wheel.nextDeadlineNs(0, 8 * TICK_NS), "none within the window: its end");
    }
}
