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
    /**
     * Client -> server: watch a room without an avatar; answered by JOINED. Numbered after BYE, the next free
     * type, so that every type carried over TCP stays in one range below the datagram types.
     */
    public static final int SPECTATE = HELLO + 11;
    /** One past the last game type carried over TCP. */
    public static final int END_TYPE = SPECTATE + 1;

    /** Client -> server by UDP: bind this source to the session WELCOME named, proven by its token. */
    public static final int UDP_HELLO = 32;
    /** Server -> client by UDP: the source is bound; STATEs come by UDP from now on. */
    public static final int UDP_WELCOME = UDP_HELLO + 1;
    /** Client -> server by UDP: the newest MOVE inputs, each repeated in the next datagrams. */
    public static final int INPUTS = UDP_HELLO + 2;
    /** Server -> client by UDP: STATE for a bound client, the input sequence given once, for the receiver. */
    public static final int SNAPSHOT = UDP_HELLO + 3;
    /** One past the last datagram-only type. */
    public static final int END_DATAGRAM_TYPE = SNAPSHOT + 1;
    /** The largest datagram either side sends: under any path's MTU, so IP never fragments it. */
    public static final int MAX_DATAGRAM_BYTES = 1_200;
    /** How many inputs an INPUTS datagram holds at most. */
    public static final int MAX_INPUTS_PER_DATAGRAM = 8;

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
            case SPECTATE -> "SPECTATE";
            case UDP_HELLO -> "UDP_HELLO";
            case UDP_WELCOME -> "UDP_WELCOME";
            case INPUTS -> "INPUTS";
            case SNAPSHOT -> "SNAPSHOT";
            default -> null;
        };
    }
}
