package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;

/**
 * What a connection's game handler does the same way under every model: reassemble frames, count them, stop
 * reading after a broken stream; and it is the player's {@link PlayerLink}. Subclasses decide how a frame and
 * a broken stream reach the world.
 */
abstract class PlayerConnection implements ConnectionHandler, FrameHandler, PlayerLink
{
    final Player player;
    final Connection connection;
    boolean failed;

    private final FrameReader reader;

    PlayerConnection(final Connection connection, final int maxFrameLength)
    {
        this.connection = connection;
        this.reader = new FrameReader(maxFrameLength);
        this.player = new Player(connection.id(), this);
    }

    @Override
    public final void onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (failed)
        {
            return;
        }
        final CloseReason error = reader.onBytes(buffer, offset, length, this);
        if (null != error)
        {
            failed = true;
            onBrokenStream(error);
        }
    }

    @Override
    public final void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!failed)
        {
            connection.counters().onFrameIn();
            onPlayerFrame(type, buffer, offset, length);
        }
    }

    @Override
    public final long partialFrameSeq()
    {
        return reader.partialFrameSeq();
    }

    @Override
    public final long framesIn()
    {
        return reader.framesRead();
    }

    /**
     * A whole frame from the player, on the connection's reading thread.
     */
    abstract void onPlayerFrame(int type, DirectBuffer buffer, int offset, int length);

    /**
     * The stream cannot be read any further (a frame length out of bounds); the world should kick the player.
     */
    abstract void onBrokenStream(CloseReason error);
}
