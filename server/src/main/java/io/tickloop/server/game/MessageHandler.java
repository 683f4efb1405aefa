package io.tickloop.server.game;

import org.agrona.DirectBuffer;

/**
 * Handles one message type for the world. Runs on the world's thread; the buffer is valid only during the
 * call. A handler checks its decoder's {@code isWellFormed()} before reading a field and kicks the player
 * with {@code MALFORMED_MESSAGE} when it fails.
 */
@FunctionalInterface
interface MessageHandler
{
    /**
     * @param world the world.
     * @param player who sent it, in a state the handler was registered for.
     * @param buffer holding the frame.
     * @param offset where the frame (its header) starts.
     * @param length the frame's length.
     */
    void onMessage(World world, Player player, DirectBuffer buffer, int offset, int length);
}
