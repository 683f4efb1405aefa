package io.tickloop.loadgen.engine.ws;


import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_PROTOCOL_ERROR;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_TOO_BIG;

/**
 * Why a {@link WebSocketFrameDecoder} cannot go on: the stream broke RFC 6455 and the connection must be failed.
 */
public enum WebSocketError
{
    /** RSV1..3 set, with no extension negotiated. */
    RESERVED_BITS(CLOSE_PROTOCOL_ERROR),
    /** An opcode RFC 6455 does not define (3..7, 11..15). */
    UNKNOWN_OPCODE(CLOSE_PROTOCOL_ERROR),
    /** A masked frame where none may be (from a server to a client). */
    MASKED_FRAME(CLOSE_PROTOCOL_ERROR),
    /** A control frame over 125 bytes or not final. */
    BAD_CONTROL_FRAME(CLOSE_PROTOCOL_ERROR),
    /** A close payload of one byte, or a status code no endpoint may send. */
    BAD_CLOSE_PAYLOAD(CLOSE_PROTOCOL_ERROR),
    /** A continuation frame with no message to continue. */
    UNEXPECTED_CONTINUATION(CLOSE_PROTOCOL_ERROR),
    /** A new text or binary frame while a fragmented message is still open. */
    MESSAGE_NOT_FINISHED(CLOSE_PROTOCOL_ERROR),
    /** A 64-bit length with its top bit set, or a length longer than the decoder takes. */
    FRAME_TOO_LONG(CLOSE_TOO_BIG);

    private final int closeCode;

    WebSocketError(final int closeCode)
    {
        this.closeCode = closeCode;
    }

    /**
     * @return the close status code that tells the peer so.
     */
    public int closeCode()
    {
        return closeCode;
    }
}
