package io.tickloop.server;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.server.game.GameService;
import io.tickloop.server.service.PingService;

import java.net.InetSocketAddress;

/**
 * Everything a server is configured with, the same for every socket model. Fluent setters; accessors have no
 * {@code get} prefix. {@link #validate()} rejects a value out of range with a message that names the flag.
 */
public final class ServerConfig
{
    /** The port a server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 7777;
    /** The most reactors or async threads a server may be asked for. */
    public static final int MAX_THREADS = 1024;

    private String bindHost = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String serviceName = PingService.NAME;
    private int maxFrameLength = FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH;
    private int maxConnections = 16_384;
    private int sendQueueBytes = 256 * 1024;
    private int backlog = 1024;
    private long shutdownTimeoutMs = 5_000;
    private long frameTimeoutMs = 10_000;
    private long statsIntervalMs;
    private int reactors = Runtime.getRuntime().availableProcessors();
    private int threads = Runtime.getRuntime().availableProcessors();
    private int tickHz = 20;
    private long authTimeoutMs = 5_000;
    private long idleTimeoutMs = 15_000;
    private int roomCapacity = 100;
    private int viewRadius;

    /**
     * @return the host or address to bind.
     */
    public String bindHost()
    {
        return bindHost;
    }

    /**
     * @param bindHost the host or address to bind.
     * @return this.
     */
    public ServerConfig bindHost(final String bindHost)
    {
        this.bindHost = bindHost;
        return this;
    }

    /**
     * @return the port to listen on; 0 picks a free one.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param port the port to listen on; 0 picks a free one.
     * @return this.
     */
    public ServerConfig port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return the socket address to bind.
     */
    public InetSocketAddress bindAddress()
    {
        return new InetSocketAddress(bindHost, port);
    }

    /**
     * @return the service's name.
     */
    public String serviceName()
    {
        return serviceName;
    }

    /**
     * @param serviceName the service's name.
     * @return this.
     */
    public ServerConfig serviceName(final String serviceName)
    {
        this.serviceName = serviceName;
        return this;
    }

    /**
     * @return the longest frame accepted, header included.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param maxFrameLength the longest frame accepted, header included.
     * @return this.
     */
    public ServerConfig maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * @return how many connections may be open at once; more are refused at accept.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @param maxConnections how many connections may be open at once.
     * @return this.
     */
    public ServerConfig maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return the most bytes queued for one peer before it is cut off as a slow consumer.
     */
    public int sendQueueBytes()
    {
        return sendQueueBytes;
    }

    /**
     * @param sendQueueBytes the most bytes queued for one peer.
     * @return this.
     */
    public ServerConfig sendQueueBytes(final int sendQueueBytes)
    {
        this.sendQueueBytes = sendQueueBytes;
        return this;
    }

    /**
     * @return the accept backlog asked of the kernel.
     */
    public int backlog()
    {
        return backlog;
    }

    /**
     * @param backlog the accept backlog asked of the kernel.
     * @return this.
     */
    public ServerConfig backlog(final int backlog)
    {
        this.backlog = backlog;
        return this;
    }

    /**
     * @return how long a graceful shutdown may spend flushing before it closes what is left.
     */
    public long shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    /**
     * @param shutdownTimeoutMs how long a graceful shutdown may spend flushing.
     * @return this.
     */
    public ServerConfig shutdownTimeoutMs(final long shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    /**
     * @return how long a connection may stay in the middle of a frame.
     */
    public long frameTimeoutMs()
    {
        return frameTimeoutMs;
    }

    /**
     * @param frameTimeoutMs how long a connection may stay in the middle of a frame.
     * @return this.
     */
    public ServerConfig frameTimeoutMs(final long frameTimeoutMs)
    {
        this.frameTimeoutMs = frameTimeoutMs;
        return this;
    }

    /**
     * @return how often a stats line is logged; 0 for never.
     */
    public long statsIntervalMs()
    {
        return statsIntervalMs;
    }

    /**
     * @param statsIntervalMs how often a stats line is logged; 0 for never.
     * @return this.
     */
    public ServerConfig statsIntervalMs(final long statsIntervalMs)
    {
        this.statsIntervalMs = statsIntervalMs;
        return this;
    }

    /**
     * @return how many Selector loops the {@code reactors} model runs.
     */
    public int reactors()
    {
        return reactors;
    }

    /**
     * @param reactors how many Selector loops the {@code reactors} model runs.
     * @return this.
     */
    public ServerConfig reactors(final int reactors)
    {
        this.reactors = reactors;
        return this;
    }

    /**
     * @return how many threads the {@code async} model's channel group has.
     */
    public int threads()
    {
        return threads;
    }

    /**
     * @param threads how many threads the {@code async} model's channel group has.
     * @return this.
     */
    public ServerConfig threads(final int threads)
    {
        this.threads = threads;
        return this;
    }

    /**
     * @return game ticks per second: each applies the inputs received and sends every player a STATE.
     */
    public int tickHz()
    {
        return tickHz;
    }

    /**
     * @param tickHz game ticks per second: each applies the inputs received and sends every player a STATE.
     * @return this.
     */
    public ServerConfig tickHz(final int tickHz)
    {
        this.tickHz = tickHz;
        return this;
    }

    /**
     * @return how long a game client may take to send HELLO.
     */
    public long authTimeoutMs()
    {
        return authTimeoutMs;
    }

    /**
     * @param authTimeoutMs how long a game client may take to send HELLO.
     * @return this.
     */
    public ServerConfig authTimeoutMs(final long authTimeoutMs)
    {
        this.authTimeoutMs = authTimeoutMs;
        return this;
    }

    /**
     * @return how long a game client may stay silent (heartbeats keep it alive).
     */
    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /**
     * @param idleTimeoutMs how long a game client may stay silent (heartbeats keep it alive).
     * @return this.
     */
    public ServerConfig idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    /**
     * @return the most players one game room holds.
     */
    public int roomCapacity()
    {
        return roomCapacity;
    }

    /**
     * @param roomCapacity the most players one game room holds.
     * @return this.
     */
    public ServerConfig roomCapacity(final int roomCapacity)
    {
        this.roomCapacity = roomCapacity;
        return this;
    }

    /**
     * @return how far a game player sees: STATE carries the players within it; 0 for the whole room.
     */
    public int viewRadius()
    {
        return viewRadius;
    }

    /**
     * @param viewRadius how far a game player sees: STATE carries the players within it; 0 for the whole room.
     * @return this.
     */
    public ServerConfig viewRadius(final int viewRadius)
    {
        this.viewRadius = viewRadius;
        return this;
    }

    /**
     * @return this, when every value is in range.
     * @throws IllegalArgumentException naming the first flag out of range.
     */
    public ServerConfig validate()
    {
        require(port >= 0 && port <= 65_535, "--port must be 0..65535, was " + port);
        require(maxFrameLength >= FrameDescriptor.HEADER_LENGTH &&
            maxFrameLength <= FrameDescriptor.MAX_FRAME_LENGTH_LIMIT,
            "--max-frame must be " + FrameDescriptor.HEADER_LENGTH + ".." + FrameDescriptor.MAX_FRAME_LENGTH_LIMIT +
            ", was " + maxFrameLength);
        require(maxConnections >= 1, "--max-connections must be at least 1, was " + maxConnections);
        require(sendQueueBytes >= maxFrameLength,
            "--send-queue-bytes must hold at least one frame (" + maxFrameLength + "), was " + sendQueueBytes);
        require(backlog >= 1, "--backlog must be at least 1, was " + backlog);
        require(shutdownTimeoutMs >= 0, "--shutdown-timeout must not be negative");
        require(frameTimeoutMs >= 1, "--frame-timeout must be positive");
        require(statsIntervalMs >= 0, "--stats must not be negative");
        require(reactors >= 1 && reactors <= MAX_THREADS,
            "--reactors must be 1.." + MAX_THREADS + ", was " + reactors);
        require(threads >= 1 && threads <= MAX_THREADS, "--threads must be 1.." + MAX_THREADS + ", was " + threads);
        require(tickHz >= 1 && tickHz <= 1000, "--tick-hz must be 1..1000, was " + tickHz);
        require(authTimeoutMs >= 1, "--auth-timeout must be positive");
        require(idleTimeoutMs >= 1, "--idle-timeout must be positive");
        final int maxEntries = StateDecoder.maxEntries(maxFrameLength);
        require(roomCapacity >= 1 && (roomCapacity <= maxEntries || !GameService.NAME.equals(serviceName)), "--room-capacity must be 1.." + maxEntries +
            " (the players one STATE of --max-frame bytes holds), was " + roomCapacity);
        require(viewRadius >= 0, "--view-radius must not be negative, was " + viewRadius);
        return this;
    }

    @Override
    public String toString()
    {
        return "service=" + serviceName + " maxFrame=" + maxFrameLength +
            " maxConnections=" + maxConnections + " sendQueueBytes=" + sendQueueBytes + " backlog=" + backlog +
            " shutdownTimeoutMs=" + shutdownTimeoutMs + " frameTimeoutMs=" + frameTimeoutMs + " reactors=" + reactors + " threads=" + threads +
            (GameService.NAME.equals(serviceName) ? " tickHz=" + tickHz + " authTimeoutMs=" + authTimeoutMs +
            " idleTimeoutMs=" + idleTimeoutMs + " roomCapacity=" + roomCapacity + " viewRadius=" + viewRadius : "");
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
