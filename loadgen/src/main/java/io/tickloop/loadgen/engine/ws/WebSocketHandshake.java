package io.tickloop.loadgen.engine.ws;

import io.tickloop.protocol.websocket.WebSocketDescriptor;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * A client's side of the opening handshake (RFC 6455 section 4.1): the HTTP/1.1 upgrade request with a random
 * {@code Sec-WebSocket-Key}, then the server's response, gathered across reads until its blank line and checked:
 * status 101, {@code Upgrade: websocket}, {@code Connection: Upgrade}, and {@code Sec-WebSocket-Accept} equal to
 * base64(SHA-1(key + GUID)), which proves the server read this request as WebSocket and not a cache's replay. No
 * extension or subprotocol is asked for, so a response naming one fails.
 * <p>
 * Made per connection and dropped once open: it allocates (the request, the response's text, a digest), which is
 * why it stays out of the frames' path. A response's header block is bounded at {@value #MAX_RESPONSE_BYTES}
 * bytes; bytes after its blank line are the first frames and are left to the caller.
 */
public final class WebSocketHandshake
{
    /** The longest response header block read before failing. */
    public static final int MAX_RESPONSE_BYTES = 8 * 1024;
    /** {@link #onBytes}: the response's header block is not complete yet. */
    public static final int INCOMPLETE = -1;
    /** {@link #onBytes}: the response refused or broke the handshake; {@link #failure()} says how. */
    public static final int FAILED = -2;

    private static final int KEY_BYTES = 16;
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private final String key;
    private final String expectedAccept;
    private byte[] response = new byte[256];
    private int responseLength;
    private String failure;

    /**
     * @param key the request's {@code Sec-WebSocket-Key}: base64 of 16 random bytes.
     */
    public WebSocketHandshake(final String key)
    {
        this.key = key;
        this.expectedAccept = WebSocketDescriptor.acceptKey(key);
    }

    /**
     * @param random where the key's 16 bytes come from.
     * @return a handshake with a fresh key.
     */
    public static WebSocketHandshake withRandomKey(final Random random)
    {
        final byte[] nonce = new byte[KEY_BYTES];
        random.nextBytes(nonce);
        return new WebSocketHandshake(Base64.getEncoder().encodeToString(nonce));
    }

    /**
     * @return the request's key.
     */
    public String key()
    {
        return key;
    }

    /**
     * @param host the {@code Host} header's value: the server's host and port as the client dialled them.
     * @param path the resource, such as {@code /ws}.
     * @return the upgrade request, ASCII.
     */
    public byte[] request(final String host, final String path)
    {
        return ("GET " + path + " HTTP/1.1\r\n" +
            "Host: " + host + "\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + key + "\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Feed the response's bytes as they arrive.
     *
     * @param buffer holding them.
     * @param offset where they start.
     * @param length how many.
     * @return {@link #INCOMPLETE} until the header block's blank line; then {@link #FAILED}, or how many of these
     * bytes the response took: the rest are the connection's first WebSocket frames.
     */
    public int onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != failure)
        {
            return FAILED;
        }
        final int before = responseLength;
        final int taken = Math.min(length, MAX_RESPONSE_BYTES - responseLength);
        if (responseLength + taken > response.length)
        {
            response = Arrays.copyOf(response, Math.min(MAX_RESPONSE_BYTES,
                Math.max(response.length * 2, responseLength + taken)));
        }
        buffer.getBytes(offset, response, responseLength, taken);
        responseLength += taken;
        if (!startsLikeHttp())
        {
            return fail("the server's answer is not HTTP: " + hexStart());
        }
        final int end = blankLineEnd(Math.max(0, before - 3));
        if (end < 0)
        {
            if (responseLength >= MAX_RESPONSE_BYTES)
            {
                return fail("the response's header block is over " + MAX_RESPONSE_BYTES + " bytes");
            }
            return INCOMPLETE;
        }
        final String headers = new String(response, 0, end, StandardCharsets.ISO_8859_1);
        response = null;
        final String problem = check(headers);
        return null == problem ? end - before : fail(problem);
    }

    /**
     * @return why the handshake failed, or null.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * Name the failure when the connection ended before the response did.
     *
     * @return why it failed.
     */
    public String onEndOfStream()
    {
        if (null == failure)
        {
            failure = 0 == responseLength ? "the server closed the connection without a response" :
                "the server closed the connection inside its response: " + firstLine(
                    new String(response, 0, responseLength, StandardCharsets.ISO_8859_1));
        }
        return failure;
    }

    private int fail(final String problem)
    {
        failure = problem;
        response = null;
        return FAILED;
    }

    /** @return false once the bytes so far cannot begin an HTTP status line (a game server's KICK, say). */
    private boolean startsLikeHttp()
    {
        for (int i = 0; i < Math.min(responseLength, HTTP.length); i++)
        {
            if (response[i] != HTTP[i])
            {
                return false;
            }
        }
        return true;
    }

    private String hexStart()
    {
        final StringBuilder hex = new StringBuilder(responseLength + " bytes, starting");
        for (int i = 0; i < Math.min(responseLength, 8); i++)
        {
            hex.append(String.format(Locale.ROOT, " %02x", response[i] & 0xFF));
        }
        return hex.toString();
    }

    /** @return the index just past the first CRLFCRLF at or after {@code from}, or -1. */
    private int blankLineEnd(final int from)
    {
        for (int i = from; i + 3 < responseLength; i++)
        {
            if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n')
            {
                return i + 4;
            }
        }
        return -1;
    }

    /** @return what is wrong with the response's header block, or null when it opens the connection. */
    private String check(final String headers)
    {
        final String[] lines = headers.split("\r\n");
        final String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !"101".equals(status[1]))
        {
            return "the server answered \"" + lines[0] + "\", not 101 Switching Protocols";
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            final String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            switch (name)
            {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                case "sec-websocket-extensions", "sec-websocket-protocol" ->
                {
                    return "the server chose " + lines[i].trim() + ", which was not asked for";
                }
                default ->
                {
                    // other headers do not matter to the handshake
                }
            }
        }
        return checkHeaders(upgrade, connection, accept);
    }

    private String checkHeaders(final String upgrade, final String connection, final String accept)
    {
        if (null == upgrade || !"websocket".equalsIgnoreCase(upgrade))
        {
            return "the 101 response has Upgrade: " + upgrade + ", not websocket";
        }
        if (null == connection || !hasToken(connection, "upgrade"))
        {
            return "the 101 response has Connection: " + connection + ", not Upgrade";
        }
        if (!expectedAccept.equals(accept))
        {
            return "the 101 response has Sec-WebSocket-Accept: " + accept + ", expected " + expectedAccept;
        }
        return null;
    }

    private static boolean hasToken(final String list, final String token)
    {
        for (final String element : list.split(","))
        {
            if (element.trim().equalsIgnoreCase(token))
            {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(final String text)
    {
        final int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
