package io.tickloop.loadgen.engine.ws;

import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_BINARY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_PONG;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WebSocketClientFramer} and {@link WebSocketFrameDecoder}, on RFC 6455 section 5.7's example frames and
 * on frames split at every byte.
 */
class WebSocketFramesTest
{
    private static final int RFC_MASK_KEY = 0x37fa213d;
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    /** 5.7: a single-frame masked text message, "Hello". */
    private static final byte[] MASKED_HELLO = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    /** 5.7: a single-frame unmasked text message, "Hello". */
    private static final byte[] UNMASKED_HELLO = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    /** 5.7: a fragmented unmasked text message, "Hel" then "lo". */
    private static final byte[] FRAGMENTED_HELLO = bytes(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f);
    /** 5.7: an unmasked ping, "Hello". */
    private static final byte[] PING_HELLO = bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    /** 5.7: the masked pong answering it. */
    private static final byte[] MASKED_PONG_HELLO =
        bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

    @Test
    void shouldEncodeTheRfcMaskedHelloFrame()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[32]);
        final int length = WebSocketClientFramer.encode(OPCODE_TEXT, new UnsafeBuffer(HELLO), 0, HELLO.length, out, 3,
            RFC_MASK_KEY);

        assertEquals(MASKED_HELLO.length, length);
        assertArrayEquals(MASKED_HELLO, Arrays.copyOfRange(out.byteArray(), 3, 3 + length));
    }

    @Test
    void shouldEncodeTheRfcMaskedPongAnsweringItsPing()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[32]);
        final int length = WebSocketClientFramer.encode(OPCODE_PONG, new UnsafeBuffer(HELLO), 0, HELLO.length, out, 0,
            RFC_MASK_KEY);
        assertArrayEquals(MASKED_PONG_HELLO, Arrays.copyOf(out.byteArray(), length));
    }

    @Test
    void shouldDecodeTheRfcMaskedHelloFrame()
    {
        final RecordingHandler handler = decodeWhole(new WebSocketFrameDecoder(true, 1 << 20), MASKED_HELLO);
        assertEquals(List.of("text 5"), handler.events);
        assertArrayEquals(HELLO, handler.messages.get(0));
    }

    @Test
    void shouldDecodeTheRfcUnmaskedFragmentedAndPingFrames()
    {
        final RecordingHandler handler = decodeWhole(new WebSocketFrameDecoder(false, 1 << 20),
            concat(UNMASKED_HELLO, PING_HELLO, FRAGMENTED_HELLO));
        assertEquals(List.of("text 5", "ping Hello", "text 5"), handler.events);
        assertArrayEquals(HELLO, handler.messages.get(0));
        assertArrayEquals(HELLO, handler.messages.get(1));
    }

    @Test
    void shouldRoundTripTheMaskedHelloSplitAtEveryByte()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[32]);
        final int length = WebSocketClientFramer.encode(OPCODE_TEXT, new UnsafeBuffer(HELLO), 0, HELLO.length, out, 0,
            RFC_MASK_KEY);
        final RecordingHandler handler = decodeByteByByte(new WebSocketFrameDecoder(true, 1 << 20),
            Arrays.copyOf(out.byteArray(), length));
        assertEquals(List.of("text 5"), handler.events);
        assertArrayEquals(HELLO, handler.messages.get(0));
    }

    @Test
    void shouldUseA16BitLengthFrom126BytesAnd64BitFrom65536()
    {
        assertEquals(2 + 4, WebSocketDescriptor.headerLength(125, true));
        assertEquals(4 + 4, WebSocketDescriptor.headerLength(126, true));
        assertEquals(4 + 4, WebSocketDescriptor.headerLength(65535, true));
        assertEquals(10 + 4, WebSocketDescriptor.headerLength(65536, true));

        final byte[] frame256 = encode(256, 0x01020304);
        assertEquals(0x82, frame256[0] & 0xFF);
        assertEquals(0x80 | 126, frame256[1] & 0xFF);
        assertEquals(0x0100, ((frame256[2] & 0xFF) << 8) | (frame256[3] & 0xFF));
        final byte[] frame64k = encode(65536, 0x01020304);
        assertEquals(0x80 | 127, frame64k[1] & 0xFF);
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 1, 0, 0), Arrays.copyOfRange(frame64k, 2, 10));
    }

    @Test
    void shouldDecodeTheRfcUnmasked256And65536ByteBinaryFrames()
    {
        for (final int length : new int[] {256, 65536})
        {
            final byte[] payload = payload(length);
            final byte[] header = length == 256 ? bytes(0x82, 0x7E, 0x01, 0x00) :
                bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0);
            final RecordingHandler handler = decodeWhole(new WebSocketFrameDecoder(false, 1 << 20),
                concat(header, payload));
            assertEquals(List.of("binary " + length), handler.events);
            assertArrayEquals(payload, handler.messages.get(0));
        }
    }

    @Test
    void shouldRoundTripEveryLengthClassSplitAtEveryByte()
    {
        final WebSocketClientFramer framer = new WebSocketClientFramer(42);
        for (final int length : new int[] {0, 1, 5, 125, 126, 127, 65535, 65536, 70_001})
        {
            final byte[] payload = payload(length);
            final UnsafeBuffer out = new UnsafeBuffer(new byte[length + WebSocketDescriptor.MAX_HEADER_LENGTH]);
            final int frameLength = framer.encode(OPCODE_BINARY, new UnsafeBuffer(payload), 0, length, out, 0);
            assertEquals(WebSocketDescriptor.headerLength(length, true) + length, frameLength);
            final byte[] frame = Arrays.copyOf(out.byteArray(), frameLength);
            if (length > 8)
            {
                assertNotEquals(Arrays.toString(payload), Arrays.toString(Arrays.copyOfRange(frame,
                    frameLength - length, frameLength)), "masked");
            }
            final RecordingHandler handler = length > 1000 ?
                decodeInChunks(new WebSocketFrameDecoder(true, 1 << 20), frame, 7) :
                decodeByteByByte(new WebSocketFrameDecoder(true, 1 << 20), frame);
            assertEquals(List.of("binary " + length), handler.events, "length " + length);
            assertArrayEquals(payload, handler.messages.get(0), "length " + length);
        }
    }

    @Test
    void shouldDecodeSeveralFramesAndControlFramesSplitAtEveryByte()
    {
        final byte[] close = bytes(0x88, 0x06, 0x03, 0xE8, 'b', 'y', 'e', '!');
        final byte[] stream = concat(UNMASKED_HELLO, PING_HELLO, bytes(0x8A, 0x02, 'o', 'k'),
            bytes(0x82, 0x7E, 0x00, 0x80), payload(128), FRAGMENTED_HELLO, bytes(0x82, 0x00), close);
        final List<String> expected = List.of("text 5", "ping Hello", "pong ok", "binary 128", "text 5", "binary 0",
            "close 1000 bye!");

        assertEquals(expected, decodeWhole(new WebSocketFrameDecoder(false, 1 << 20), stream).events);
        final RecordingHandler split = decodeByteByByte(new WebSocketFrameDecoder(false, 1 << 20), stream);
        assertEquals(expected, split.events);
        assertArrayEquals(payload(128), split.messages.get(1));
    }

    @Test
    void shouldHandOnPayloadInPlaceAsItArrives()
    {
        final byte[] stream = concat(bytes(0x82, 0x7E, 0x01, 0x00), payload(256));
        final RecordingHandler handler = new RecordingHandler();
        final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(false, 1 << 20);
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        assertNull(decoder.onBytes(buffer, 0, 100, handler));
        assertNull(decoder.onBytes(buffer, 100, stream.length - 100, handler));
        assertEquals(2, handler.pieces, "96 bytes, then the other 160");
        assertTrue(decoder.isIdle());
    }

    @Test
    void shouldReportACloseWithoutStatus()
    {
        assertEquals(List.of("close 1005 "), decodeWhole(new WebSocketFrameDecoder(false, 10), bytes(0x88, 0)).events);
    }

    @Test
    void shouldRejectWhatAClientMustNotTake()
    {
        assertEquals(WebSocketError.MASKED_FRAME, error(false, MASKED_HELLO));
        assertEquals(WebSocketError.RESERVED_BITS, error(false, bytes(0xC2, 0x00)));
        assertEquals(WebSocketError.UNKNOWN_OPCODE, error(false, bytes(0x83, 0x00)));
        assertEquals(WebSocketError.UNKNOWN_OPCODE, error(false, bytes(0x8B, 0x00)));
        assertEquals(WebSocketError.BAD_CONTROL_FRAME, error(false, bytes(0x09, 0x00)));
        assertEquals(WebSocketError.BAD_CONTROL_FRAME, error(false, bytes(0x89, 0x7E, 0x00, 0x7E)));
        assertEquals(WebSocketError.UNEXPECTED_CONTINUATION, error(false, bytes(0x80, 0x00)));
        assertEquals(WebSocketError.MESSAGE_NOT_FINISHED, error(false, bytes(0x02, 0x00, 0x82, 0x00)));
        assertEquals(WebSocketError.FRAME_TOO_LONG, error(false, bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals(WebSocketError.FRAME_TOO_LONG, error(false, bytes(0x82, 0x7E, 0x10, 0x01)));
        assertEquals(WebSocketError.BAD_CLOSE_PAYLOAD, error(false, bytes(0x88, 0x01, 0x03)));
        assertEquals(WebSocketError.BAD_CLOSE_PAYLOAD, error(false, bytes(0x88, 0x02, 0x03, 0xED)));
    }

    @Test
    void shouldGiveEachFrameAFreshMaskKey()
    {
        final WebSocketClientFramer framer = new WebSocketClientFramer(0);
        final int first = framer.nextMaskKey();
        assertNotEquals(first, framer.nextMaskKey());
        assertNotEquals(new WebSocketClientFramer(1).nextMaskKey(), new WebSocketClientFramer(2).nextMaskKey());
    }

    @Test
    void shouldMaskFromAnyPhase()
    {
        final byte[] payload = payload(11);
        final UnsafeBuffer whole = new UnsafeBuffer(new byte[11]);
        WebSocketClientFramer.mask(new UnsafeBuffer(payload), 0, 11, whole, 0, RFC_MASK_KEY, 0);
        for (int split = 0; split <= 11; split++)
        {
            final UnsafeBuffer pieces = new UnsafeBuffer(new byte[11]);
            WebSocketClientFramer.mask(new UnsafeBuffer(payload), 0, split, pieces, 0, RFC_MASK_KEY, 0);
            WebSocketClientFramer.mask(new UnsafeBuffer(payload), split, 11 - split, pieces, split, RFC_MASK_KEY,
                split);
            assertArrayEquals(whole.byteArray(), pieces.byteArray(), "split at " + split);
        }
    }

    private static WebSocketError error(final boolean acceptMasked, final byte[] stream)
    {
        return new WebSocketFrameDecoder(acceptMasked, 4096).onBytes(new UnsafeBuffer(stream.clone()), 0,
            stream.length, new RecordingHandler());
    }

    private static byte[] encode(final int length, final int maskKey)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[length + WebSocketDescriptor.MAX_HEADER_LENGTH]);
        final int frameLength = WebSocketClientFramer.encode(OPCODE_BINARY, new UnsafeBuffer(payload(length)), 0,
            length, out, 0, maskKey);
        return Arrays.copyOf(out.byteArray(), frameLength);
    }

    private static RecordingHandler decodeWhole(final WebSocketFrameDecoder decoder, final byte[] stream)
    {
        return decodeInChunks(decoder, stream, stream.length);
    }

    private static RecordingHandler decodeByteByByte(final WebSocketFrameDecoder decoder, final byte[] stream)
    {
        return decodeInChunks(decoder, stream, 1);
    }

    private static RecordingHandler decodeInChunks(
        final WebSocketFrameDecoder decoder, final byte[] stream, final int chunk)
    {
        final RecordingHandler handler = new RecordingHandler();
        final UnsafeBuffer buffer = new UnsafeBuffer(stream.clone());
        for (int offset = 0; offset < stream.length; offset += chunk)
        {
            assertNull(decoder.onBytes(buffer, offset, Math.min(chunk, stream.length - offset), handler),
                "at byte " + offset);
        }
        assertTrue(decoder.isIdle(), "nothing left waiting");
        return handler;
    }

    private static byte[] payload(final int length)
    {
        final byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        return payload;
    }

    private static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
