package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.server.metrics.ServerCounters;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.CLOSE_PROTOCOL_ERROR;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_BINARY;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.OPCODE_CLOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service's frames leave the gateway as whole WebSocket messages even while another thread queues bytes on the
 * same transport: the close words a reading thread appends when it fails the connection, outside the gateway's
 * lock. A message split across two sends lets them land inside it, and the client then reads garbage as a header.
 */
class WebSocketConnectionTest
{
    private static final int MESSAGES = 20_000;
    private static final int FRAME_TYPE = 7;
    private static final int BODY_LENGTH = 40;

    @Test
    void shouldKeepEachMessageWholeWhileAnotherThreadQueuesOnTheTransport() throws Exception
    {
        final RecordingTransport transport = new RecordingTransport();
        final WebSocketConnection connection = new WebSocketConnection(transport, null); // no service close here
        final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_LENGTH]);
        final UnsafeBuffer batch = new UnsafeBuffer(new byte[2 * (FrameDescriptor.HEADER_LENGTH + BODY_LENGTH)]);
        for (int at = 0; at < batch.capacity(); at += FrameDescriptor.HEADER_LENGTH + BODY_LENGTH)
        {
            FrameDescriptor.putHeader(batch, at, FrameDescriptor.HEADER_LENGTH + BODY_LENGTH, FRAME_TYPE);
        }
        final UnsafeBuffer closeWords = new UnsafeBuffer(new byte[4]);
        final int closeLength = WebSocketFrames.putHeader(closeWords, 0, OPCODE_CLOSE, 2);
        closeWords.putShort(closeLength, (short)CLOSE_PROTOCOL_ERROR, ByteOrder.BIG_ENDIAN);

        final CountDownLatch start = new CountDownLatch(1);
        final Thread world = new Thread(() ->
        {
            awaitQuietly(start);
            for (int i = 0; i < MESSAGES; i++)
            {
                if (i % 2 == 0)
                {
                    connection.sendFrame(FRAME_TYPE, body, 0, BODY_LENGTH);
                }
                else
                {
                    connection.send(batch, 0, batch.capacity());
                }
            }
        });
        final Thread reader = new Thread(() ->
        {
            awaitQuietly(start);
            for (int i = 0; i < MESSAGES; i++)
            {
                transport.send(closeWords, 0, closeLength + 2);
            }
        });
        world.start();
        reader.start();
        start.countDown();
        world.join();
        reader.join();

        final ByteBuffer stream = ByteBuffer.wrap(transport.bytes());
        int messages = 0;
        int closes = 0;
        while (stream.hasRemaining())
        {
            final int first = stream.get() & 0xFF;
            final int second = stream.get() & 0xFF;
            assertEquals(0, second & 0x80, "a server never masks: a header read at " + (stream.position() - 2));
            final int length = second & 0x7F;
            final byte[] payload = new byte[length];
            stream.get(payload);
            if (first == (0x80 | OPCODE_CLOSE))
            {
                assertEquals(CLOSE_PROTOCOL_ERROR, ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
                closes++;
                continue;
            }
            assertEquals(0x80 | OPCODE_BINARY, first, "at " + (stream.position() - length - 2));
            final UnsafeBuffer frame = new UnsafeBuffer(payload);
            assertEquals(length, FrameDescriptor.frameLength(frame, 0), "one whole frame per message");
            assertEquals(FRAME_TYPE, FrameDescriptor.frameType(frame, 0));
            messages++;
        }
        System.out.printf("%,d messages and %,d close frames parsed whole from %,d sends%n", messages, closes,
            transport.sends);
        assertEquals(MESSAGES + MESSAGES / 2, messages, "each batch of two frames is two messages");
        assertEquals(MESSAGES, closes);
    }

    @Test
    void shouldSendAServiceHeaderAndItsBodyAsOneBinaryMessage()
    {
        final RecordingTransport transport = new RecordingTransport();
        final WebSocketConnection connection = new WebSocketConnection(transport, null);
        final UnsafeBuffer serviceHeader = new UnsafeBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        final UnsafeBuffer body = new UnsafeBuffer(new byte[200]);
        body.setMemory(0, 200, (byte)0x5A);

        connection.sendWithHeader(serviceHeader, 12, body, 50, 150);

        final byte[] sent = transport.bytes();
        assertEquals(1, transport.sends, "one send: nothing can land inside the message");
        assertEquals(0x80 | OPCODE_BINARY, sent[0] & 0xFF);
        assertEquals(126, sent[1] & 0xFF, "162 bytes take the 16-bit length");
        assertEquals(162, ((sent[2] & 0xFF) << 8) | (sent[3] & 0xFF));
        assertEquals(4 + 162, sent.length);
        for (int i = 0; i < 12; i++)
        {
            assertEquals(i + 1, sent[4 + i], "the service's header, as given");
        }
        for (int i = 16; i < sent.length; i++)
        {
            assertEquals(0x5A, sent[i], "the body");
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** A transport queue like the models': each send is appended whole, under a lock, from any thread. */
    private static final class RecordingTransport implements Connection
    {
        private final ByteArrayOutputStream queued = new ByteArrayOutputStream();
        private final ServerCounters counters = new ServerCounters();
        private int sends;

        synchronized byte[] bytes()
        {
            return queued.toByteArray();
        }

        @Override
        public long id()
        {
            return 1;
        }

        @Override
        public synchronized boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            sends++;
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            queued.writeBytes(bytes);
            return true;
        }

        @Override
        public boolean sendFrame(final int type, final DirectBuffer body, final int bodyOffset, final int bodyLength)
        {
            throw new UnsupportedOperationException("the gateway puts the service's header with its own");
        }

        @Override
        public synchronized boolean sendWithHeader(
            final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyOffset,
            final int bodyLength)
        {
            send(header, 0, headerLength);
            sends--;
            return send(body, bodyOffset, bodyLength);
        }

        @Override
        public void close(final CloseReason reason)
        {
            throw new UnsupportedOperationException("nothing closes here");
        }

        @Override
        public ServerCounters counters()
        {
            return counters;
        }
    }
}
