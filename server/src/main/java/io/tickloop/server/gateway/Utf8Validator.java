package io.tickloop.server.gateway;

import org.agrona.DirectBuffer;

/**
 * Checks UTF-8 as it arrives, a fragment at a time, failing at the first byte that cannot begin or continue a
 * well-formed sequence (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF. The state is the
 * continuation bytes still owed and the range the next one must lie in, which is narrower only right after
 * E0, ED, F0 and F4.
 */
final class Utf8Validator
{
    private int owed;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean failed;

    /**
     * @param buffer holding the bytes.
     * @param offset of the first.
     * @param length how many.
     * @return false once any byte so far broke UTF-8.
     */
    boolean accept(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = offset, end = offset + length; i < end && !failed; i++)
        {
            accept(buffer.getByte(i) & 0xFF);
        }
        return !failed;
    }

    /**
     * @return true when the bytes so far are well-formed and end at a character's end.
     */
    boolean isComplete()
    {
        return !failed && 0 == owed;
    }

    void reset()
    {
        owed = 0;
        lower = 0x80;
        upper = 0xBF;
        failed = false;
    }

    private void accept(final int b)
    {
        if (owed > 0)
        {
            failed = b < lower || b > upper;
            lower = 0x80;
            upper = 0xBF;
            owed--;
            return;
        }
        if (b < 0x80)
        {
            return;
        }
        if (b >= 0xC2 && b <= 0xDF)
        {
            owed = 1;
        }
        else if (b >= 0xE0 && b <= 0xEF)
        {
            owed = 2;
            lower = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            upper = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            owed = 3;
            lower = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            upper = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would pass U+10FFFF
        }
        else
        {
            failed = true; // a continuation byte with nothing to continue, C0, C1, F5..FF
        }
    }
}
