package io.tickloop.server;

import io.tickloop.cli.ByteSizes;
import io.tickloop.cli.CommandLines;
import io.tickloop.cli.Flags;
import io.tickloop.protocol.FrameDescriptor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * The flags every server shares, whatever its model and service, each declared once with its default and
 * bounds; mixed into {@code tickloop server}. {@link #config()} gives the immutable {@link ServerConfig}.
 */
public final class ServerOptions
{
    /** The port a server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 7777;
    /** The most reactors or async threads a server may be asked for. */
    public static final int MAX_THREADS = 1024;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private int port;
    private int webSocketPort = -1;
    private int maxFrameLength;
    private int maxConnections;
    private int sendQueueBytes;
    private int backlog;
    private long shutdownTimeoutMs;
    private long frameTimeoutMs;
    private long idleTimeoutMs;
    private long maxFramesPerSecond;
    private int reactors = Runtime.getRuntime().availableProcessors();
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--bind", order = 10, defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address to bind; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}.")
    private String bindHost;

    @Option(names = "--port", order = 11, defaultValue = "" + DEFAULT_PORT, paramLabel = "PORT",
        description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    void port(final int port)
    {
        this.port = Flags.range(spec, "--port", port, 0, 65_535);
    }

    @Option(names = "--ws-port", order = 22, paramLabel = "PORT",
        description = "Also serve HTTP and WebSocket on this port (0 picks a free one): GET / is the game's page, " +
            "GET /ws the WebSocket upgrade (each binary message one frame of the service's protocol), GET /stats " +
            "the server's counters as JSON. For the framed services (ping, game). Default: off.")
    void webSocketPort(final int webSocketPort)
    {
        this.webSocketPort = Flags.range(spec, "--ws-port", webSocketPort, 0, 65_535);
    }

    @Option(names = "--max-frame", order = 12, defaultValue = "4096", paramLabel = "BYTES", converter = ByteSizes.class,
        description = "Longest frame accepted, header included (4..65535); longer closes the connection. " +
            "Default: ${DEFAULT-VALUE}.")
    void maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = Flags.range(spec, "--max-frame", maxFrameLength,
            FrameDescriptor.HEADER_LENGTH, FrameDescriptor.MAX_FRAME_LENGTH_LIMIT);
    }

    @Option(names = "--max-connections", order = 13, defaultValue = "16384", paramLabel = "N",
        description = "Connections open at once; more are refused at accept. Default: ${DEFAULT-VALUE}.")
    void maxConnections(final int maxConnections)
    {
        this.maxConnections = Flags.atLeast(spec, "--max-connections", maxConnections, 1);
    }

    @Option(names = "--send-queue-bytes", order = 14, defaultValue = "262144", paramLabel = "BYTES", converter = ByteSizes.class,
        description = "Bytes queued for one client before it is cut off as a slow consumer; at least --max-frame. " +
            "Default: ${DEFAULT-VALUE}.")
    void sendQueueBytes(final int sendQueueBytes)
    {
        this.sendQueueBytes = Flags.atLeast(spec, "--send-queue-bytes", sendQueueBytes, 1);
    }

    @Option(names = "--backlog", order = 15, defaultValue = "1024", paramLabel = "N",
        description = "Accept backlog asked of the kernel. Default: ${DEFAULT-VALUE}.")
    void backlog(final int backlog)
    {
        this.backlog = Flags.atLeast(spec, "--backlog", backlog, 1);
    }

    @Option(names = "--shutdown-timeout", order = 16, defaultValue = "5s", paramLabel = "DURATION",
        description = "How long shutdown may flush queued replies before closing what is left. " +
            "Default: ${DEFAULT-VALUE}.")
    void shutdownTimeout(final Duration shutdownTimeout)
    {
        this.shutdownTimeoutMs = Flags.atLeastMs(spec, "--shutdown-timeout", shutdownTimeout.toMillis(), 0);
    }

    @Option(names = "--frame-timeout", order = 17, defaultValue = "10s", paramLabel = "DURATION",
        description = "How long one frame may stay incomplete before the connection is closed. " +
            "Default: ${DEFAULT-VALUE}.")
    void frameTimeout(final Duration frameTimeout)
    {
        this.frameTimeoutMs = Flags.atLeastMs(spec, "--frame-timeout", frameTimeout.toMillis(), 1);
    }

    @Option(names = "--idle-timeout", order = 20, defaultValue = "60s", paramLabel = "DURATION",
        description = "How long a client may send nothing before it is closed (IDLE_TIMEOUT); 0 for never. The " +
            "game sends a HEARTBEAT after a third of it and says KICK IDLE_TIMEOUT itself. Default: ${DEFAULT-VALUE}.")
    void idleTimeout(final Duration idleTimeout)
    {
        this.idleTimeoutMs = Flags.atLeastMs(spec, "--idle-timeout", idleTimeout.toMillis(), 0);
    }

    @Option(names = "--max-frames-per-second", order = 21, defaultValue = "100000", paramLabel = "N",
        description = "Frames one client may send per second, with a burst of one second's worth; more closes " +
            "it as FLOODING; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    void maxFramesPerSecond(final long maxFramesPerSecond)
    {
        this.maxFramesPerSecond = Flags.atLeast(spec, "--max-frames-per-second", maxFramesPerSecond, 0);
    }

    @Option(names = "--reactors", order = 18, paramLabel = "N",
        description = "Selector loops of the reactors model (1..1024), one acceptor hands them connections " +
            "round-robin. Default: the number of processors.")
    void reactors(final int reactors)
    {
        this.reactors = Flags.range(spec, "--reactors", reactors, 1, MAX_THREADS);
    }

    @Option(names = "--threads", order = 19, paramLabel = "N",
        description = "Threads of the async model's channel group (1..1024), running completion handlers. " +
            "Default: the number of processors.")
    void threads(final int threads)
    {
        this.threads = Flags.range(spec, "--threads", threads, 1, MAX_THREADS);
    }

    /**
     * @return the configuration the flags describe.
     */
    public ServerConfig config()
    {
        Flags.require(spec, sendQueueBytes >= maxFrameLength,
            "--send-queue-bytes must hold at least one frame (" + maxFrameLength + "), was " + sendQueueBytes);
        Flags.require(spec, webSocketPort <= 0 || webSocketPort != port,
            "--ws-port must differ from --port (" + port + ")");
        return new ServerConfig(bindHost, port, webSocketPort, maxFrameLength, maxConnections, sendQueueBytes, backlog,
            shutdownTimeoutMs, frameTimeoutMs, idleTimeoutMs, maxFramesPerSecond, reactors, threads);
    }

    /**
     * The configuration some server flags describe, the rest at their defaults: for tests, lessons and tools
     * that start a server in-process.
     *
     * @param args server flags, such as {@code "--port", "0"}.
     * @return the configuration.
     * @throws IllegalArgumentException for a flag out of range, with the message the command line would print.
     */
    public static ServerConfig parse(final String... args)
    {
        return CommandLines.parse(new ServerOptions(), args).config();
    }
}
