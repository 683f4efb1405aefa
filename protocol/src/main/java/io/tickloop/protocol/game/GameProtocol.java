package io.tickloop.protocol.game;

import io.tickloop.protocol.MessageTypes;

/**
 * The game's type numbers and bounds. Types start at {@link MessageTypes#FIRST_GAME_TYPE}.
 */
public final class GameProtocol
{
    /** The game protocol's version, sent in HELLO. */
    public static final int VERSION = 1;
    /** Client -> server: protocol version and player name. */
    public static final int HELLO = MessageTypes.FIRST_GAME_TYPE;
    /** Server -> client: player id and tick rate. */
    public static final int WELCOME = HELLO + 1;
    /** Client -> server: join a room by id. */
    public static final int JOIN = HELLO + 2;
    /** Server -> client: the room joined and how many players are in it. */
    public static final int JOINED = HELLO + 3;
    /** Client -> server: leave the current room. No body. */
    public static final int LEAVE = HELLO + 4;
    /** Client -> server: an input with its sequence number. */
    public static final int MOVE = HELLO + 5;
    /** Server -> client: once per tick, the players in view. */
    public static final int STATE = HELLO + 6;
    /** Both ways: a line of text, broadcast to the sender's room with the sender's id. */
    public static final int CHAT = HELLO + 7;
    /** Both ways: the server sends one when a client is quiet; the client answers. */
    public static final int HEARTBEAT = HELLO + 8;
    /** Server -> client: the connection is being closed for the reason carried. */
    public static final int KICK = HELLO + 9;
    /** Both ways: an orderly goodbye with a reason. */
    public static final int BYE = HELLO + 10;
    /** One past the last game type. */
    public static final int END_TYPE = BYE + 1;

    /** The longest player name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 32;
    /** The longest chat text, in UTF-8 bytes. */
    public static final int MAX_CHAT_BYTES = 256;

    private GameProtocol()
    {
    }

    /**
     * @param type a message type.
     * @return its name, or null when it is not a game type.
     */
    public static String name(final int type)
    {
        return switch (type)
        {
            case HELLO -> "HELLO";
            case WELCOME -> "WELCOME";
            case JOIN -> "JOIN";
            case JOINED -> "JOINED";
            case LEAVE -> "LEAVE";
            case MOVE -> "MOVE";
            case STATE -> "STATE";
            case CHAT -> "CHAT";
            case HEARTBEAT -> "HEARTBEAT";
            case KICK -> "KICK";
            case BYE -> "BYE";
            default -> null;
        };
    }
}
