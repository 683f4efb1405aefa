package io.tickloop.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lesson 2: TCP carries a stream of bytes, not messages. Ten 100-byte writes are read back as one 1000-byte read
 * when there is room for them, and a message is cut in two when there is not.
 */
public final class TcpBoundariesLesson implements Lesson
{
    /** Messages written per round. */
    public static final int MESSAGES = 10;
    /** Bytes per message. */
    public static final int MESSAGE_BYTES = 100;

    private static final int WHOLE_READ_BYTES = 1000;
    private static final int SPLIT_READ_BYTES = 950;
    private static final int TIMEOUT_MS = 10_000;

    @Override
    public int number()
    {
        return 2;
    }

    @Override
    public String title()
    {
        return "TCP has no message boundaries";
    }

    @Override
    public String claim()
    {
        return "recv() returns whatever bytes are queued: several sends can come back in one read, one send in two.";
    }

    @Override
    public Result run() throws IOException
    {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ADDRESS);
            Socket sender = new Socket())
        {
            // No Nagle: each write leaves as its own segment, so any coalescing seen is the receiver's doing.
            sender.setTcpNoDelay(true);
            sender.connect(listener.getLocalSocketAddress(), TIMEOUT_MS);
            try (Socket receiver = listener.accept())
            {
                receiver.setSoTimeout(TIMEOUT_MS);
                final Round whole = round(sender, receiver, WHOLE_READ_BYTES, 0);
                final Round split = round(sender, receiver, SPLIT_READ_BYTES, MESSAGES);
                return new Result(whole, split);
            }
        }
    }

    private static Round round(final Socket sender, final Socket receiver, final int readBytes, final int firstSeq)
        throws IOException
    {
        final OutputStream out = sender.getOutputStream();
        final byte[] expected = new byte[MESSAGES * MESSAGE_BYTES];
        for (int i = 0; i < MESSAGES; i++)
        {
            final byte[] message = new byte[MESSAGE_BYTES];
            Arrays.fill(message, (byte)(firstSeq + i + 1));
            System.arraycopy(message, 0, expected, i * MESSAGE_BYTES, MESSAGE_BYTES);
            out.write(message);
        }

        // Wait until every byte sits in the receiver's kernel buffer (FIONREAD), then read.
        final InputStream in = receiver.getInputStream();
        Loopback.await(() -> available(in) >= expected.length, TIMEOUT_MS, "all ten messages to arrive");
        final int queuedBytes = available(in);

        final byte[] received = new byte[expected.length];
        final List<Integer> readSizes = new ArrayList<>();
        int total = 0;
        while (total < expected.length)
        {
            final int read = in.read(received, total, Math.min(readBytes, expected.length - total));
            if (read < 0)
            {
                throw new IOException("the sender closed after " + total + " bytes");
            }
            readSizes.add(read);
            total += read;
        }
        return new Round(MESSAGES, MESSAGE_BYTES, readBytes, queuedBytes, List.copyOf(readSizes),
            Arrays.equals(expected, received));
    }

    private static int available(final InputStream in)
    {
        try
        {
            return in.available();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * One round: write the messages, wait until they are all queued at the receiver, read them.
     *
     * @param writes how many {@code write} calls were made.
     * @param writeBytes bytes per write.
     * @param readBytes the room offered to each {@code read}.
     * @param queuedBytes what the receiver's kernel held before the first read.
     * @param readSizes what each {@code read} returned.
     * @param intact whether the bytes read were the bytes written, in order.
     */
    public record Round(int writes, int writeBytes, int readBytes, int queuedBytes, List<Integer> readSizes,
        boolean intact)
    {
        String describe()
        {
            return writes + " writes of " + writeBytes + " B, " + queuedBytes + " B queued, reads with room for " +
                readBytes + " B returned " + readSizes + (intact ? ", bytes intact and in order" : ", BYTES DIFFER");
        }
    }

    /**
     * What lesson 2 measured.
     *
     * @param whole the round read with room for all 1000 bytes.
     * @param split the round read 950 bytes at a time.
     */
    public record Result(Round whole, Round split) implements LessonResult
    {
        @Override
        public List<String> findings()
        {
            final int cut = split.readSizes().getFirst() / MESSAGE_BYTES + 1;
            final int head = split.readSizes().getFirst() % MESSAGE_BYTES;
            return List.of(
                whole.describe(),
                "ten sends, one recv: the receiver cannot tell where one write ended and the next began",
                split.describe(),
                "message " + cut + " was cut in two: " + head + " B in the first read, " +
                    (MESSAGE_BYTES - head) + " B in the next",
                "so a protocol on TCP frames its messages itself (tickloop: a length header, FrameReader)");
        }
    }
}
