package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lesson 6 on this machine: 1,000 idle connections under every socket model built so far. Only robust facts are
 * asserted; the rest is printed.
 */
class SocketModelsAtIdleTest
{
    private static SocketModelsAtIdleLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new SocketModelsAtIdleLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 6: " + line));
    }

    @Test
    void shouldServeEveryIdleConnectionFromOneSelectorThread()
    {
        final SocketModelsAtIdleLesson.Row selector = result.row("selector");
        assertNotNull(selector);
        assertEquals(1, selector.modelThreads(), selector.describe());
        assertTrue(selector.jvmThreads() <= 2, selector.describe());
        assertTrue(selector.idleCores() < 0.5, selector.describe());
    }

    @Test
    void shouldSpendAPlatformThreadPerIdleConnectionWhenBlocking()
    {
        final SocketModelsAtIdleLesson.Row blocking = result.row("blocking");
        assumeTrue(null != blocking, "the blocking model is not built yet");
        assertTrue(blocking.jvmThreads() >= result.connections(), blocking.describe());
    }

    @Test
    void shouldSpendFewPlatformThreadsOnVirtualThreads()
    {
        final SocketModelsAtIdleLesson.Row virtual = result.row("virtual");
        assumeTrue(null != virtual, "the virtual model is not built yet");
        assertTrue(virtual.jvmThreads() < result.connections() / 10, virtual.describe());
    }

    @Test
    void shouldBurnMoreCpuWhilePollingIdleConnectionsThanTheSelector()
    {
        final SocketModelsAtIdleLesson.Row polling = result.row("polling");
        assumeTrue(null != polling, "the polling model is not built yet");
        final SocketModelsAtIdleLesson.Row selector = result.row("selector");
        assertTrue(polling.idleCores() > selector.idleCores() && polling.idleCores() > 0.3,
            polling.describe() + " against " + selector.describe());
    }
}
