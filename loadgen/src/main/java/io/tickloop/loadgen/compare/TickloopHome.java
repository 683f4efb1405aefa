package io.tickloop.loadgen.compare;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tickloop checkout is: the launcher says so with {@code -Dtickloop.home}; otherwise it is found
 * from this class's jar ({@code <home>/loadgen/target/...}).
 */
public final class TickloopHome
{
    private TickloopHome()
    {
    }

    /**
     * @return the runnable server jar.
     */
    public static Path serverJar()
    {
        return home().resolve("server/target/tickloop-server.jar");
    }

    static Path home()
    {
        final String property = System.getProperty("tickloop.home");
        if (null != property)
        {
            return Path.of(property);
        }
        try
        {
            Path path = Path.of(TickloopHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            while (null != path && !Files.isDirectory(path.resolve("server")))
            {
                path = path.getParent();
            }
            return null == path ? Path.of(".") : path;
        }
        catch (final URISyntaxException ex)
        {
            return Path.of(".");
        }
    }
}
