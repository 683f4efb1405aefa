package io.tickloop.server.service;

import java.util.List;

/**
 * The services a server can run, by name.
 */
public final class Services
{
    /** Every name {@link #create} accepts. */
    public static final List<String> NAMES = List.of(EchoService.NAME, PingService.NAME);

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
        return switch (name)
        {
            case EchoService.NAME -> new EchoService();
            case PingService.NAME -> new PingService(maxFrameLength);
            default -> throw new IllegalArgumentException("unknown service '" + name + "', expected one of " + NAMES);
        };
    }
}
