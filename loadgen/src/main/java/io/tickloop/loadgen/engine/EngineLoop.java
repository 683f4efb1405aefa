package io.tickloop.loadgen.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The load generator's engine: one thread, one Selector and its share of the connections. It opens them at the
 * ramp rate, sends what its driver says is due, hands ready keys to the driver, times out connects, waits for
 * the next send as its {@link SendWaiter} says ({@code --idle}) and closes everything at the end. Its subclasses
 * are the drivers, which decide what a connection sends and how its replies are read: {@link PingLoop} for
 * PINGs, and the game's bot loop.
 * <p>
 * Once the ramp is over the loop allocates nothing: ready keys arrive through a consumer held in a field, and
 * drivers keep per-connection state in their {@link EngineConnection} subclass.
 *
 * @param <C> the driver's connection.
 */
public abstract class EngineLoop<C extends EngineConnection> implements Runnable
{
    /** How often connects and replies are checked for timeouts, and a drained run for its end. */
    static final long HOUSEKEEPING_INTERVAL_NS = 10_000_000L;

    /** Every connection this loop opens, by index; null where a connect failed at once. */
    protected final C[] connections;
    private final EngineSettings settings;
    private final Connector connector;
    private final SendWaiter waiter;
    private final double connectIntervalNs;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private Selector selector;
    private int opened;
    private int connecting;
    private int up;
    private volatile boolean stopRequested;
    /** The time of the current step: set before each driver call. */
    protected long nowNs;

    /**
     * @param connections an empty array, one slot per connection this loop opens.
     * @param settings whom to connect to, how fast, and the run's times.
     * @param meter the run's measure of the load generator itself.
     */
    protected EngineLoop(final C[] connections, final EngineSettings settings, final LoaderMeter meter)
    {
        this.connections = connections;
        this.settings = settings;
        this.connector = new Connector(settings);
        this.waiter = new SendWaiter(settings.idle(), meter);
        this.connectIntervalNs = 1e9 / settings.connectRatePerSecond();
    }

    /**
     * @param index the connection's index in this loop.
     * @param channel its channel, connecting.
     * @return the driver's state for it.
     */
    protected abstract C newConnection(int index, SocketChannel channel);

    /**
     * The connection is up; its key is interested in OP_READ.
     *
     * @param connection the connection.
     * @throws IOException to close it as {@link ErrorKind#CLOSED}.
     */
    protected abstract void onConnected(C connection) throws IOException;

    /**
     * @param connection the connection, readable.
     * @throws IOException to close it as {@link ErrorKind#CLOSED}.
     */
    protected abstract void onReadable(C connection) throws IOException;

    /**
     * @param connection the connection, writable again after a write that did not take everything.
     * @throws IOException to close it as {@link ErrorKind#CLOSED}.
     */
    protected abstract void onWritable(C connection) throws IOException;

    /**
     * The connection's UDP socket ({@link #openDatagram}) has datagrams to read. Drivers without UDP never see it.
     *
     * @param connection the connection whose socket it is.
     * @throws IOException when the read fails: the connection is closed.
     */
    protected void onDatagramReadable(final C connection) throws IOException
    {
    }

    /**
     * Send whatever is due at {@link #nowNs}.
     *
     * @return when the next send is due; the loop is back by then.
     */
    protected abstract long sendDue();

    /**
     * @return true while data may arrive before the next send (a reply outstanding, a server that pushes): the
     * wait must then be one a read cuts short; false lets the engine sleep on its own timer, the cheapest precise
     * wait.
     */
    protected abstract boolean awaitsData();

    /**
     * Housekeeping for a connection that is up, every {@link #HOUSEKEEPING_INTERVAL_NS}: time out what is
     * overdue (with {@link #fail}).
     *
     * @param connection the connection.
     * @return true while it still has something to send or wait for.
     */
    protected abstract boolean check(C connection);

    /**
     * Count an error: a connect that failed, or a connection closed for {@code kind}.
     *
     * @param kind what went wrong.
     */
    protected abstract void onError(ErrorKind kind);

    /**
     * The connection was closed; its channel and key are closed already.
     *
     * @param connection the connection.
     * @param wasUp true when it had connected.
     * @param runEnded true when it closed because the loop ended, not because it failed.
     */
    protected abstract void onClosed(C connection, boolean wasUp, boolean runEnded);

    /**
     * Ask the loop to stop sending and close soon; safe from any thread.
     */
    public final void requestStop()
    {
        stopRequested = true;
    }

    /**
     * @return true once {@link #requestStop} was called.
     */
    protected final boolean isStopRequested()
    {
        return stopRequested;
    }

    /**
     * Count an error and close the connection, unless it is closed already.
     *
     * @param connection the connection.
     * @param kind what went wrong.
     */
    protected final void fail(final C connection, final ErrorKind kind)
    {
        if (!connection.isClosed())
        {
            onError(kind);
            close(connection, false);
        }
    }

    @Override
    public final void run()
    {
        try (Selector selector = Selector.open())
        {
            this.selector = selector;
            loop();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            waiter.close();
            closeAll();
        }
    }

    private void loop() throws IOException
    {
        final long endNs = settings.endNs();
        long nextCheckNs = System.nanoTime();
        boolean busy = true;
        while (true)
        {
            nowNs = System.nanoTime();
            final boolean ramping = opened < connections.length && nowNs - endNs < 0 && !stopRequested;
            if (ramping)
            {
                openConnections();
            }
            long wakeNs = Math.min(sendDue(), nowNs + SendWaiter.MAX_WAIT_NS);
            if (nowNs - nextCheckNs >= 0)
            {
                busy = housekeeping();
                nextCheckNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            }
            if (isDone(busy))
            {
                return;
            }
            if (ramping)
            {
                wakeNs = Math.min(wakeNs, settings.startNs() + (long)(opened * connectIntervalNs));
            }
            waiter.await(selector, onReady, System.nanoTime(), wakeNs, awaitsData());
        }
    }

    private boolean isDone(final boolean busy)
    {
        if (stopRequested || (opened == connections.length && up == 0 && connecting == 0))
        {
            return true;
        }
        final long sinceEndNs = nowNs - settings.endNs();
        return sinceEndNs >= 0 && (!busy || sinceEndNs >= settings.drainNs());
    }

    private void openConnections()
    {
        final long allowed = Math.min(connections.length, (long)((nowNs - settings.startNs()) / connectIntervalNs) + 1);
        while (opened < allowed)
        {
            final int index = opened++;
            final SocketChannel channel;
            try
            {
                channel = connector.open(index);
            }
            catch (final IOException | RuntimeException ex)
            {
                onError(ErrorKind.CONNECT);
                continue;
            }
            final C connection = newConnection(index, channel);
            connections[index] = connection;
            connection.connectStartNs = nowNs;
            connecting++;
            try
            {
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
                if (channel.isConnected())
                {
                    onUp(connection);
                }
            }
            catch (final IOException ex)
            {
                fail(connection, ex);
            }
        }
    }

    private void onUp(final C connection) throws IOException
    {
        connecting--;
        up++;
        connection.state = EngineConnection.UP;
        connection.key.interestOps(SelectionKey.OP_READ);
        onConnected(connection);
    }

    /**
     * @return true while the run goes on or a connection that is up has something to send or wait for.
     */
    private boolean housekeeping()
    {
        boolean busy = nowNs - settings.endNs() < 0;
        for (int i = 0; i < opened; i++)
        {
            final C connection = connections[i];
            if (null == connection || connection.isClosed())
            {
                continue;
            }
            if (connection.state == EngineConnection.CONNECTING)
            {
                if (nowNs - connection.connectStartNs > settings.connectTimeoutNs())
                {
                    fail(connection, ErrorKind.CONNECT);
                }
                continue;
            }
            busy |= check(connection);
        }
        return busy;
    }

    @SuppressWarnings("unchecked")
    private void onReady(final SelectionKey key)
    {
        final C connection = (C)key.attachment();
        if (!key.isValid() || connection.isClosed())
        {
            return;
        }
        nowNs = System.nanoTime();
        final int readyOps = key.readyOps();
        try
        {
            if (key.channel() == connection.datagram)
            {
                onDatagramReadable(connection);
                return;
            }
            if ((readyOps & SelectionKey.OP_CONNECT) != 0)
            {
                if (connection.channel.finishConnect())
                {
                    onUp(connection);
                }
                return;
            }
            if ((readyOps & SelectionKey.OP_READ) != 0)
            {
                onReadable(connection);
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && connection.isUp())
            {
                onWritable(connection);
            }
        }
        catch (final IOException ex)
        {
            fail(connection, ex);
        }
    }

    /**
     * Give a connection a UDP socket of its own, connected to {@code target} (so the kernel drops datagrams from
     * anyone else), on this loop's Selector; it closes with the connection. Datagrams arrive through
     * {@link #onDatagramReadable}.
     *
     * @param connection a connection that is up and has none yet.
     * @param target the server's UDP address.
     * @return the channel, non-blocking.
     * @throws IOException when it cannot be opened.
     */
    protected final DatagramChannel openDatagram(final C connection, final InetSocketAddress target)
        throws IOException
    {
        connection.datagram = Connector.openDatagram(connection.channel, target, selector, connection);
        return connection.datagram;
    }

    /** An I/O failure: the connect's, or the connection's once up. */
    private void fail(final C connection, final IOException ex)
    {
        fail(connection, connection.isUp() ? ErrorKind.CLOSED : ErrorKind.CONNECT);
    }

    private void close(final C connection, final boolean runEnded)
    {
        final boolean wasUp = connection.isUp();
        if (wasUp)
        {
            up--;
        }
        else
        {
            connecting--;
        }
        connection.state = EngineConnection.CLOSED;
        if (null != connection.key)
        {
            connection.key.cancel();
        }
        Connector.closeQuietly(connection.channel);
        if (null != connection.datagram)
        {
            Connector.closeQuietly(connection.datagram); // closing deregisters its key
        }
        onClosed(connection, wasUp, runEnded);
    }

    private void closeAll()
    {
        nowNs = System.nanoTime();
        for (int i = 0; i < opened; i++)
        {
            final C connection = connections[i];
            if (null != connection && !connection.isClosed())
            {
                close(connection, true);
            }
        }
    }
}
