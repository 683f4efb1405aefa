package io.tickloop.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The frame reader under fuzzed streams, cut at fuzzed points. Inputs: {@link FuzzInput}, its parameter picks
 * the maximum frame length (4 + 4 p, 4..1024). The default test run replays the seeds in
 * {@code FrameReaderFuzzTestInputs/}; a campaign: {@code bin/tickloop fuzz frame-reader 5m}.
 */
class FrameReaderFuzzTest
{
    /**
     * Cut anywhere, the stream gives the same frames and the same end as whole, and as a reference parser that
     * knows nothing of reassembly; the only failure is a protocol error, returned, never thrown.
     */
    @FuzzTest(maxDuration = "10s")
    void shouldReadTheSameFramesHoweverTheStreamIsCut(final byte[] data)
    {
        final FuzzInput input = FuzzInput.of(data);
        final int maxFrameLength = HEADER_LENGTH + 4 * input.parameter();

        final List<String> whole = new FrameLog(maxFrameLength, null).feed(input.stream()).entries();
        final List<String> cut = new FrameLog(maxFrameLength, null).feed(input.chunks()).entries();

        assertEquals(referenceParse(input.stream(), maxFrameLength), whole, "whole stream against the reference");
        assertEquals(whole, cut, "cut stream against the whole");
    }

    /** Frames by their length fields, one after the other, as the protocol document describes them. */
    private static List<String> referenceParse(final byte[] stream, final int maxFrameLength)
    {
        final List<String> entries = new ArrayList<>();
        int position = 0;
        while (stream.length - position >= HEADER_LENGTH)
        {
            final int length = u16(stream, position);
            if (length < HEADER_LENGTH || length > maxFrameLength)
            {
                entries.add("error:" + (length < HEADER_LENGTH ? CloseReason.FRAME_TOO_SHORT : CloseReason.FRAME_TOO_LONG));
                return entries;
            }
            if (stream.length - position < length)
            {
                break;
            }
            entries.add(u16(stream, position + 2) + ":" + FrameLog.hex(Arrays.copyOfRange(stream, position, position + length)));
            position += length;
        }
        if (position < stream.length)
        {
            entries.add("partial");
        }
        return entries;
    }

    private static int u16(final byte[] bytes, final int index)
    {
        return (bytes[index] & 0xFF) | (bytes[index + 1] & 0xFF) << 8;
    }
}
