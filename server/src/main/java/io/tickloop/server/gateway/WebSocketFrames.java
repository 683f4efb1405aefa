package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455's numbers, and the server's side of its framing: a header is {@code FIN|RSV|opcode}, then
 * {@code MASK|length} (7 bits, or 126 and 16 bits, or 127 and 64 bits, network byte order), then the mask key a
 * client must send; a server's frames are never masked.
 */
final class WebSocketFrames
{
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The most a control frame may carry. */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The longest header a server writes: 2 bytes and a 64-bit length. */
    static final int MAX_SERVER_HEADER = 10;
    /** The longest header a client sends: 2 bytes, a 64-bit length and the mask key. */
    static final int MAX_CLIENT_HEADER = 14;

    static final int NORMAL_CLOSURE = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int UNSUPPORTED_DATA = 1003;
    static final int INVALID_PAYLOAD = 1007;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;
    static final int TRY_AGAIN_LATER = 1013;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

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
        if (payloadLength <= MAX_CONTROL_PAYLOAD)
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
     * @param code a close frame's status code as a client sent it.
     * @return true for a code a peer may send: the ones RFC 6455 defines for use on the wire, and 3000-4999;
     * 1005, 1006 and 1015 only ever stand for a missing code locally.
     */
    static boolean isValidReceivedCode(final int code)
    {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * @param reason why the server closes a connection.
     * @return the close code a browser sees beside the service's KICK, which says more.
     */
    static int codeFor(final CloseReason reason)
    {
        return switch (reason)
        {
            case SHUTTING_DOWN -> GOING_AWAY;
            case SERVER_FULL -> TRY_AGAIN_LATER;
            case INTERNAL_ERROR -> INTERNAL_ERROR;
            case FRAME_TOO_LONG -> MESSAGE_TOO_BIG;
            default -> reason.isProtocolError() ? POLICY_VIOLATION : NORMAL_CLOSURE;
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
            case MESSAGE_TOO_BIG -> CloseReason.FRAME_TOO_LONG;
            case UNSUPPORTED_DATA -> CloseReason.UNEXPECTED_MESSAGE;
            default -> CloseReason.MALFORMED_MESSAGE;
        };
    }

    /**
     * @param key the client's {@code Sec-WebSocket-Key}.
     * @return the {@code Sec-WebSocket-Accept} that proves the server read it: base64 of SHA-1 of the key and
     * RFC 6455's GUID.
     */
    static String acceptKey(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-1", ex);
        }
    }
}
