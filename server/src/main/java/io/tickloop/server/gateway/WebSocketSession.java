package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.Service;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_GOING_AWAY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_INVALID_PAYLOAD;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_NORMAL;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_POLICY_VIOLATION;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_PROTOCOL_ERROR;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_TOO_BIG;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_UNSUPPORTED_DATA;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_CONTROL_PAYLOAD;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_HEADER_LENGTH;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_BINARY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_CLOSE;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_CONTINUATION;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_PING;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_PONG;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_TEXT;

/**
 * One upgraded connection: reads the client's WebSocket frames as the bytes come, a header (2 to 14 bytes, kept
 * across reads) then the payload, unmasked in place in the read buffer and handed to the service's handler as it
 * arrives, so a binary message costs no copy and no allocation. A message is bounded by the server's longest
 * frame and must hold whole frames of the service's protocol. Pings are answered, a client's close is answered
 * and the connection then ends when the client closes its side (or at the frame timeout); a frame that breaks
 * RFC 6455 closes with its code (1002, 1003, 1007, 1008, 1009), after the service's last words; a shutdown sends
 * 1001 after the service's BYE.
 */
final class WebSocketSession implements ConnectionHandler
{
    private static final int NO_CODE = 0;

    private final Connection transport;
    private final WebSocketConnection messages;
    private final ConnectionHandler handler;
    private final int maxMessageLength;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[MAX_HEADER_LENGTH]);
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[MAX_CONTROL_PAYLOAD]);
    private final UnsafeBuffer serviceWords = new UnsafeBuffer(new byte[MAX_LAST_WORDS]);
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[0]);
    private final Utf8Validator utf8 = new Utf8Validator();
    private int headerLength;
    private int opcode;
    private boolean finalFrame;
    private long payloadLeft;
    private final byte[] mask = new byte[4];
    private int maskIndex;
    private int controlLength;
    private int messageOpcode = OPCODE_CONTINUATION;
    private long messageLength;
    private long framesRead;
    private long controlFrames;
    /** Set once a close frame is queued or the connection is closing: the rest of the bytes are not read. */
    private volatile boolean closing;
    private volatile int closeCode = NO_CODE;
    /** A close frame is queued or said: never a second one, whichever thread gets here first. */
    private final AtomicBoolean closeSent = new AtomicBoolean();

    /**
     * @param transport the transport's connection.
     * @param service the service behind the gateway, opened here with the connection it sends through.
     * @param maxMessageLength the longest message accepted: the server's longest frame.
     */
    WebSocketSession(final Connection transport, final Service service, final int maxMessageLength)
    {
        this.transport = transport;
        this.messages = new WebSocketConnection(transport, this);
        this.maxMessageLength = maxMessageLength;
        this.handler = service.onOpen(messages);
    }

    @Override
    public void onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final MutableDirectBuffer bytes = writable(buffer, offset, length);
        final int start = bytes == buffer ? offset : 0;
        int position = start;
        final int end = start + length;
        while (position < end && !closing)
        {
            if (payloadLeft == 0) // between frames: the bytes are a header
            {
                position += readHeader(bytes, position, end - position);
                continue;
            }
            final int chunk = (int)Math.min(payloadLeft, end - position);
            unmask(bytes, position, chunk);
            payloadLeft -= chunk;
            onPayload(bytes, position, chunk);
            position += chunk;
            if (payloadLeft == 0 && !closing)
            {
                onFrameEnd();
            }
        }
    }

    @Override
    public long partialFrameSeq()
    {
        if (closing)
        {
            return -1; // waiting for the client to close after the close handshake: bounded by the frame timeout
        }
        if (headerLength > 0)
        {
            return framesRead << 1 | 1; // a WebSocket frame is incomplete
        }
        return handler.partialFrameSeq() << 1; // a service frame spread over messages' fragments
    }

    @Override
    public void onHousekeeping()
    {
        handler.onHousekeeping();
    }

    /**
     * Pings and closes count beside the service's frames, so the transport's frame limits bound a ping flood.
     */
    @Override
    public long framesIn()
    {
        return controlFrames + Math.max(0, handler.framesIn());
    }

    /**
     * The service's last words (its KICK) as a binary message, then a close frame, when the server decides the
     * close and has not already sent one.
     */
    @Override
    public int lastWords(final CloseReason reason, final MutableDirectBuffer out)
    {
        if (!closeSent.compareAndSet(false, true))
        {
            return 0;
        }
        int length = 0;
        final int wordsLength = handler.lastWords(reason, serviceWords);
        final int code = NO_CODE == closeCode ? WebSocketFrames.codeFor(reason) : closeCode;
        if (wordsLength > 0 && wordsLength + WebSocketFrames.MAX_SERVER_HEADER + 4 <= out.capacity())
        {
            length += WebSocketFrames.putHeader(out, 0, OPCODE_BINARY, wordsLength);
            out.putBytes(length, serviceWords, 0, wordsLength);
            length += wordsLength;
        }
        length += WebSocketFrames.putHeader(out, length, OPCODE_CLOSE, 2);
        out.putShort(length, (short)code, ByteOrder.BIG_ENDIAN);
        return length + 2;
    }

    /**
     * The server drains: after the service's BYE, a close frame going away (1001), so a browser sees the close
     * handshake instead of a connection that just ends.
     */
    @Override
    public int drainWords(final MutableDirectBuffer out)
    {
        if (!closeSent.compareAndSet(false, true))
        {
            return 0;
        }
        final int length = WebSocketFrames.putHeader(out, 0, OPCODE_CLOSE, 2);
        out.putShort(length, (short)CLOSE_GOING_AWAY, ByteOrder.BIG_ENDIAN);
        return length + 2;
    }

    @Override
    public void onClose(final CloseReason reason)
    {
        closing = true;
        handler.onClose(reason);
    }

    /**
     * The service closes its connection: the close frame carries the code for its reason.
     */
    void onServiceClose(final CloseReason reason)
    {
        if (NO_CODE == closeCode)
        {
            closeCode = WebSocketFrames.codeFor(reason);
        }
        closing = true;
    }

    /**
     * @return the bytes taken into the header.
     */
    private int readHeader(final MutableDirectBuffer bytes, final int position, final int available)
    {
        int wanted = headerLengthWanted();
        int taken = 0;
        while (taken < available && headerLength < wanted)
        {
            header.putByte(headerLength++, bytes.getByte(position + taken++));
            wanted = headerLengthWanted();
        }
        if (headerLength == wanted)
        {
            onHeader();
        }
        return taken;
    }

    private int headerLengthWanted()
    {
        if (headerLength < 2)
        {
            return 2;
        }
        final int length7 = header.getByte(1) & 0x7F;
        final int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + 4; // a client's frame is always masked: checked in onHeader
    }

    private void onHeader()
    {
        final int first = header.getByte(0) & 0xFF;
        final int second = header.getByte(1) & 0xFF;
        headerLength = 0;
        framesRead++;
        finalFrame = (first & 0x80) != 0;
        opcode = first & 0x0F;
        final int length7 = second & 0x7F;
        final long length = length7 == 126 ? header.getShort(2, ByteOrder.BIG_ENDIAN) & 0xFFFF :
            length7 == 127 ? header.getLong(2, ByteOrder.BIG_ENDIAN) : length7;
        final int maskAt = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
        if ((first & 0x70) != 0 || (second & 0x80) == 0 || length < 0)
        {
            fail(CLOSE_PROTOCOL_ERROR); // reserved bits with no extension, an unmasked frame, a 64th bit
            return;
        }
        if (opcode >= OPCODE_CLOSE)
        {
            if (opcode > OPCODE_PONG || !finalFrame || length > MAX_CONTROL_PAYLOAD)
            {
                fail(CLOSE_PROTOCOL_ERROR);
                return;
            }
            controlFrames++;
            controlLength = 0;
        }
        else if (opcode > OPCODE_BINARY || (opcode == OPCODE_CONTINUATION) == (messageOpcode == OPCODE_CONTINUATION))
        {
            fail(CLOSE_PROTOCOL_ERROR); // a reserved opcode, a continuation of nothing, a new message inside one
            return;
        }
        else
        {
            if (opcode != OPCODE_CONTINUATION)
            {
                messageOpcode = opcode;
                messageLength = 0;
            }
            messageLength += length;
            if (messageLength > maxMessageLength)
            {
                fail(CLOSE_TOO_BIG);
                return;
            }
        }
        header.getBytes(maskAt, mask);
        maskIndex = 0;
        payloadLeft = length;
        if (0 == length)
        {
            onFrameEnd();
        }
    }

    private void unmask(final MutableDirectBuffer bytes, final int offset, final int length)
    {
        for (int i = offset, end = offset + length; i < end; i++)
        {
            bytes.putByte(i, (byte)(bytes.getByte(i) ^ mask[maskIndex]));
            maskIndex = (maskIndex + 1) & 3;
        }
    }

    private void onPayload(final MutableDirectBuffer bytes, final int offset, final int length)
    {
        if (opcode >= OPCODE_CLOSE)
        {
            control.putBytes(controlLength, bytes, offset, length);
            controlLength += length;
        }
        else if (messageOpcode == OPCODE_TEXT)
        {
            if (!utf8.accept(bytes, offset, length))
            {
                fail(CLOSE_INVALID_PAYLOAD); // failing fast, at the first bad byte
            }
        }
        else
        {
            handler.onBytes(bytes, offset, length);
        }
    }

    private void onFrameEnd()
    {
        switch (opcode)
        {
            case OPCODE_PING -> messages.sendControl(OPCODE_PONG, control, 0, controlLength);
            case OPCODE_PONG ->
            {
                // unsolicited or not, a pong needs no answer
            }
            case OPCODE_CLOSE -> onCloseFrame();
            default ->
            {
                if (finalFrame)
                {
                    onMessageEnd();
                }
            }
        }
    }

    private void onMessageEnd()
    {
        final int ended = messageOpcode;
        messageOpcode = OPCODE_CONTINUATION;
        if (ended == OPCODE_TEXT)
        {
            final boolean valid = utf8.isComplete();
            utf8.reset();
            fail(valid ? CLOSE_UNSUPPORTED_DATA : CLOSE_INVALID_PAYLOAD); // the service's frames are binary
        }
        else if (!closing && handler.partialFrameSeq() != 0)
        {
            fail(CLOSE_POLICY_VIOLATION); // a message must hold whole frames of the service's protocol
        }
    }

    /**
     * The client's close: answered with the same code (1000 when it sent none), after which nothing more is read;
     * a length of 1, a code no peer may send or a reason that is not UTF-8 is a protocol error instead.
     */
    private void onCloseFrame()
    {
        int code = CLOSE_NORMAL;
        if (controlLength == 1)
        {
            fail(CLOSE_PROTOCOL_ERROR);
            return;
        }
        if (controlLength >= 2)
        {
            code = control.getShort(0, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (!WebSocketDescriptor.isValidReceivedCode(code))
            {
                fail(CLOSE_PROTOCOL_ERROR);
                return;
            }
            utf8.reset();
            if (!utf8.accept(control, 2, controlLength - 2) || !utf8.isComplete())
            {
                fail(CLOSE_INVALID_PAYLOAD);
                return;
            }
        }
        closing = true;
        if (closeSent.compareAndSet(false, true))
        {
            control.putShort(0, (short)code, ByteOrder.BIG_ENDIAN);
            messages.sendControl(OPCODE_CLOSE, control, 0, 2);
        }
    }

    private void fail(final int code)
    {
        closeCode = code;
        closing = true;
        transport.close(WebSocketFrames.reasonFor(code));
    }

    /**
     * The transports read into buffers of their own, which masking may change in place; a read-only buffer
     * (none here) is copied first.
     */
    private MutableDirectBuffer writable(final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer instanceof MutableDirectBuffer mutable)
        {
            return mutable;
        }
        if (copy.capacity() < length)
        {
            copy.wrap(new byte[length]);
        }
        copy.putBytes(0, buffer, offset, length);
        return copy;
    }
}
