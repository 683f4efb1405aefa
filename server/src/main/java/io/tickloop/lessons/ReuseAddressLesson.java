package io.tickloop.lessons;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 4: a server that closed its connections first leaves them in TIME_WAIT on its port. Whether a new
 * server can bind that port at once depends on SO_REUSEADDR, on the old sockets and on the new one.
 */
public final class ReuseAddressLesson implements Lesson
{
    /** Connections the first server closes first, leaving each in TIME_WAIT. */
    public static final int CONNECTIONS = 3;

    private static final long TIMEOUT_MS = 10_000;
    private static final String TIME_WAIT = "06";

    @Override
    public int number()
    {
        return 4;
    }

    @Override
    public String title()
    {
        return "SO_REUSEADDR and TIME_WAIT";
    }

    @Override
    public String claim()
    {
        return "a restarted server cannot bind a port its closed connections still hold unless SO_REUSEADDR is set.";
    }

    @Override
    public Result run() throws IOException
    {
        final boolean jdkDefault;
        try (ServerSocketChannel fresh = ServerSocketChannel.open())
        {
            jdkDefault = fresh.getOption(StandardSocketOptions.SO_REUSEADDR);
        }
        final List<Restart> restarts = new ArrayList<>();
        for (final boolean firstReuse : new boolean[] {true, false})
        {
            for (final boolean secondReuse : new boolean[] {true, false})
            {
                restarts.add(restart(firstReuse, secondReuse));
            }
        }
        return new Result(jdkDefault, List.copyOf(restarts));
    }

    private static Restart restart(final boolean firstReuse, final boolean secondReuse) throws IOException
    {
        final int port;
        final List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocketChannel first = ServerSocketChannel.open())
        {
            first.setOption(StandardSocketOptions.SO_REUSEADDR, firstReuse);
            first.bind(Loopback.anyPort(), CONNECTIONS);
            port = ((InetSocketAddress)first.getLocalAddress()).getPort();
            try
            {
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    clients.add(SocketChannel.open(first.getLocalAddress()));
                    // The server closes first: its side goes FIN_WAIT -> TIME_WAIT once the client closes too.
                    first.accept().close();
                }
                for (final SocketChannel client : clients)
                {
                    final int eof = client.read(ByteBuffer.allocate(1));
                    if (eof >= 0)
                    {
                        throw new IOException("expected end of stream, read " + eof);
                    }
                }
            }
            finally
            {
                for (final SocketChannel client : clients)
                {
                    client.close();
                }
            }
            if (TcpTable.readable())
            {
                Loopback.await(() -> TcpTable.count(port, TIME_WAIT) >= CONNECTIONS, TIMEOUT_MS,
                    "the closed connections to enter TIME_WAIT");
            }
        }
        // The first server is gone ("killed"); its connections are not.
        final int timeWait = TcpTable.count(port, TIME_WAIT);
        final String outcome = bind(port, secondReuse);
        return new Restart(firstReuse, secondReuse, port, timeWait, outcome);
    }

    private static String bind(final int port, final boolean reuse) throws IOException
    {
        try (ServerSocketChannel second = ServerSocketChannel.open())
        {
            second.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
            second.bind(new InetSocketAddress(Loopback.ADDRESS, port), 1);
            return "bound";
        }
        catch (final BindException ex)
        {
            return "BindException: " + ex.getMessage();
        }
    }

    /**
     * One restart on a port held by TIME_WAIT connections.
     *
     * @param firstReuse SO_REUSEADDR on the server that closed its connections (its accepted sockets inherit it).
     * @param secondReuse SO_REUSEADDR on the server binding the same port again.
     * @param port the port.
     * @param timeWaitConnections TIME_WAIT entries on the port when the second server bound (-1: unknown).
     * @param outcome {@code bound}, or the exception the bind threw.
     */
    public record Restart(boolean firstReuse, boolean secondReuse, int port, int timeWaitConnections,
        String outcome)
    {
        /**
         * @return whether the second server bound the port.
         */
        public boolean bound()
        {
            return "bound".equals(outcome);
        }
    }

    /**
     * What lesson 4 measured.
     *
     * @param jdkDefaultReuse SO_REUSEADDR on a new ServerSocketChannel before anything sets it.
     * @param restarts every combination of SO_REUSEADDR on the old and the new server.
     */
    public record Result(boolean jdkDefaultReuse, List<Restart> restarts) implements LessonResult
    {
        /**
         * @param firstReuse SO_REUSEADDR on the old server.
         * @param secondReuse SO_REUSEADDR on the new server.
         * @return that restart.
         */
        public Restart restart(final boolean firstReuse, final boolean secondReuse)
        {
            return restarts.stream()
                .filter((r) -> r.firstReuse() == firstReuse && r.secondReuse() == secondReuse)
                .findFirst()
                .orElseThrow();
        }

        @Override
        public List<String> findings()
        {
            final List<String> findings = new ArrayList<>();
            for (final Restart restart : restarts)
            {
                findings.add(String.format(Locale.ROOT, "old server SO_REUSEADDR=%-5s new server SO_REUSEADDR=%-5s" +
                    " port %d with %d in TIME_WAIT: %s", restart.firstReuse(), restart.secondReuse(),
                    restart.port(), restart.timeWaitConnections(), restart.outcome()));
            }
            findings.add("on Linux the rebind succeeds only when both the old sockets and the new one set " +
                "SO_REUSEADDR; it never lets a second socket bind a port that is actively listening");
            findings.add("the JDK already sets SO_REUSEADDR on a new ServerSocketChannel here: " + jdkDefaultReuse +
                " (tickloop sets it explicitly, SocketOptions.bindListening)");
            return findings;
        }
    }

    /**
     * The kernel's TCP table, /proc/net/tcp and tcp6: Linux only.
     */
    static final class TcpTable
    {
        private static final List<Path> FILES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

        private TcpTable()
        {
        }

        static boolean readable()
        {
            return FILES.stream().anyMatch(Files::isReadable);
        }

        /**
         * @param localPort a local port.
         * @param state a state as the kernel writes it in hex ({@code 06} is TIME_WAIT).
         * @return how many entries have that local port and state; -1 when the table cannot be read.
         */
        static int count(final int localPort, final String state)
        {
            if (!readable())
            {
                return -1;
            }
            final String portHex = String.format(Locale.ROOT, ":%04X", localPort);
            int count = 0;
            for (final Path file : FILES)
            {
                try
                {
                    for (final String line : Files.readAllLines(file))
                    {
                        final String[] fields = line.trim().split("\\s+");
                        if (fields.length > 3 && fields[1].endsWith(portHex) && fields[3].equals(state))
                        {
                            count++;
                        }
                    }
                }
                catch (final IOException ex)
                {
                    // tcp6 is missing without IPv6: the other file counts
                }
            }
            return count;
        }
    }
}
