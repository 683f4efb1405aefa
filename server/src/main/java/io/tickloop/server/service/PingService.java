package io.tickloop.server.service;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import io.tickloop.protocol.PingDecoder;
import org.agrona.DirectBuffer;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static io.tickloop.protocol.MessageTypes.PING;
import static io.tickloop.protocol.MessageTypes.PONG;

/**
 * The framed service: every PING is answered by a PONG with a byte-identical body; any other frame, or a
 * frame length outside {@code 4..maxFrameLength}, is a protocol error that closes the connection.
 */
public final class PingService implements Service
{
    /** The name on the command line. */
    public static final String NAME = "ping";

    private final int maxFrameLength;

    /**
     * @param maxFrameLength the longest frame accepted, header included.
     */
    public PingService(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        return new Handler(connection, new FrameReader(maxFrameLength));
    }

    private static final class Handler implements ConnectionHandler, FrameHandler
    {
        private final Connection connection;
        private final FrameReader reader;
        private final PingDecoder ping = new PingDecoder();
        private boolean failed;

        Handler(final Connection connection, final FrameReader reader)
        {
            this.connection = connection;
            this.reader = reader;
        }

        @Override
        public void onBytes(final DirectBuffer buffer, final int offset, final int length)
        {
            final CloseReason error = failed ? null : reader.onBytes(buffer, offset, length, this);
            if (null != error)
            {
                fail(error);
            }
        }

        @Override
        public long partialFrameSeq()
        {
            return reader.partialFrameSeq();
        }

        @Override
        public void onHousekeeping()
        {
            if (reader.shrinkIfIdle())
            {
                connection.counters().onBufferShrunk();
            }
        }

        @Override
        public long framesIn()
        {
            return reader.framesRead();
        }

        @Override
        public void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
        {
            if (failed)
            {
                return;
            }
            connection.counters().onFrameIn();
            if (type != PING)
            {
                fail(CloseReason.UNEXPECTED_MESSAGE);
            }
            else if (!ping.wrap(buffer, offset, length).isWellFormed())
            {
                fail(CloseReason.MALFORMED_MESSAGE);
            }
            else if (connection.sendFrame(PONG, buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH))
            {
                connection.counters().onFrameOut();
            }
        }

        private void fail(final CloseReason reason)
        {
            failed = true;
            connection.close(reason);
        }
    }
}
