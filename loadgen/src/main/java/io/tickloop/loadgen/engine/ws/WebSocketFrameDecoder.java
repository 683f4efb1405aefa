package io.tickloop.loadgen.engine.ws;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_NO_STATUS;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.FIN_BIT;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.LENGTH_16;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.LENGTH_64;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.LENGTH_BITS;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MASK_BIT;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_CONTROL_PAYLOAD;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_HEADER_LENGTH;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_BINARY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_BITS;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_CLOSE;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_CONTINUATION;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_PING;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_PONG;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_TEXT;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.RSV_BITS;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.isControl;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns a WebSocket byte stream, split anyhow by TCP reads, into message payloads, pings and closes.
 * <p>
 * Message payload is handed on in place, piece by piece as it arrives, never copied or gathered: the game's own
 * frame reader already reassembles frames across pieces, so a message split over reads costs nothing here. Only a
 * frame header split across reads (at most {@value WebSocketDescriptor#MAX_HEADER_LENGTH} bytes) and a control
 * frame's payload (at most 125, so that a ping is answered whole) are copied, into arrays made once. A masked
 * frame (a client's, for tests and servers) is unmasked in the caller's buffer.
 * <p>
 * One decoder per connection, on the thread that reads it; after an error it must be dropped with the connection.
 */
public final class WebSocketFrameDecoder
{
    private final boolean acceptMasked;
    private final long maxFramePayload;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[MAX_HEADER_LENGTH]);
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[MAX_CONTROL_PAYLOAD]);
    private int headerBytes;
    private boolean inPayload;
    private int opcode;
    private boolean fin;
    private boolean masked;
    private int maskKey;
    private long payloadLength;
    private long payloadDone;
    /** The open message's opcode, text or binary, while its frames come; 0 between messages. */
    private int messageOpcode;

    /**
     * @param acceptMasked false for a client: a masked frame from the server is an error; true to read a
     * client's frames.
     * @param maxFramePayload the longest frame payload taken; longer is {@link WebSocketError#FRAME_TOO_LONG}.
     */
    public WebSocketFrameDecoder(final boolean acceptMasked, final long maxFramePayload)
    {
        this.acceptMasked = acceptMasked;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * @return true between messages and frames: no header, payload or fragment waits for more bytes.
     */
    public boolean isIdle()
    {
        return 0 == headerBytes && !inPayload && 0 == messageOpcode;
    }

    /**
     * Feed bytes as they arrived.
     *
     * @param buffer holding them; masked payload is unmasked in it.
     * @param offset where they start.
     * @param length how many.
     * @param handler told of each piece of payload, ping and close, in order.
     * @return null when every byte was taken, or why the stream cannot be read on.
     */
    public WebSocketError onBytes(
        final MutableDirectBuffer buffer, final int offset, final int length, final WebSocketHandler handler)
    {
        final int end = offset + length;
        int position = offset;
        while (position < end)
        {
            if (!inPayload)
            {
                position = fillHeader(buffer, position, end);
                if (headerBytes < 2 || headerBytes < headerLength())
                {
                    return null;
                }
                final WebSocketError error = startFrame();
                if (null != error)
                {
                    return error;
                }
                if (0 == payloadLength)
                {
                    final WebSocketError endError = endFrame(handler);
                    if (null != endError)
                    {
                        return endError;
                    }
                }
                continue;
            }
            final int chunk = (int)Math.min(payloadLength - payloadDone, end - position);
            onPayload(buffer, position, chunk, handler);
            position += chunk;
            if (payloadDone == payloadLength)
            {
                final WebSocketError error = endFrame(handler);
                if (null != error)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private int fillHeader(final MutableDirectBuffer buffer, final int start, final int end)
    {
        int position = start;
        while (position < end && (headerBytes < 2 || headerBytes < headerLength()))
        {
            header.putByte(headerBytes++, buffer.getByte(position++));
        }
        return position;
    }

    /** From the header's first two bytes: how long the whole header is. */
    private int headerLength()
    {
        final int second = header.getByte(1) & 0xFF;
        final int lengthCode = second & LENGTH_BITS;
        final int extended = lengthCode == LENGTH_16 ? 2 : lengthCode == LENGTH_64 ? 8 : 0;
        return 2 + extended + ((second & MASK_BIT) != 0 ? 4 : 0);
    }

    private WebSocketError startFrame()
    {
        final int first = header.getByte(0) & 0xFF;
        final int second = header.getByte(1) & 0xFF;
        headerBytes = 0;
        if ((first & RSV_BITS) != 0)
        {
            return WebSocketError.RESERVED_BITS;
        }
        fin = (first & FIN_BIT) != 0;
        opcode = first & OPCODE_BITS;
        masked = (second & MASK_BIT) != 0;
        if (masked && !acceptMasked)
        {
            return WebSocketError.MASKED_FRAME;
        }
        final int lengthCode = second & LENGTH_BITS;
        int position = 2;
        if (lengthCode == LENGTH_16)
        {
            payloadLength = header.getShort(position, BIG_ENDIAN) & 0xFFFF;
            position += 2;
        }
        else if (lengthCode == LENGTH_64)
        {
            payloadLength = header.getLong(position, BIG_ENDIAN);
            position += 8;
        }
        else
        {
            payloadLength = lengthCode;
        }
        if (payloadLength < 0 || payloadLength > maxFramePayload)
        {
            return WebSocketError.FRAME_TOO_LONG;
        }
        maskKey = masked ? header.getInt(position, BIG_ENDIAN) : 0;
        payloadDone = 0;
        inPayload = true;
        return checkOpcode();
    }

    private WebSocketError checkOpcode()
    {
        if (isControl(opcode))
        {
            if (opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG)
            {
                return WebSocketError.UNKNOWN_OPCODE;
            }
            return !fin || payloadLength > MAX_CONTROL_PAYLOAD ? WebSocketError.BAD_CONTROL_FRAME : null;
        }
        if (opcode == OPCODE_CONTINUATION)
        {
            return 0 == messageOpcode ? WebSocketError.UNEXPECTED_CONTINUATION : null;
        }
        if (opcode != OPCODE_TEXT && opcode != OPCODE_BINARY)
        {
            return WebSocketError.UNKNOWN_OPCODE;
        }
        if (0 != messageOpcode)
        {
            return WebSocketError.MESSAGE_NOT_FINISHED;
        }
        messageOpcode = opcode;
        return null;
    }

    private void onPayload(
        final MutableDirectBuffer buffer, final int offset, final int length, final WebSocketHandler handler)
    {
        if (isControl(opcode))
        {
            WebSocketClientFramer.mask(buffer, offset, length, control, (int)payloadDone, maskKey, payloadDone);
        }
        else
        {
            if (masked)
            {
                WebSocketClientFramer.mask(buffer, offset, length, buffer, offset, maskKey, payloadDone);
            }
            final int dataOpcode = messageOpcode;
            final boolean messageEnd = fin && payloadDone + length == payloadLength;
            if (messageEnd)
            {
                messageOpcode = 0;
            }
            handler.onData(dataOpcode, buffer, offset, length, messageEnd);
        }
        payloadDone += length;
    }

    private WebSocketError endFrame(final WebSocketHandler handler)
    {
        inPayload = false;
        if (isControl(opcode))
        {
            return onControl(handler);
        }
        if (0 == payloadLength && fin)
        {
            final int dataOpcode = messageOpcode;
            messageOpcode = 0;
            handler.onData(dataOpcode, control, 0, 0, true);
        }
        return null;
    }

    private WebSocketError onControl(final WebSocketHandler handler)
    {
        final int length = (int)payloadLength;
        if (opcode == OPCODE_PING)
        {
            handler.onPing(control, 0, length);
        }
        else if (opcode == OPCODE_PONG)
        {
            handler.onPong(control, 0, length);
        }
        else if (0 == length)
        {
            handler.onClose(CLOSE_NO_STATUS, control, 0, 0);
        }
        else
        {
            final int statusCode = length < 2 ? 0 : control.getShort(0, BIG_ENDIAN) & 0xFFFF;
            if (!isSendableStatus(statusCode))
            {
                return WebSocketError.BAD_CLOSE_PAYLOAD;
            }
            handler.onClose(statusCode, control, 2, length - 2);
        }
        return null;
    }

    /**
     * @param statusCode a close frame's status code.
     * @return true for a code an endpoint may send (RFC 6455 section 7.4): 1000..1003, 1007..1014 (1012..1014
     * registered since), 3000..4999.
     */
    static boolean isSendableStatus(final int statusCode)
    {
        return (statusCode >= 1000 && statusCode <= 1003) || (statusCode >= 1007 && statusCode <= 1014) ||
            (statusCode >= 3000 && statusCode <= 4999);
    }
}
