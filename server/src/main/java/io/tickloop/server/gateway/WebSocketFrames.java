package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_GOING_AWAY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_INTERNAL_ERROR;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_NORMAL;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_POLICY_VIOLATION;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_TOO_BIG;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_TRY_AGAIN_LATER;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_UNSUPPORTED_DATA;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_SHORT_LENGTH;

/**
 * The server's side of RFC 6455's framing ({@link WebSocketDescriptor} has the layout and the numbers): a
 * server's frames are final and never masked, and a close the server decides carries a code chosen from its
 * reason.
 */
final class WebSocketFrames
{
    /** The longest header a server writes: 2 bytes and a 64-bit length. */
    static final int MAX_SERVER_HEADER = 10;

    private WebSocketFrames()
    {
    }

    /**
     * Write an unmasked, final frame's header.
     *
     * @param out where.
     * @param offset at which offset.
     * @param opcode the frame's opcode.
     * @param payloadLength the payload's length.
     * @return the header's length: 2, 4 or 10.
     */
    static int putHeader(final MutableDirectBuffer out, final int offset, final int opcode, final int payloadLength)
    {
        out.putByte(offset, (byte)(0x80 | opcode));
        if (payloadLength <= MAX_SHORT_LENGTH)
        {
            out.putByte(offset + 1, (byte)payloadLength);
            return 2;
        }
        if (payloadLength <= 0xFFFF)
        {
            out.putByte(offset + 1, (byte)126);
            out.putShort(offset + 2, (short)payloadLength, ByteOrder.BIG_ENDIAN);
            return 4;
        }
        out.putByte(offset + 1, (byte)127);
        out.putLong(offset + 2, payloadLength, ByteOrder.BIG_ENDIAN);
        return 10;
    }

    /**
     * @param reason why the server closes a connection.
     * @return the close code a browser sees beside the service's KICK, which says more.
     */
    static int codeFor(final CloseReason reason)
    {
        return switch (reason)
        {
            case SHUTTING_DOWN -> CLOSE_GOING_AWAY;
            case SERVER_FULL -> CLOSE_TRY_AGAIN_LATER;
            case INTERNAL_ERROR -> CLOSE_INTERNAL_ERROR;
            case FRAME_TOO_LONG -> CLOSE_TOO_BIG;
            default -> reason.isProtocolError() ? CLOSE_POLICY_VIOLATION : CLOSE_NORMAL;
        };
    }

    /**
     * @param code a close code the gateway chose for a fault in the client's WebSocket bytes.
     * @return the reason the server counts the close under.
     */
    static CloseReason reasonFor(final int code)
    {
        return switch (code)
        {
            case CLOSE_TOO_BIG -> CloseReason.FRAME_TOO_LONG;
            case CLOSE_UNSUPPORTED_DATA -> CloseReason.UNEXPECTED_MESSAGE;
            default -> CloseReason.MALFORMED_MESSAGE;
        };
    }

}
