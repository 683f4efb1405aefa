package io.tickloop.server.game;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;

/**
 * The game skeleton as a service. Under a model with one loop thread ({@code selector}), which asks for its
 * {@link #loopAgent()}, the world runs on that thread as the loop's agent: frames reach it directly and its
 * tick runs from the loop's timer. Under every other model, connections hand frames to one
 * {@link WorldThread} through an Agrona queue, and the world's output goes back through each connection's
 * bounded queue (see docs/architecture.md).
 */
public final class GameService implements Service
{
    /** The name on the command line. */
    public static final String NAME = "game";

    private final ServerConfig config;
    private final TickStats stats = new TickStats();
    private World loopWorld;
    private WorldThread worldThread;

    /**
     * @param config the validated configuration: tick rate, timeouts, room capacity, view radius, max frame.
     */
    public GameService(final ServerConfig config)
    {
        this.config = config;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public synchronized LoopAgent loopAgent()
    {
        if (null == loopWorld)
        {
            loopWorld = new World(config, stats);
        }
        return loopWorld;
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        final World world = loopWorld;
        if (null != world)
        {
            return new LoopPlayerHandler(world, connection, config.maxFrameLength());
        }
        return worldThread().onOpen(connection);
    }

    @Override
    public String intervalStats()
    {
        return stats.describeInterval();
    }

    /**
     * Under the world-thread models, the world says BYE ({@code SHUTTING_DOWN}) to every player on its own thread;
     * under {@code selector} the loop does the same through {@link World#onDrain()} as the loop's agent.
     */
    @Override
    public void onDrain()
    {
        final WorldThread thread;
        synchronized (this)
        {
            thread = worldThread;
        }
        if (null != thread)
        {
            thread.sayGoodbye(config.shutdownTimeoutMs());
        }
    }

    @Override
    public synchronized void close()
    {
        if (null != worldThread)
        {
            worldThread.close();
        }
    }

    private synchronized WorldThread worldThread()
    {
        if (null == worldThread)
        {
            worldThread = new WorldThread(new World(config, stats), config);
        }
        return worldThread;
    }
}
