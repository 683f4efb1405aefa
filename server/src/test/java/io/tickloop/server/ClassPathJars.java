package io.tickloop.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * This JVM's class path for a child JVM, with every directory on it ({@code target/classes}) packed into a
 * temporary jar. A jar is opened once and stays open (the child's logging opens every one at start-up, searching
 * them all for its services), so a child out of descriptors still loads classes from it; from a directory each
 * class is a file to open, and the first class needed then fails to load. Closing deletes the jars.
 */
final class ClassPathJars implements AutoCloseable
{
    private final List<Path> packed = new ArrayList<>();
    private final String classPath;

    ClassPathJars() throws IOException
    {
        final StringJoiner entries = new StringJoiner(File.pathSeparator);
        try
        {
            for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
            {
                if (Files.isDirectory(Path.of(entry)))
                {
                    final Path jar = Files.createTempFile("tickloop-classes", ".jar");
                    packed.add(jar);
                    pack(Path.of(entry), jar);
                    entries.add(jar.toString());
                }
                else
                {
                    entries.add(entry);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
        classPath = entries.toString();
    }

    /**
     * @return the class path for the child, in this JVM's order.
     */
    String classPath()
    {
        return classPath;
    }

    public void close() throws IOException
    {
        for (final Path jar : packed)
        {
            Files.deleteIfExists(jar);
        }
    }

    private static void pack(final Path directory, final Path jar) throws IOException
    {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile).sorted()::iterator)
            {
                out.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
