package io.tickloop.lessons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lesson 1 on this machine: the kernel takes the bytes, the peer reads them later, and only full buffers stop
 * a sender.
 */
class BlockingWriteReturnsBeforeThePeerReadsTest
{
    private static KernelBuffersLesson.Result result;

    @BeforeAll
    static void runLesson() throws Exception
    {
        result = new KernelBuffersLesson().run();
        result.findings().forEach((line) -> System.out.println("lesson 1: " + line));
    }

    @Test
    void shouldReturnFromABlockingWriteWhileThePeerHasReadNothing()
    {
        final KernelBuffersLesson.FirstWrite first = result.firstWrite();
        assertEquals(1000, first.writtenBytes());
        assertEquals(0, first.peerReadBytes());
        assertEquals(1000, first.peerQueuedBytes(), "the bytes wait in the peer's kernel");
        assertTrue(first.writeNs() < 1_000_000_000L, "a write into an empty buffer took " + first.writeNs() + " ns");
    }

    @Test
    void shouldStopAcceptingBytesOnlyOnceBothBuffersAreFull()
    {
        for (final KernelBuffersLesson.Fill fill : List.of(result.defaults(), result.requested()))
        {
            assertTrue(fill.queuedAtPeerBytes() > 0, "the receiver's buffer held bytes: " + fill);
            assertTrue(fill.heldBySenderBytes() > 0, "the sender's buffer held bytes: " + fill);
            assertEquals(fill.acceptedBytes(), fill.readBackBytes(), "every accepted byte was read back");
        }
    }

    @Test
    void shouldAcceptFewerBytesWithSmallerBuffers()
    {
        final KernelBuffersLesson.Fill small = result.requested();
        assertTrue(small.acceptedBytes() < 16L * KernelBuffersLesson.REQUESTED_BUFFER_BYTES,
            "with 64 KiB asked for, accepted " + small.acceptedBytes());
        assertTrue(small.acceptedBytes() < result.defaults().acceptedBytes() ||
            result.defaults().sndBufWhenFullBytes() <= KernelBuffersLesson.REQUESTED_BUFFER_BYTES,
            "small buffers took " + small.acceptedBytes() + " B, defaults " + result.defaults().acceptedBytes() + " B");
    }

    @Test
    void shouldReportTheBufferSizeAskedFor()
    {
        // Linux doubles the value set and the JDK halves what it reads back; elsewhere the kernel may round it.
        final KernelBuffersLesson.Fill small = result.requested();
        assertTrue(small.sndBufAtStartBytes() >= KernelBuffersLesson.REQUESTED_BUFFER_BYTES / 2, small.toString());
        assertTrue(small.rcvBufAtStartBytes() >= KernelBuffersLesson.REQUESTED_BUFFER_BYTES / 2, small.toString());
    }
}
