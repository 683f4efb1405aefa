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
 * @param udpPort the UDP port for MOVE and STATE: 0 for any free one, {@link #NO_UDP} for none.
 * @param udpDatagramsPerSecond what one session may send by UDP in a second; more are dropped.
 */
public record GameSettings(int tickHz, long authTimeoutMs, int roomCapacity, int viewRadius, int worldBound,
    int inputQueueBytes, int udpPort, int udpDatagramsPerSecond)
{
    /** {@link #udpPort()} when the game speaks TCP only. */
    public static final int NO_UDP = -1;

    /**
     * @return true when the game opens a UDP port.
     */
    public boolean hasUdp()
    {
        return udpPort != NO_UDP;
    }

    @Override
    public String toString()
    {
        return "tickHz=" + tickHz + " authTimeoutMs=" + authTimeoutMs + " roomCapacity=" + roomCapacity +
            " viewRadius=" + viewRadius + " worldBound=" + worldBound + " inputQueueBytes=" + inputQueueBytes +
            (hasUdp() ? " udpPort=" + udpPort + " udpDatagramsPerSecond=" + udpDatagramsPerSecond : "");
    }
}
