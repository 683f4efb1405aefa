package io.tickloop.loadgen.game;

import java.util.Locale;

/**
 * How the bots carry MOVE and STATE: over their TCP connection, by UDP beside it (the server's {@code --udp-port};
 * everything else stays on TCP), or every game frame as a WebSocket message on a connection to the server's
 * {@code --ws-port}, as a browser would.
 */
public enum BotTransport
{
    /** MOVE and STATE as frames on the TCP connection. */
    TCP,
    /** MOVE as INPUTS datagrams repeating the last inputs, STATE as SNAPSHOT datagrams, from a connected UDP socket. */
    UDP,
    /**
     * Every frame as one binary WebSocket message (masked, as a client's must be) on a connection to the server's
     * {@code --ws-port}, opened by an HTTP/1.1 upgrade to {@code /ws}.
     */
    WS;

    /**
     * @return the name on the command line.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
