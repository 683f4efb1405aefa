package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;

/**
 * A connection whose world runs on the same thread (the selector model): frames go straight to the world,
 * and the world's sends and closes go straight to the connection. No queue, no lock.
 */
final class LoopPlayerHandler implements ConnectionHandler, FrameHandler, PlayerLink
{
    private final World world;
    private final Connection connection;
    private final FrameReader reader;
    private final Player player;
    private boolean failed;
    private long nowNs;

    LoopPlayerHandler(final World world, final Connection connection, final int maxFrameLength)
    {
        this.world = world;
        this.connection = connection;
        this.reader = new FrameReader(maxFrameLength);
        this.player = new Player(connection.id(), this);
        world.onOpen(player, System.nanoTime());
    }

    @Override
    public void onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (failed)
        {
            return;
        }
        nowNs = System.nanoTime();
        final CloseReason error = reader.onBytes(buffer, offset, length, this);
        if (null != error)
        {
            failed = true;
            world.kick(player, error);
        }
    }

    @Override
    public void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        connection.counters().onFrameIn();
        world.onFrame(player, type, buffer, offset, length, nowNs);
    }

    @Override
    public long partialFrameSeq()
    {
        return reader.partialFrameSeq();
    }

    @Override
    public void onClose(final CloseReason reason)
    {
        world.onClosed(player);
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (connection.send(buffer, offset, length))
        {
            connection.counters().onFrameOut();
        }
    }

    @Override
    public void close(final CloseReason reason)
    {
        connection.close(reason);
    }
}
