package io.tickloop.server.game;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;
import org.agrona.CloseHelper;

import java.io.IOException;

/**
 * The game skeleton as a service. Where the {@link World} runs is chosen by the socket model when the server
 * starts it ({@link #start}): on the one loop thread of {@code selector}, as the loop's agent, where frames reach
 * it directly and its tick runs from the loop's timer; or, under every other model, on one {@link WorldThread}
 * that connections hand frames to through an Agrona queue, its output going back through each connection's
 * bounded queue (see docs/architecture.md).
 */
public final class GameService implements Service
{
    /** The name on the command line. */
    public static final String NAME = "game";

    private final GameSettings settings;
    private final ServerConfig config;
    private final TickStats stats = new TickStats();
    private final WorldFailures failures = new WorldFailures();
    private final DatagramCounters datagramCounters = new DatagramCounters();
    private DatagramPort datagramPort;
    private Runnable tickProbe;
    private volatile World loopWorld;
    private volatile WorldThread worldThread;

    /**
     * @param settings the game's own settings.
     * @param config the server's: the longest frame, the send-queue bound, the shutdown timeout.
     */
    public GameService(final GameSettings settings, final ServerConfig config)
    {
        this.settings = settings;
        this.config = config;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public boolean closesIdleConnections()
    {
        return true; // heartbeats, then a KICK IDLE_TIMEOUT: the transport leaves silent players to the world
    }

    @Override
    public LoopAgent start(final Threading threading) throws IOException
    {
        if (null != loopWorld || null != worldThread)
        {
            throw new IllegalStateException("the game is already started");
        }
        DatagramSessions udp = null;
        if (settings.hasUdp())
        {
            datagramPort = new DatagramPort(config.bindHost(), settings.udpPort());
            udp = new DatagramSessions(datagramPort, datagramCounters, settings.udpDatagramsPerSecond());
        }
        final World world = new World(settings, config.maxFrameLength(), config.idleTimeoutMs(), stats, failures,
            udp);
        world.tickProbe(tickProbe);
        if (threading == Threading.LOOP_THREAD)
        {
            loopWorld = world;
            return world;
        }
        worldThread = new WorldThread(world, failures, config.maxFrameLength(), config.sendQueueBytes(),
            settings.inputQueueBytes());
        return null;
    }

    /**
     * For tests: have every tick run a probe first (one that throws stands for a bug in the world). Before
     * {@link #start}.
     *
     * @param probe run on the world's thread before each tick's work.
     * @return this.
     */
    GameService tickProbe(final Runnable probe)
    {
        this.tickProbe = probe;
        return this;
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        final World world = loopWorld;
        if (null != world)
        {
            return new DirectPlayerConnection(world, connection, config.maxFrameLength());
        }
        final WorldThread thread = worldThread;
        if (null == thread)
        {
            throw new IllegalStateException("the game was not started");
        }
        return thread.onOpen(connection);
    }

    @Override
    public String intervalStats()
    {
        return stats.describeInterval() + " worldFailures=" + failures.total() +
            (null == datagramPort ? "" : " " + datagramCounters.describe());
    }

    @Override
    public String recentStatsJson()
    {
        return "\"tickHz\":" + settings.tickHz() + "," + stats.recentJson(System.nanoTime());
    }

    /**
     * @return the UDP port bound once started (the real one when 0 was asked for), or {@link GameSettings#NO_UDP}.
     */
    public int udpPort()
    {
        final DatagramPort port = datagramPort;
        return null == port ? GameSettings.NO_UDP : port.port();
    }

    /**
     * @return what the UDP port did so far.
     */
    public DatagramCounters datagramCounters()
    {
        return datagramCounters;
    }

    /**
     * Under a world thread, the world says BYE ({@code SHUTTING_DOWN}) to every player on its own thread; on a
     * loop thread the loop does the same through {@link World#onDrain()} as its agent.
     */
    @Override
    public void onDrain()
    {
        final WorldThread thread = worldThread;
        if (null != thread)
        {
            thread.sayGoodbye(config.shutdownTimeoutMs());
        }
    }

    @Override
    public void close()
    {
        final WorldThread thread = worldThread;
        if (null != thread)
        {
            thread.close();
        }
        CloseHelper.quietClose(datagramPort);
    }
}
