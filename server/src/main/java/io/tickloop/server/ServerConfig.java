package io.tickloop.server;

import java.net.InetSocketAddress;

/**
 * What a server is configured with, the same for every socket model and service. Made by {@link ServerOptions},
 * which declares each value's flag, default and bounds; tests make one the same way,
 * {@code ServerOptions.parse("--port", "0")}.
 *
 * @param bindHost the host or address to bind.
 * @param port the port to listen on; 0 picks a free one.
 * @param webSocketPort the port to serve HTTP and WebSocket on ({@code --ws-port}); 0 picks a free one, -1 for none.
 * @param maxFrameLength the longest frame accepted, header included.
 * @param maxConnections how many connections may be open at once; more are refused at accept.
 * @param sendQueueBytes the most bytes queued for one peer before it is cut off as a slow consumer.
 * @param backlog the accept backlog asked of the kernel.
 * @param shutdownTimeoutMs how long a graceful shutdown may spend flushing before it closes what is left.
 * @param frameTimeoutMs how long a connection may stay in the middle of a frame.
 * @param idleTimeoutMs how long a connection may send nothing before it is closed; 0 for no limit.
 * @param maxFramesPerSecond frames one connection may send per second (a burst of one second's worth); 0 for
 * no limit.
 * @param reactors how many Selector loops the {@code reactors} model runs.
 * @param threads how many threads the {@code async} model's channel group has.
 */
public record ServerConfig(
    String bindHost,
    int port,
    int webSocketPort,
    int maxFrameLength,
    int maxConnections,
    int sendQueueBytes,
    int backlog,
    long shutdownTimeoutMs,
    long frameTimeoutMs,
    long idleTimeoutMs,
    long maxFramesPerSecond,
    int reactors,
    int threads)
{
    /**
     * @return the socket address to bind.
     */
    public InetSocketAddress bindAddress()
    {
        return new InetSocketAddress(bindHost, port);
    }

    @Override
    public String toString()
    {
        return (webSocketPort < 0 ? "" : "webSocketPort=" + webSocketPort + " ") + "maxFrame=" + maxFrameLength + " maxConnections=" + maxConnections +
            " sendQueueBytes=" + sendQueueBytes + " backlog=" + backlog + " shutdownTimeoutMs=" + shutdownTimeoutMs +
            " frameTimeoutMs=" + frameTimeoutMs + " idleTimeoutMs=" + idleTimeoutMs +
            " maxFramesPerSecond=" + maxFramesPerSecond + " reactors=" + reactors + " threads=" + threads;
    }
}
