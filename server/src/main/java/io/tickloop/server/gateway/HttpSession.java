package io.tickloop.server.gateway;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.websocket.WebSocketDescriptor;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A connection on the WebSocket port: HTTP/1.1 requests, kept alive, until {@code GET /ws} upgrades it; from then
 * on every call goes to its {@link WebSocketSession}. The head of a request may take at most
 * {@value #MAX_HEAD_BYTES} bytes (431) and must be complete within the frame timeout; a connection with no
 * request under way is closed after {@value #KEEP_ALIVE_SECONDS} s. Only GET is served (405), and no request
 * may carry a body (400).
 */
final class HttpSession implements ConnectionHandler
{
    /** The longest request head read. */
    static final int MAX_HEAD_BYTES = 8 * 1024;
    /** How long a connection between requests is kept. */
    static final int KEEP_ALIVE_SECONDS = 5;

    private static final long KEEP_ALIVE_NS = TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS);
    private static final int FIRST_HEAD_BYTES = 1024;

    private final Connection connection;
    private final WebSocketGateway gateway;
    private byte[] head = new byte[FIRST_HEAD_BYTES];
    private int headLength;
    private long requests;
    private long lastRequestNs = System.nanoTime();
    private boolean closing;
    private WebSocketSession webSocket;

    HttpSession(final Connection connection, final WebSocketGateway gateway)
    {
        this.connection = connection;
        this.gateway = gateway;
    }

    @Override
    public void onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != webSocket)
        {
            webSocket.onBytes(buffer, offset, length);
            return;
        }
        int position = offset;
        final int end = offset + length;
        while (position < end && !closing && null == webSocket)
        {
            final int taken = Math.min(end - position, MAX_HEAD_BYTES - headLength);
            ensureHeadCapacity(headLength + taken);
            buffer.getBytes(position, head, headLength, taken);
            final int searchFrom = Math.max(0, headLength - 3);
            headLength += taken;
            position += taken;
            final int headEnd = endOfHead(searchFrom);
            if (headEnd < 0)
            {
                if (headLength == MAX_HEAD_BYTES)
                {
                    respondAndClose(431, "Request Header Fields Too Large", CloseReason.FRAME_TOO_LONG);
                }
                continue;
            }
            final int leftover = headLength - headEnd;
            onRequest(HttpRequest.parse(head, headEnd));
            System.arraycopy(head, headEnd, head, 0, leftover);
            headLength = leftover;
        }
        if (null != webSocket && !closing)
        {
            startWebSocket(buffer, position, end - position);
        }
    }

    /**
     * A request head under way is bounded by the frame timeout; so, once upgraded, is a WebSocket frame.
     */
    @Override
    public long partialFrameSeq()
    {
        if (null != webSocket)
        {
            return webSocket.partialFrameSeq();
        }
        return headLength > 0 ? requests + 1 : 0;
    }

    @Override
    public void onHousekeeping()
    {
        if (null != webSocket)
        {
            webSocket.onHousekeeping();
        }
        else if (headLength == 0 && !closing && System.nanoTime() - lastRequestNs > KEEP_ALIVE_NS)
        {
            closing = true;
            connection.close(CloseReason.IDLE_TIMEOUT); // between requests: as a browser's idle keep-alive
        }
        else if (headLength == 0 && head.length > FIRST_HEAD_BYTES)
        {
            head = new byte[FIRST_HEAD_BYTES];
        }
    }

    /**
     * Requests count as frames, so the transport's frame limits bound a flood of them.
     */
    @Override
    public long framesIn()
    {
        return requests + (null == webSocket ? 0 : webSocket.framesIn());
    }

    @Override
    public int lastWords(final CloseReason reason, final MutableDirectBuffer out)
    {
        return null == webSocket ? 0 : webSocket.lastWords(reason, out);
    }

    @Override
    public int drainWords(final MutableDirectBuffer out)
    {
        return null == webSocket ? 0 : webSocket.drainWords(out);
    }

    @Override
    public void onClose(final CloseReason reason)
    {
        closing = true;
        if (null != webSocket)
        {
            webSocket.onClose(reason);
        }
    }

    private void onRequest(final HttpRequest request)
    {
        requests++;
        lastRequestNs = System.nanoTime();
        if (null == request)
        {
            respondAndClose(400, "Bad Request", CloseReason.MALFORMED_MESSAGE);
        }
        else if (!"GET".equals(request.method()))
        {
            respondAndClose(405, "Method Not Allowed", CloseReason.UNEXPECTED_MESSAGE);
        }
        else if ("/ws".equals(request.path()))
        {
            upgrade(request);
        }
        else if ("/stats".equals(request.path()))
        {
            respond(request, 200, "OK", "application/json", gateway.statsJson(connection).getBytes(
                StandardCharsets.UTF_8));
        }
        else
        {
            final WebAssets.Asset asset = gateway.assets().find(request.path());
            if (null == asset)
            {
                respond(request, 404, "Not Found", "text/plain; charset=utf-8",
                    ("no " + request.path() + " here\n").getBytes(StandardCharsets.UTF_8));
            }
            else
            {
                respond(request, 200, "OK", asset.contentType(), asset.body());
            }
        }
    }

    /**
     * RFC 6455 section 4.2: a GET with {@code Upgrade: websocket}, {@code Connection: Upgrade}, version 13 and a key
     * of 16 bytes in base64; no subprotocol, no extension is agreed (permessage-deflate is not offered).
     */
    private void upgrade(final HttpRequest request)
    {
        if (!request.hasToken("upgrade", "websocket") || !request.hasToken("connection", "upgrade"))
        {
            respond(request, 426, "Upgrade Required", "text/plain; charset=utf-8",
                "GET /ws is a WebSocket upgrade\n".getBytes(StandardCharsets.UTF_8), "Upgrade: websocket\r\n");
            return;
        }
        if (!"13".equals(request.headers().get("sec-websocket-version")))
        {
            respondAndClose(426, "Upgrade Required", CloseReason.UNEXPECTED_MESSAGE, "Sec-WebSocket-Version: 13\r\n");
            return;
        }
        final String key = request.headers().get("sec-websocket-key");
        if (!isKey(key))
        {
            respondAndClose(400, "Bad Request", CloseReason.MALFORMED_MESSAGE);
            return;
        }
        final byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + WebSocketDescriptor.acceptKey(key) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        connection.send(new UnsafeBuffer(response), 0, response.length);
        webSocket = new WebSocketSession(connection, gateway.service(), gateway.maxMessageLength());
    }

    /**
     * The bytes after the upgrade's head are the first WebSocket frames: what was read with the head, then the
     * rest of this read.
     */
    private void startWebSocket(final DirectBuffer buffer, final int offset, final int length)
    {
        final int leftover = headLength;
        headLength = 0;
        if (leftover > 0)
        {
            webSocket.onBytes(new UnsafeBuffer(head, 0, leftover), 0, leftover);
        }
        head = null;
        if (length > 0)
        {
            webSocket.onBytes(buffer, offset, length);
        }
    }

    private static boolean isKey(final String key)
    {
        try
        {
            return null != key && Base64.getDecoder().decode(key).length == 16;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private int endOfHead(final int from)
    {
        for (int i = from; i + 3 < headLength; i++)
        {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n')
            {
                return i + 4;
            }
        }
        return -1;
    }

    private void ensureHeadCapacity(final int capacity)
    {
        if (capacity > head.length)
        {
            head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, Math.max(capacity, head.length * 2)));
        }
    }

    private void respond(final HttpRequest request, final int status, final String phrase, final String type,
        final byte[] body, final String... extraHeaders)
    {
        send(status, phrase, type, body, request.closesAfter(), extraHeaders);
    }

    /**
     * An error the client cannot get past on this connection: answered, then closed for a reason, which the
     * transport counts and which lets the response out before the close.
     */
    private void respondAndClose(final int status, final String phrase, final CloseReason reason,
        final String... extraHeaders)
    {
        send(status, phrase, "text/plain; charset=utf-8", (status + " " + phrase + "\n").getBytes(
            StandardCharsets.US_ASCII), true, extraHeaders);
        closing = true;
        connection.close(reason);
    }

    private void send(final int status, final String phrase, final String type, final byte[] body,
        final boolean close, final String... extraHeaders)
    {
        final StringBuilder response = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ')
            .append(phrase).append("\r\nContent-Type: ").append(type).append("\r\nContent-Length: ")
            .append(body.length).append("\r\nCache-Control: no-cache\r\n");
        for (final String header : extraHeaders)
        {
            response.append(header);
        }
        response.append(close ? "Connection: close\r\n\r\n" : "\r\n");
        final byte[] headBytes = response.toString().getBytes(StandardCharsets.US_ASCII);
        connection.send(new UnsafeBuffer(headBytes), 0, headBytes.length);
        connection.send(new UnsafeBuffer(body), 0, body.length);
    }
}
