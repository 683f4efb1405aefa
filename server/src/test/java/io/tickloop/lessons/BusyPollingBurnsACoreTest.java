package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lesson 5 on this machine: polling a non-blocking socket spends a core on waiting; a blocking read and a
 * Selector spend next to nothing. Bounds are wide: 2 shared cores.
 */
class BusyPollingBurnsACoreTest
{
    private static BusyPollingLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new BusyPollingLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 5: " + line));
    }

    @Test
    void shouldReturnZeroAtOnceFromANonBlockingReadWithNothingToRead()
    {
        assertTrue(result.emptyReadNs() < 1_000_000, "one empty read took " + result.emptyReadNs() + " ns");
    }

    @Test
    void shouldBurnMoreThanHalfACoreWhileBusyPolling()
    {
        // On a shared machine the loop gets only its share of a CPU; what it wants is a whole one: it is on a CPU
        // or queued for one nearly all the time (schedstat), and uses far more CPU than the waiters that sleep.
        final BusyPollingLesson.Wait busy = result.busy();
        assertTrue(busy.demandShare() > 0.5, busy.describe());
        assertTrue(busy.calls() > 1_000, busy.describe());
        assertTrue(busy.cpuNs() > 10 * Math.max(result.blocking().cpuNs(), result.selector().cpuNs()),
            busy.describe() + " against " + result.blocking().describe() + " and " + result.selector().describe());
    }

    @Test
    void shouldWaitForNearlyFreeInABlockingRead()
    {
        assertTrue(result.blocking().wallNs() >= BusyPollingLesson.WAIT_MS * 900_000, result.blocking().describe());
        assertTrue(result.blocking().coreShare() < 0.1, result.blocking().describe());
    }

    @Test
    void shouldWaitForNearlyFreeInASelector()
    {
        assertTrue(result.selector().wallNs() >= BusyPollingLesson.WAIT_MS * 900_000, result.selector().describe());
        assertTrue(result.selector().coreShare() < 0.1, result.selector().describe());
    }
}
