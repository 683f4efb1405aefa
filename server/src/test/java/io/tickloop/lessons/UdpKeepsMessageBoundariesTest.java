package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lesson 3 on this machine: one datagram per receive, whatever the room; connected UDP talks to one peer only.
 */
class UdpKeepsMessageBoundariesTest
{
    private static UdpBoundariesLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new UdpBoundariesLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 3: " + line));
    }

    @Test
    void shouldReceiveEachDatagramOnItsOwnEvenWithRoomForAll()
    {
        assertEquals(Collections.nCopies(10, 100), result.receiveSizes());
    }

    @Test
    void shouldDiscardWhatDoesNotFitInsteadOfSplittingIt()
    {
        assertEquals(UdpBoundariesLesson.SHORT_RECEIVE_BYTES, result.truncatedBytes());
        assertFalse(result.restDelivered());
    }

    @Test
    void shouldSendWithoutAnAddressAndReceiveOnlyFromThePeerOnceConnected()
    {
        final UdpBoundariesLesson.Connected connected = result.connected();
        assertTrue(connected.friendWroteBytes() > 0);
        assertTrue(connected.strangerSentBytes() > 0, "the stranger's send itself succeeds");
        assertEquals(List.of("from the friend"), connected.receivedByConnected());
        assertTrue(connected.unconnectedGotStranger(), "an unconnected socket takes the same datagram");
    }
}
