package io.tickloop.loadgen.engine;

import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What every {@link EngineLoop} knows of a connection: its channel, its key and whether it is connecting, up or
 * closed. The driver's subclass adds what it sends and reads. Touched only on the loop's thread.
 */
public abstract class EngineConnection
{
    static final int CONNECTING = 0;
    static final int UP = 1;
    static final int CLOSED = 2;

    /** Its index in the loop's connections. */
    public final int index;
    /** Its channel, non-blocking. */
    public final SocketChannel channel;
    SelectionKey key;
    int state = CONNECTING;
    long connectStartNs;
    /** Its UDP socket beside the TCP connection, once {@link EngineLoop#openDatagram} made one; else null. */
    DatagramChannel datagram;

    protected EngineConnection(final int index, final SocketChannel channel)
    {
        this.index = index;
        this.channel = channel;
    }

    /**
     * @return its key in the loop's Selector.
     */
    public final SelectionKey key()
    {
        return key;
    }

    /**
     * @return its connected UDP socket, or null when it has none.
     */
    public final DatagramChannel datagram()
    {
        return datagram;
    }

    /**
     * @return true once connected and until closed.
     */
    public final boolean isUp()
    {
        return state == UP;
    }

    /**
     * @return true once closed, by either side.
     */
    public final boolean isClosed()
    {
        return state == CLOSED;
    }
}
