package io.tickloop.loadgen.engine.ws;

import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes down what a decoder found: each message whole (pieces joined), pings, pongs and closes, in order.
 */
final class RecordingHandler implements WebSocketHandler
{
    final List<String> events = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    int pieces;

    @Override
    public void onData(final int opcode, final DirectBuffer buffer, final int offset, final int length,
        final boolean messageEnd)
    {
        pieces++;
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        message.writeBytes(bytes);
        if (messageEnd)
        {
            messages.add(message.toByteArray());
            events.add((opcode == WebSocketDescriptor.OPCODE_TEXT ? "text " : "binary ") + message.size());
            message.reset();
        }
    }

    @Override
    public void onPing(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add("ping " + buffer.getStringWithoutLengthAscii(offset, length));
    }

    @Override
    public void onPong(final DirectBuffer buffer, final int offset, final int length)
    {
        events.add("pong " + buffer.getStringWithoutLengthAscii(offset, length));
    }

    @Override
    public void onClose(final int statusCode, final DirectBuffer buffer, final int offset, final int length)
    {
        events.add("close " + statusCode + " " + buffer.getStringWithoutLengthAscii(offset, length));
    }
}
