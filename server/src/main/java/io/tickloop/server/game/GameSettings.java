package io.tickloop.server.game;

/**
 * What the game is configured with, beside the {@link io.tickloop.server.ServerConfig} every service shares.
 * Made by {@link GameOptions}, which declares each value's flag, default and bounds.
 *
 * @param tickHz ticks per second: each applies the inputs received and sends every player a STATE.
 * @param authTimeoutMs how long a client may take to send HELLO.
 * @param roomCapacity the most players one room holds.
 * @param viewRadius how far a player sees: STATE carries the players within it; 0 for the whole room.
 * @param worldBound the largest coordinate, either sign, on both axes: a MOVE outside is malformed.
 * @param inputQueueBytes under a world thread, the most bytes of one player's frames waiting for the world.
 */
public record GameSettings(int tickHz, long authTimeoutMs, int roomCapacity, int viewRadius, int worldBound,
    int inputQueueBytes)
{
    @Override
    public String toString()
    {
        return "tickHz=" + tickHz + " authTimeoutMs=" + authTimeoutMs + " roomCapacity=" + roomCapacity +
            " viewRadius=" + viewRadius + " worldBound=" + worldBound + " inputQueueBytes=" + inputQueueBytes;
    }
}
