package io.tickloop.protocol;

/**
 * Why a connection ended. Every socket model closes with one of these and counts it; the code is what a
 * KICK or BYE message carries on the wire.
 */
public enum CloseReason
{
    /** The peer closed its side (EOF). */
    PEER_CLOSED(1, false),
    /** Reading or writing failed, for example on a reset. */
    IO_ERROR(2, false),
    /** A frame's length field was below the header length. */
    FRAME_TOO_SHORT(3, true),
    /** A frame's length field was above the receiver's maximum. */
    FRAME_TOO_LONG(4, true),
    /** A well-formed frame of a type the service does not accept here. */
    UNEXPECTED_MESSAGE(5, true),
    /** A frame whose body does not match its type's layout. */
    MALFORMED_MESSAGE(6, true),
    /** The bytes queued for the peer passed the send-queue bound: it does not read fast enough. */
    SLOW_CONSUMER(7, false),
    /** The server was at its connection limit. */
    SERVER_FULL(8, false),
    /** The server is shutting down. */
    SHUTTING_DOWN(9, false),
    /** A frame was started but not completed in time. */
    FRAME_TIMEOUT(10, false),
    /** The peer did not authenticate in time. */
    AUTH_TIMEOUT(11, false),
    /** The peer went silent for too long. */
    IDLE_TIMEOUT(12, false),
    /** The name asked for is already in use. */
    DUPLICATE_NAME(13, false),
    /** The room asked for is at capacity. */
    ROOM_FULL(14, false),
    /** The service failed on this connection: a bug, logged with its stack trace. */
    INTERNAL_ERROR(15, false),
    /** The peer sent frames faster than its allowance ({@code --max-frames-per-second}). */
    FLOODING(16, true);

    private static final CloseReason[] BY_CODE = new CloseReason[17];

    static
    {
        for (final CloseReason reason : values())
        {
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;
    private final boolean protocolError;

    CloseReason(final int code, final boolean protocolError)
    {
        this.code = code;
        this.protocolError = protocolError;
    }

    /**
     * @return the reason's number on the wire.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return true when the peer broke the protocol.
     */
    public boolean isProtocolError()
    {
        return protocolError;
    }

    /**
     * @return true when the server decided the close (a limit, a protocol error, a timeout, a bug); false when
     * the peer caused it (EOF, a reset) or a shutdown did (which says BYE instead). The server tells the peer a
     * reason it decided with a last message before it closes (the game's KICK).
     */
    public boolean isServerDecided()
    {
        return this != PEER_CLOSED && this != IO_ERROR && this != SHUTTING_DOWN;
    }

    /**
     * @param code a reason's number on the wire.
     * @return the reason, or null for an unknown code.
     */
    public static CloseReason ofCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
