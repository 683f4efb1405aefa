package io.tickloop.server.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming UTF-8 check against RFC 3629's edges, each fed whole and cut at every byte.
 */
class Utf8ValidatorTest
{
    @Test
    void shouldAcceptWellFormedTextHoweverItIsCut()
    {
        assertVerdict(true, "plain ascii".getBytes(StandardCharsets.UTF_8));
        assertVerdict(true, "κόσμε, 世界, 🎮 U+10FFFF \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8));
        assertVerdict(true, bytes(0xED, 0x9F, 0xBF)); // U+D7FF, the last before the surrogates
        assertVerdict(true, bytes(0xEE, 0x80, 0x80)); // U+E000, the first after
        assertVerdict(true, bytes(0xF4, 0x8F, 0xBF, 0xBF)); // U+10FFFF
    }

    @Test
    void shouldRejectWhatRfc3629Forbids()
    {
        assertVerdict(false, bytes(0xC0, 0xAF)); // overlong '/'
        assertVerdict(false, bytes(0xE0, 0x80, 0xAF)); // overlong, three bytes
        assertVerdict(false, bytes(0xF0, 0x80, 0x80, 0xAF)); // overlong, four bytes
        assertVerdict(false, bytes(0xED, 0xA0, 0x80)); // U+D800, a surrogate
        assertVerdict(false, bytes(0xF4, 0x90, 0x80, 0x80)); // U+110000
        assertVerdict(false, bytes(0xF5, 0x80, 0x80, 0x80));
        assertVerdict(false, bytes(0x80)); // a continuation with nothing to continue
        assertVerdict(false, bytes('a', 0xC3, 'b')); // a lead byte cut short
        assertVerdict(false, bytes(0xE2, 0x82)); // ends inside a character
    }

    private static void assertVerdict(final boolean valid, final byte[] text)
    {
        final Utf8Validator validator = new Utf8Validator();
        validator.accept(new UnsafeBuffer(text), 0, text.length);
        assertEquals(valid, validator.isComplete(), "whole");
        for (int cut = 0; cut <= text.length; cut++)
        {
            validator.reset();
            validator.accept(new UnsafeBuffer(text), 0, cut);
            validator.accept(new UnsafeBuffer(text), cut, text.length - cut);
            assertEquals(valid, validator.isComplete(), "cut at " + cut);
        }
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
}
