package io.tickloop.protocol;

/**
 * Message type numbers, the u16 {@code type} field of a frame header. Types 1..15 are the transport's own
 * (PING/PONG); the game's messages start at {@link #FIRST_GAME_TYPE} and are numbered in
 * {@link io.tickloop.protocol.game.GameProtocol}.
 */
public final class MessageTypes
{
    /** Body {@code u64 seq, u64 sendNanos, padding...}; answered by a PONG with a byte-identical body. */
    public static final int PING = 1;
    /** The answer to a PING: the same body, type changed. */
    public static final int PONG = 2;
    /** The first type number the game skeleton may use. */
    public static final int FIRST_GAME_TYPE = 16;

    private MessageTypes()
    {
    }

    /**
     * @param type a message type.
     * @return a short name for logs.
     */
    public static String name(final int type)
    {
        return switch (type)
        {
            case PING -> "PING";
            case PONG -> "PONG";
            default -> gameName(type);
        };
    }

    private static String gameName(final int type)
    {
        final String name = io.tickloop.protocol.game.GameProtocol.name(type);
        return null == name ? "TYPE_" + type : name;
    }
}
