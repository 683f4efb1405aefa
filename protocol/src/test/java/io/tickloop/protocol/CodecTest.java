package io.tickloop.protocol;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest
{
    @Test
    void shouldWritePingLittleEndianAsDesignMdDescribes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);

        new PingEncoder().wrap(buffer, 0).header(MessageTypes.PING, 32).seq(0x0102030405060708L).sendNanos(99);

        final ByteBuffer bytes = ByteBuffer.wrap(buffer.byteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(32, bytes.getShort(0));
        assertEquals(1, bytes.getShort(2));
        assertEquals(0x08, bytes.get(4), "least significant byte first");
        assertEquals(0x0102030405060708L, bytes.getLong(4));
        assertEquals(99, bytes.getLong(12));
    }

    @Test
    void shouldReadBackWhatWasWritten()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        new PingEncoder().wrap(buffer, 8).header(MessageTypes.PONG, PingDecoder.MIN_FRAME_LENGTH).seq(-1).sendNanos(7);

        final PingDecoder decoder = new PingDecoder().wrap(buffer, 8, FrameDescriptor.frameLength(buffer, 8));

        assertTrue(decoder.isWellFormed());
        assertEquals(MessageTypes.PONG, FrameDescriptor.frameType(buffer, 8));
        assertEquals(-1, decoder.seq());
        assertEquals(7, decoder.sendNanos());
    }

    @Test
    void shouldSeeAShortPingAsMalformed()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        assertFalse(new PingDecoder().wrap(buffer, 0, PingDecoder.MIN_FRAME_LENGTH - 1).isWellFormed());
        assertThrows(IllegalArgumentException.class,
            () -> new PingEncoder().wrap(buffer, 0).header(MessageTypes.PING, PingDecoder.MIN_FRAME_LENGTH - 1));
    }

    @Test
    void shouldWriteAFrameAroundABody()
    {
        final UnsafeBuffer body = new UnsafeBuffer("hello".getBytes());
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);

        final int length = FrameWriter.write(frame, 2, 42, body, 0, 5);

        assertEquals(9, length);
        assertEquals(9, FrameDescriptor.frameLength(frame, 2));
        assertEquals(42, FrameDescriptor.frameType(frame, 2));
        assertEquals("hello", frame.getStringWithoutLengthAscii(6, 5));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.frameLengthFor(65_532));
    }

    @Test
    void shouldRoundTripCloseReasonCodes()
    {
        for (final CloseReason reason : CloseReason.values())
        {
            assertSame(reason, CloseReason.ofCode(reason.code()));
        }
        assertEquals(null, CloseReason.ofCode(0));
        assertEquals(null, CloseReason.ofCode(1000));
    }
}
