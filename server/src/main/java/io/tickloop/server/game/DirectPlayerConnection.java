package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.service.Connection;
import org.agrona.DirectBuffer;

/**
 * A connection whose world runs on the same thread (the selector model): frames go straight to the world,
 * and the world's sends and closes go straight to the connection. No queue, no lock.
 */
final class DirectPlayerConnection extends PlayerConnection
{
    private final World world;

    DirectPlayerConnection(final World world, final Connection connection, final int maxFrameLength)
    {
        super(connection, maxFrameLength);
        this.world = world;
        world.onOpen(player, System.nanoTime());
    }

    @Override
    void onPlayerFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        world.onFrame(player, type, buffer, offset, length, System.nanoTime());
    }

    @Override
    void onBrokenStream(final CloseReason error)
    {
        world.kick(player, error);
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
