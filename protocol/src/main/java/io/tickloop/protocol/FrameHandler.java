package io.tickloop.protocol;

import org.agrona.DirectBuffer;

/**
 * Receives whole frames from a {@link FrameReader}.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * One whole frame. The buffer is only valid during the call: copy what must outlive it.
     *
     * @param type the frame's message type.
     * @param buffer holding the frame.
     * @param offset where the frame (its header) starts.
     * @param length the whole frame's length, header included.
     */
    void onFrame(int type, DirectBuffer buffer, int offset, int length);
}
