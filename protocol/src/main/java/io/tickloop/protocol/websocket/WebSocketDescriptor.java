package io.tickloop.protocol.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Layout of a WebSocket frame (RFC 6455 section 5.2). All multi-byte integers are big-endian (network order),
 * unlike the game protocol's.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 * A client masks every frame it sends with a fresh 4-byte key (payload byte i XOR key byte i mod 4); a server
 * masks none, and a client that sees a masked frame must fail the connection. The opening handshake's accept key
 * and the close codes are here too: what both ends of tickloop's WebSocket (the server's gateway, the load
 * generator's bots) must agree on.
 */
public final class WebSocketDescriptor
{
    /** A continuation of a fragmented message. */
    public static final int OPCODE_CONTINUATION = 0x0;
    /** A text message (UTF-8). */
    public static final int OPCODE_TEXT = 0x1;
    /** A binary message: one game frame each, on tickloop's gateway. */
    public static final int OPCODE_BINARY = 0x2;
    /** Close: an optional u16 status code, then an optional UTF-8 reason. */
    public static final int OPCODE_CLOSE = 0x8;
    /** Ping: answered by a pong with the same payload. */
    public static final int OPCODE_PING = 0x9;
    /** Pong. */
    public static final int OPCODE_PONG = 0xA;

    /** First byte: the final fragment of a message. */
    public static final int FIN_BIT = 0x80;
    /** First byte: RSV1..3, which no extension was negotiated for, so must be 0. */
    public static final int RSV_BITS = 0x70;
    /** First byte: the opcode. */
    public static final int OPCODE_BITS = 0x0F;
    /** Second byte: a masking key follows the length. */
    public static final int MASK_BIT = 0x80;
    /** Second byte: the payload length, or one of the two markers below. */
    public static final int LENGTH_BITS = 0x7F;
    /** The largest payload length the second byte holds itself. */
    public static final int MAX_SHORT_LENGTH = 125;
    /** Length marker: a u16 length follows. */
    public static final int LENGTH_16 = 126;
    /** Length marker: a u64 length follows (its top bit 0). */
    public static final int LENGTH_64 = 127;
    /** A control frame's (close, ping, pong) longest payload; control frames are never fragmented. */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** Bytes of a masking key. */
    public static final int MASK_KEY_LENGTH = 4;
    /** The longest header there is: 2 bytes, a u64 length and a masking key. */
    public static final int MAX_HEADER_LENGTH = 2 + 8 + MASK_KEY_LENGTH;

    /** Close status: normal closure. */
    public static final int CLOSE_NORMAL = 1000;
    /** Close status: going away (the server shuts down). */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Close status: protocol error. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** Close status: a data type the endpoint does not take (text, for the game). */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** Close status the peer sent none: reported for an empty close payload, never sent. */
    public static final int CLOSE_NO_STATUS = 1005;
    /** Close status: a text message (or close reason) that is not UTF-8. */
    public static final int CLOSE_INVALID_PAYLOAD = 1007;
    /** Close status: a rule of the endpoint's own broken (the game's protocol, on tickloop's gateway). */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Close status: a message too big to process. */
    public static final int CLOSE_TOO_BIG = 1009;
    /** Close status: the server failed (a bug). */
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    /** Close status: the server is overloaded (full), try again later. */
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;

    /** The GUID RFC 6455 appends to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketDescriptor()
    {
    }

    /**
     * @param payloadLength bytes of payload.
     * @param masked true when a masking key follows the length (every client frame).
     * @return bytes of the header such a frame carries: 2, plus 2 or 8 for the length, plus 4 for the key.
     */
    public static int headerLength(final long payloadLength, final boolean masked)
    {
        final int lengthBytes = payloadLength <= MAX_SHORT_LENGTH ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + lengthBytes + (masked ? MASK_KEY_LENGTH : 0);
    }

    /**
     * @param key a {@code Sec-WebSocket-Key}.
     * @return the {@code Sec-WebSocket-Accept} a server must answer it with: base64(SHA-1(key + GUID)), which proves
     * the server read the request as WebSocket.
     */
    public static String acceptKey(final String key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-1", ex);
        }
    }

    /**
     * @param code a close frame's status code as a peer sent it.
     * @return true for a code a peer may send: the ones RFC 6455 defines for use on the wire, and 3000-4999;
     * 1005, 1006 and 1015 only ever stand for a missing code locally.
     */
    public static boolean isValidReceivedCode(final int code)
    {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * @param opcode a frame's opcode.
     * @return true for close, ping and pong.
     */
    public static boolean isControl(final int opcode)
    {
        return (opcode & 0x8) != 0;
    }
}
