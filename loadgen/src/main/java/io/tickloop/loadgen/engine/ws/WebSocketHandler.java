package io.tickloop.loadgen.engine.ws;

import org.agrona.DirectBuffer;

/**
 * What a {@link WebSocketFrameDecoder} finds in the bytes. Buffers passed are valid only during the call.
 */
public interface WebSocketHandler
{
    /**
     * Payload of a text or binary message, as it arrives: a piece of one frame, never two, unmasked. A message
     * may come in many pieces (split reads, fragments); the last piece has {@code messageEnd} set (and may be
     * empty).
     *
     * @param opcode the message's opcode: {@link WebSocketDescriptor#OPCODE_TEXT} or
     * {@link WebSocketDescriptor#OPCODE_BINARY} (also for its continuation frames).
     * @param buffer holding the piece.
     * @param offset where it starts.
     * @param length its length.
     * @param messageEnd true on the message's last piece.
     */
    void onData(int opcode, DirectBuffer buffer, int offset, int length, boolean messageEnd);

    /**
     * A ping, whole: the peer waits for a pong with the same payload.
     *
     * @param buffer holding its payload.
     * @param offset where it starts.
     * @param length its length, at most 125.
     */
    void onPing(DirectBuffer buffer, int offset, int length);

    /**
     * A close, whole: the peer is closing.
     *
     * @param statusCode its status code, or {@link WebSocketDescriptor#CLOSE_NO_STATUS} when it had none.
     * @param buffer holding its reason (UTF-8).
     * @param offset where the reason starts.
     * @param length the reason's length, 0 for none.
     */
    void onClose(int statusCode, DirectBuffer buffer, int offset, int length);

    /**
     * A pong, whole; unsolicited ones are allowed, so by default ignored.
     *
     * @param buffer holding its payload.
     * @param offset where it starts.
     * @param length its length.
     */
    default void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
