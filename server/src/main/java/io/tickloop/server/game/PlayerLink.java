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
     * Queue the player's last frame, a KICK or a BYE: the connection then says no last words of its own when it
     * closes ({@link io.tickloop.server.service.ConnectionHandler#lastWords}), so a client hears one reason.
     *
     * @param buffer holding the frame.
     * @param offset where it starts.
     * @param length its length.
     */
    void sendLastWords(DirectBuffer buffer, int offset, int length);

    /**
     * Close the connection; the world has already removed the player.
     *
     * @param reason why.
     */
    void close(CloseReason reason);
}
