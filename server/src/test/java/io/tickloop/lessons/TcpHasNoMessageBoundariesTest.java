package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lesson 2 on this machine: ten writes come back as one read, and a read shorter than what is queued cuts a
 * message in two.
 */
class TcpHasNoMessageBoundariesTest
{
    private static TcpBoundariesLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new TcpBoundariesLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 2: " + line));
    }

    @Test
    void shouldReadTenWritesInOneRead()
    {
        assertEquals(10, result.whole().writes());
        assertEquals(1000, result.whole().queuedBytes());
        assertEquals(List.of(1000), result.whole().readSizes());
        assertTrue(result.whole().intact());
    }

    @Test
    void shouldCutAMessageInTwoWhenTheReadIsShorter()
    {
        assertEquals(List.of(950, 50), result.split().readSizes());
        assertTrue(result.split().intact());
    }
}
