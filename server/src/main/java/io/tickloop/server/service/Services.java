package io.tickloop.server.service;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.game.GameService;

import java.util.List;

/**
 * The services a server can run, by name.
 */
public final class Services
{
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of(EchoService.NAME, PingService.NAME, GameService.NAME);

    private Services()
    {
    }

    /**
     * @param name a service's name.
     * @param maxFrameLength the longest frame a framed service accepts.
     * @return a new service.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Service create(final String name, final int maxFrameLength)
    {
        return create(new ServerConfig().serviceName(name).maxFrameLength(maxFrameLength));
    }

    /**
     * @param config naming the service, with what it is configured with (the game's flags among them).
     * @return a new service.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Service create(final ServerConfig config)
    {
        final String name = config.serviceName();
        return switch (name)
        {
            case EchoService.NAME -> new EchoService();
            case PingService.NAME -> new PingService(config.maxFrameLength());
            case GameService.NAME -> new GameService(config);
            default -> throw new IllegalArgumentException("unknown service '" + name + "', expected one of " + NAMES);
        };
    }
}
