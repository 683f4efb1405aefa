package io.tickloop.loadgen.lab;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Run by {@link LossLabTest} in a network namespace of its own: has {@link LossLab} drop the share given, then sends
 * itself datagrams over loopback and prints how many arrived.
 */
public final class LossProbe
{
    private static final int DATAGRAMS = 4_000;

    private LossProbe()
    {
    }

    /**
     * @param args the share to drop, in percent.
     * @throws Exception when anything fails: the test sees the exit code and the output.
     */
    public static void main(final String[] args) throws Exception
    {
        LossLab.dropShare(Integer.parseInt(args[0]));
        try (DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            channel.configureBlocking(false);
            final ByteBuffer datagram = ByteBuffer.allocate(64);
            int received = 0;
            for (int i = 0; i < DATAGRAMS; i++)
            {
                channel.send(datagram.clear(), channel.getLocalAddress());
                while (null != channel.receive(datagram.clear()))
                {
                    received++;
                }
            }
            Thread.sleep(100);
            while (null != channel.receive(datagram.clear()))
            {
                received++;
            }
            System.out.println("received " + received + " of " + DATAGRAMS);
        }
    }
}
