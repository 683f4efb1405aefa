package io.tickloop.server.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;

/**
 * Small things every server implementation does alike: report where it listens, and join its threads at
 * shutdown without giving up on an interrupt.
 */
public final class ServerThreads
{
    private ServerThreads()
    {
    }

    /**
     * @param listener a bound listening channel.
     * @return the address it listens on.
     * @throws UncheckedIOException when the channel cannot tell.
     */
    public static InetSocketAddress localAddress(final NetworkChannel listener)
    {
        try
        {
            return (InetSocketAddress)listener.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Wait for threads to end; an interrupt while waiting is kept (the flag is set again on return) but does
     * not cut the wait short, so that a server's close returns only once its threads are gone.
     *
     * @param threads to join; null entries are skipped.
     */
    public static void joinUninterruptibly(final Thread... threads)
    {
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (null != thread && thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param threads some threads; null entries count as not alive.
     * @return how many are alive.
     */
    public static int alive(final Thread... threads)
    {
        int alive = 0;
        for (final Thread thread : threads)
        {
            alive += null != thread && thread.isAlive() ? 1 : 0;
        }
        return alive;
    }
}
