package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import org.agrona.DirectBuffer;

/**
 * How the world reaches a player's connection, whatever the socket model. Called on the world's thread; the
 * link makes that safe (directly on the selector loop, through a queue to the owning loop elsewhere).
 */
interface PlayerLink
{
    /**
     * Queue a whole frame for the player.
     *
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     */
    void send(DirectBuffer buffer, int offset, int length);

    /**
     * Close the connection; the world has already removed the player.
     *
     * @param reason why.
     */
    void close(CloseReason reason);
}
