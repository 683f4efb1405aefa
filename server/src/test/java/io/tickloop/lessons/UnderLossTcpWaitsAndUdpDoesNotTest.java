package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lesson 7 on this machine: with 5% of packets dropped, TCP delivers everything, late behind each loss, and UDP
 * loses some and delays none. Needs root (or unprivileged user namespaces), ip and nftables; skipped, saying which,
 * without them.
 */
class UnderLossTcpWaitsAndUdpDoesNotTest
{
    private static HeadOfLineLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        final String missing = HeadOfLineLesson.missingTools();
        if (null != missing)
        {
            System.out.println("lesson 7 skipped: " + missing); // the console says why, not only the report
        }
        assumeTrue(null == missing, "lesson 7 cannot run here: " + missing);
        result = new HeadOfLineLesson().run();
        result.findings().forEach(line -> System.out.println("lesson 7: " + line));
    }

    @Test
    void shouldDeliverEveryTcpMessageButHoldThoseBehindALossForARetransmission()
    {
        assertEquals(result.tcp().sent(), result.tcp().received(), "TCP loses nothing");
        assertTrue(result.tcp().p99Us() >= 50_000, "TCP p99 " + result.tcp().p99Us() + " us: a retransmission waits");
    }

    @Test
    void shouldLoseSomeDatagramsAndDelayNoneOfTheRest()
    {
        assertTrue(result.udp().received() < result.udp().sent(), "5% dropped: some datagrams never come");
        assertTrue(result.udp().received() > result.udp().sent() * 9 / 10, "most do: " + result.udp().received());
        assertTrue(result.udp().p99Us() < result.tcp().p99Us() / 5,
            "UDP p99 " + result.udp().p99Us() + " us against TCP's " + result.tcp().p99Us() + " us");
    }
}
