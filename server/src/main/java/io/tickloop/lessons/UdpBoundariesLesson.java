package io.tickloop.lessons;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lesson 3: UDP keeps message boundaries. Ten 100-byte datagrams are ten 100-byte receives whatever room is
 * offered; a datagram larger than the room is cut and the rest is lost. A connected datagram channel sends without
 * naming the peer and drops what comes from anyone else.
 */
public final class UdpBoundariesLesson implements Lesson
{
    /** Datagrams sent. */
    public static final int DATAGRAMS = 10;
    /** Bytes per datagram. */
    public static final int DATAGRAM_BYTES = 100;
    /** The room offered to each receive. */
    public static final int RECEIVE_BYTES = 2048;
    /** The room offered to show truncation. */
    public static final int SHORT_RECEIVE_BYTES = 60;

    private static final long TIMEOUT_MS = 5_000;
    private static final long QUIET_MS = 200;

    @Override
    public int number()
    {
        return 3;
    }

    @Override
    public String title()
    {
        return "UDP keeps message boundaries";
    }

    @Override
    public String claim()
    {
        return "each sendto() is one recvfrom(); connect() on UDP only fixes the peer for send and for receive.";
    }

    @Override
    public Result run() throws IOException
    {
        final List<Integer> receiveSizes = new ArrayList<>();
        final int truncatedBytes;
        final boolean restDelivered;
        try (DatagramChannel sender = DatagramChannel.open().bind(Loopback.anyPort());
            DatagramChannel receiver = DatagramChannel.open().bind(Loopback.anyPort()))
        {
            receiver.configureBlocking(false);
            final SocketAddress to = receiver.getLocalAddress();
            for (int i = 0; i < DATAGRAMS; i++)
            {
                sender.send(ByteBuffer.allocate(DATAGRAM_BYTES), to);
            }
            final ByteBuffer room = ByteBuffer.allocate(RECEIVE_BYTES);
            for (int i = 0; i < DATAGRAMS; i++)
            {
                room.clear();
                receive(receiver, room, TIMEOUT_MS);
                receiveSizes.add(room.position());
            }

            sender.send(ByteBuffer.allocate(DATAGRAM_BYTES), to);
            final ByteBuffer shortRoom = ByteBuffer.allocate(SHORT_RECEIVE_BYTES);
            receive(receiver, shortRoom, TIMEOUT_MS);
            truncatedBytes = shortRoom.position();
            restDelivered = null != receive(receiver, room.clear(), QUIET_MS);
        }
        return new Result(List.copyOf(receiveSizes), truncatedBytes, restDelivered, connected());
    }

    private static Connected connected() throws IOException
    {
        try (DatagramChannel friend = DatagramChannel.open().bind(Loopback.anyPort());
            DatagramChannel connected = DatagramChannel.open().bind(Loopback.anyPort());
            DatagramChannel stranger = DatagramChannel.open().bind(Loopback.anyPort());
            DatagramChannel unconnected = DatagramChannel.open().bind(Loopback.anyPort()))
        {
            connected.configureBlocking(false);
            unconnected.configureBlocking(false);
            friend.connect(connected.getLocalAddress());
            connected.connect(friend.getLocalAddress());

            final int strangerSent = stranger.send(text("from a stranger"), connected.getLocalAddress());
            stranger.send(text("from a stranger"), unconnected.getLocalAddress());
            final int friendWrote = friend.write(text("from the friend"));

            final ByteBuffer room = ByteBuffer.allocate(RECEIVE_BYTES);
            final List<String> receivedByConnected = new ArrayList<>();
            while (null != receive(connected, room.clear(), receivedByConnected.isEmpty() ? TIMEOUT_MS : QUIET_MS))
            {
                receivedByConnected.add(StandardCharsets.US_ASCII.decode(room.flip()).toString());
            }
            final boolean unconnectedGotStranger = null != receive(unconnected, room.clear(), TIMEOUT_MS);
            return new Connected(friendWrote, strangerSent, List.copyOf(receivedByConnected), unconnectedGotStranger);
        }
    }

    private static ByteBuffer text(final String text)
    {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static SocketAddress receive(final DatagramChannel channel, final ByteBuffer room, final long timeoutMs)
        throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final SocketAddress from = channel.receive(room);
            if (null != from || System.nanoTime() - deadlineNs > 0)
            {
                return from;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * The connected-UDP part.
     *
     * @param friendWroteBytes what {@code write} (no address) returned on the channel connected to the receiver.
     * @param strangerSentBytes what a third socket's {@code send} to the connected receiver returned.
     * @param receivedByConnected the datagrams the connected receiver got, as text.
     * @param unconnectedGotStranger whether an unconnected socket got the same stranger's datagram.
     */
    public record Connected(int friendWroteBytes, int strangerSentBytes, List<String> receivedByConnected,
        boolean unconnectedGotStranger)
    {
    }

    /**
     * What lesson 3 measured.
     *
     * @param receiveSizes what each receive returned, with {@link #RECEIVE_BYTES} of room.
     * @param truncatedBytes what a receive with {@link #SHORT_RECEIVE_BYTES} of room returned for 100 bytes.
     * @param restDelivered whether the rest of that datagram ever arrived (it does not).
     * @param connected the connected-UDP part.
     */
    public record Result(List<Integer> receiveSizes, int truncatedBytes, boolean restDelivered, Connected connected)
        implements LessonResult
    {
        @Override
        public List<String> findings()
        {
            return List.of(
                DATAGRAMS + " datagrams of " + DATAGRAM_BYTES + " B, receives with room for " + RECEIVE_BYTES +
                    " B returned " + receiveSizes,
                "one datagram of " + DATAGRAM_BYTES + " B into room for " + SHORT_RECEIVE_BYTES + " B: got " +
                    truncatedBytes + " B, the other " + (DATAGRAM_BYTES - truncatedBytes) + " B " +
                    (restDelivered ? "arrived later" : "were discarded (never delivered)"),
                "connected UDP: write() without an address sent " + connected.friendWroteBytes() +
                    " B; a third socket's datagram (send returned " + connected.strangerSentBytes() +
                    " B) was not delivered: the connected channel received only " + connected.receivedByConnected(),
                "the same stranger's datagram to an unconnected socket " +
                    (connected.unconnectedGotStranger() ? "was delivered" : "was NOT delivered"),
                "so a UDP protocol gets its boundaries free, and must size its buffers for the largest datagram");
        }
    }
}
