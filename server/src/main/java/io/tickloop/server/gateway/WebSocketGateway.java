package io.tickloop.server.gateway;

import io.tickloop.server.ServerConfig;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.LoopAgent;
import io.tickloop.server.service.Service;

import java.io.IOException;

/**
 * HTTP/1.1 and WebSocket (RFC 6455) in front of a framed service ({@code --ws-port}): a connection that arrived on
 * the WebSocket port gets an {@link HttpSession} (the page, {@code /stats}, the upgrade, then the service behind
 * a {@link WebSocketSession}); any other goes straight to the service. Everything else is the service's: its
 * start, its timed work, its drain. Since the codec sits between the bytes and the service's handlers, every
 * socket model serves browsers, and TCP and WebSocket players meet in the same world.
 */
public final class WebSocketGateway implements Service
{
    private final Service service;
    private final ServerConfig config;
    private final WebAssets assets = new WebAssets();
    private volatile int port = -1;

    /**
     * @param service the framed service behind the gateway.
     * @param config the server's: the longest frame, which bounds a message too.
     */
    public WebSocketGateway(final Service service, final ServerConfig config)
    {
        this.service = service;
        this.config = config;
    }

    /**
     * The WebSocket listener is bound: connections arriving on this port are the gateway's from now on.
     *
     * @param port its local port.
     */
    public void listenOn(final int port)
    {
        this.port = port;
    }

    @Override
    public String name()
    {
        return service.name();
    }

    @Override
    public ConnectionHandler onOpen(final Connection connection)
    {
        final int localPort = connection.localPort(); // -1 when unknown: never taken for the WebSocket port
        return localPort >= 0 && localPort == port ? new HttpSession(connection, this) : service.onOpen(connection);
    }

    @Override
    public LoopAgent start(final Threading threading) throws IOException
    {
        return service.start(threading);
    }

    @Override
    public boolean closesIdleConnections()
    {
        return service.closesIdleConnections();
    }

    @Override
    public String intervalStats()
    {
        return service.intervalStats();
    }

    @Override
    public String recentStatsJson()
    {
        return service.recentStatsJson();
    }

    @Override
    public void onDrain()
    {
        service.onDrain();
    }

    @Override
    public void close()
    {
        service.close();
    }

    Service service()
    {
        return service;
    }

    int maxMessageLength()
    {
        return config.maxFrameLength();
    }

    WebAssets assets()
    {
        return assets;
    }

    /**
     * @param connection whose counters are the server's.
     * @return {@code GET /stats}: the server's counters and the service's own recent figures.
     */
    String statsJson(final Connection connection)
    {
        final MetricsSnapshot now = connection.counters().snapshot(0);
        final String serviceJson = service.recentStatsJson();
        return "{\"service\":\"" + service.name() + "\",\"connections\":" + now.connections() +
            ",\"accepted\":" + now.accepted() + ",\"framesIn\":" + now.framesIn() + ",\"framesOut\":" +
            now.framesOut() + ",\"bytesIn\":" + now.bytesIn() + ",\"bytesOut\":" + now.bytesOut() +
            (null == serviceJson ? "" : "," + serviceJson) + "}";
    }
}
