package io.tickloop.server.service;

import io.tickloop.protocol.CloseReason;
import org.agrona.DirectBuffer;

/**
 * One connection's state inside a service. The model calls it from one thread at a time.
 */
public interface ConnectionHandler
{
    /**
     * Bytes as they arrived: a whole frame, part of one, or several. The buffer is only valid during the call.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     */
    void onBytes(DirectBuffer buffer, int offset, int length);

    /**
     * Lets the model bound the time to complete a frame: it closes a connection whose incomplete frame keeps
     * the same number past the frame timeout.
     *
     * @return a number naming the incomplete frame that waits for its rest, or 0 when there is none.
     */
    default long partialFrameSeq()
    {
        return 0;
    }

    /**
     * Lets the model bound the frames one peer sends: per loop turn (fairness) and per second
     * ({@code --max-frames-per-second}).
     *
     * @return whole frames received since the handler was made, or -1 for a service without frames (echo).
     */
    default long framesIn()
    {
        return -1;
    }

    /**
     * The connection has closed; no more calls follow.
     *
     * @param reason why it closed.
     */
    default void onClose(final CloseReason reason)
    {
    }
}
