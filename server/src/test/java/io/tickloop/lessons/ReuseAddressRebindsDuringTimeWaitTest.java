package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lesson 4 on this machine: a port held only by TIME_WAIT connections can be bound again at once with
 * SO_REUSEADDR, and on Linux not without it.
 */
class ReuseAddressRebindsDuringTimeWaitTest
{
    private static ReuseAddressLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new ReuseAddressLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 4: " + line));
    }

    @Test
    void shouldRebindAtOnceWithReuseAddress()
    {
        final ReuseAddressLesson.Restart restart = result.restart(true, true);
        assertTrue(restart.bound(), restart.toString());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldHoldThePortInTimeWaitOnLinux()
    {
        for (final ReuseAddressLesson.Restart restart : result.restarts())
        {
            assertTrue(restart.timeWaitConnections() >= ReuseAddressLesson.CONNECTIONS, restart.toString());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldFailToRebindOnLinuxUnlessBothSidesSetReuseAddress()
    {
        assertFalse(result.restart(true, false).bound(), result.restart(true, false).toString());
        assertFalse(result.restart(false, true).bound(), result.restart(false, true).toString());
        assertFalse(result.restart(false, false).bound(), result.restart(false, false).toString());
        assertTrue(result.restart(false, false).outcome().contains("Address already in use"));
    }
}
