package io.tickloop.loadgen.game;

import java.util.Locale;

/**
 * How the bots carry MOVE and STATE: over their TCP connection, or by UDP beside it (the server's
 * {@code --udp-port}); everything else stays on TCP either way.
 */
public enum BotTransport
{
    /** MOVE and STATE as frames on the TCP connection. */
    TCP,
    /** MOVE as INPUTS datagrams repeating the last inputs, STATE as SNAPSHOT datagrams, from a connected UDP socket. */
    UDP;

    /**
     * @return the name on the command line.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
