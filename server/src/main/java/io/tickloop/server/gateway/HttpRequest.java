package io.tickloop.server.gateway;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's head as the gateway needs it: method, path (the query dropped), version and headers by lower-case
 * name. {@link #parse} returns null for anything RFC 9112 would not accept: a bad request line, a header line
 * without a token and a colon, a folded header, a request with a body, HTTP/1.1 without a Host.
 *
 * @param method such as GET.
 * @param path such as {@code /ws}.
 * @param minorVersion 1 for HTTP/1.1, 0 for HTTP/1.0.
 * @param headers values by lower-case name; a repeated header's values are joined with commas.
 */
record HttpRequest(String method, String path, int minorVersion, Map<String, String> headers)
{
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+) (/\\S*) HTTP/1\\.([01])");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * @param head the bytes of the head, up to and including the empty line.
     * @param length how many.
     * @return the request, or null when it is malformed.
     */
    static HttpRequest parse(final byte[] head, final int length)
    {
        final String[] lines = new String(head, 0, length, StandardCharsets.ISO_8859_1).split("\r\n");
        final var requestLine = REQUEST_LINE.matcher(lines[0]);
        if (!requestLine.matches())
        {
            return null;
        }
        final Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches())
            {
                return null; // also a line that starts with a space: obsolete folding
            }
            headers.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                (first, next) -> first + "," + next);
        }
        final int minorVersion = requestLine.group(3).charAt(0) - '0';
        final boolean hasBody = headers.containsKey("transfer-encoding") ||
            !"0".equals(headers.getOrDefault("content-length", "0"));
        if (hasBody || (minorVersion == 1 && !headers.containsKey("host")))
        {
            return null;
        }
        final String target = requestLine.group(2);
        final int query = target.indexOf('?');
        return new HttpRequest(requestLine.group(1), query < 0 ? target : target.substring(0, query), minorVersion,
            headers);
    }

    /**
     * @param name a header's lower-case name.
     * @param token a token to look for, in any case.
     * @return true when the header's comma-separated list holds the token ({@code Connection: keep-alive, Upgrade}).
     */
    boolean hasToken(final String name, final String token)
    {
        final String value = headers.get(name);
        if (null == value)
        {
            return false;
        }
        for (final String item : value.split(","))
        {
            if (item.strip().equalsIgnoreCase(token))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when the client will send no more requests on this connection.
     */
    boolean closesAfter()
    {
        return minorVersion == 0 ? !hasToken("connection", "keep-alive") : hasToken("connection", "close");
    }
}
