package io.tickloop.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's files, served from the jar (no CDN: it works offline): any file under
 * {@value #FOLDER} by its name, {@code /} being {@code index.html}. Read once, then kept.
 */
final class WebAssets
{
    /** Where the files live on the class path. */
    static final String FOLDER = "/io/tickloop/server/gateway/web/";

    /** A name that cannot leave the folder. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "png", "image/png",
        "svg", "image/svg+xml",
        "ico", "image/x-icon",
        "json", "application/json");

    /** A file and its media type. */
    record Asset(byte[] body, String contentType)
    {
    }

    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /**
     * @param path the request's path, such as {@code /} or {@code /app.js}.
     * @return the asset, or null when there is none.
     */
    Asset find(final String path)
    {
        final String name = "/".equals(path) ? "index.html" : path.substring(1);
        if (!NAME.matcher(name).matches())
        {
            return null;
        }
        final Asset cached = cache.get(name);
        return null != cached ? cached : load(name);
    }

    private Asset load(final String name)
    {
        try (InputStream in = WebAssets.class.getResourceAsStream(FOLDER + name))
        {
            if (null == in)
            {
                return null;
            }
            final int dot = name.lastIndexOf('.');
            final String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
            final Asset asset = new Asset(in.readAllBytes(), type);
            cache.put(name, asset);
            return asset;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
