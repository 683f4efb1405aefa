package io.tickloop.loadgen.game;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.InputsEncoder;
import io.tickloop.protocol.game.UdpHelloEncoder;
import io.tickloop.protocol.game.UdpWelcomeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

/**
 * The bots' UDP side ({@code --transport udp}): bind each bot's connected UDP socket with the token from its
 * WELCOME (UDP_HELLO, repeated until a UDP_WELCOME comes back), send its MOVEs as INPUTS that repeat its last
 * {@link #REDUNDANT_INPUTS} inputs, and read what the server sends back. Until a STATE shows a bot's newest
 * input, the bot sends it again once a tick, as a game client sends its input every frame: a lost datagram then
 * costs at most a tick, not the wait for the next MOVE. On the bot loop's thread; one buffer each way, nothing
 * allocated per datagram.
 */
final class BotDatagrams
{
    /** Inputs each INPUTS datagram carries: the newest and the ones before it, so a loss costs nothing. */
    static final int REDUNDANT_INPUTS = 3;
    /** How long a bot waits for UDP_WELCOME before it sends UDP_HELLO again. */
    static final long HELLO_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** What a datagram read brought. */
    interface SnapshotHandler
    {
        /**
         * @param bot whose socket it came to.
         * @param buffer holding a SNAPSHOT, from 0.
         * @param length its length.
         */
        void onSnapshot(Bot bot, UnsafeBuffer buffer, int length);
    }

    private final ByteBuffer outBytes = ByteBuffer.allocateDirect(GameProtocol.MAX_DATAGRAM_BYTES);
    private final UnsafeBuffer out = new UnsafeBuffer(outBytes);
    private final ByteBuffer inBytes = ByteBuffer.allocateDirect(GameProtocol.MAX_DATAGRAM_BYTES + 1);
    private final UnsafeBuffer in = new UnsafeBuffer(inBytes);
    private final UdpHelloEncoder hello = new UdpHelloEncoder();
    private final InputsEncoder inputs = new InputsEncoder();
    private final UdpWelcomeDecoder welcome = new UdpWelcomeDecoder();
    private final BotMetrics metrics;
    private long resendGapNs;
    private long nextResendNs;
    private int resendCursor;

    /**
     * @param metrics where a failed resend counts as an error.
     * @param bots how many bots share the resend schedule.
     * @param startNs when the first resend slot comes.
     */
    BotDatagrams(final BotMetrics metrics, final int bots, final long startNs)
    {
        this.metrics = metrics;
        this.nextResendNs = startNs;
        tickHz(bots, 20);
    }

    /**
     * Resend at the server's tick rate, from its WELCOME.
     */
    void tickHz(final int bots, final int tickHz)
    {
        resendGapNs = Math.max(1, TimeUnit.SECONDS.toNanos(1) / ((long)bots * Math.max(1, tickHz)));
    }

    /**
     * Resend slots come round-robin over the bots, each bot's once a tick; a bound bot whose newest input no STATE
     * has shown yet sends it again (with the ones before it).
     *
     * @param bots every bot, by index (null where a connect failed at once).
     * @param limit the most slots to take now.
     * @return when the next slot is due.
     */
    long resendDue(final Bot[] bots, final long nowNs, final int limit)
    {
        for (int i = 0; i < limit && nowNs - nextResendNs >= 0; i++)
        {
            final Bot bot = bots[resendCursor];
            resendCursor = resendCursor + 1 == bots.length ? 0 : resendCursor + 1;
            nextResendNs += resendGapNs;
            if (null != bot && bot.udpBound && !bot.isClosed() && bot.lastSeenSeq - bot.inputSeq < 0)
            {
                try
                {
                    sendInputs(bot, bot.inputSeq);
                }
                catch (final IOException ex)
                {
                    metrics.errors.incrementAndGet(); // the server's port is gone; its TCP side will say so too
                }
            }
        }
        return nextResendNs;
    }

    /**
     * Send UDP_HELLO if the bot has none answered and its last one is older than {@link #HELLO_RETRY_NS}.
     */
    void helloIfDue(final Bot bot, final long nowNs) throws IOException
    {
        if (null != bot.datagram() && !bot.udpBound && nowNs - bot.udpHelloSentNs >= HELLO_RETRY_NS)
        {
            bot.udpHelloSentNs = nowNs;
            write(bot.datagram(), hello.wrap(out, 0).credentials(bot.playerId, bot.token0, bot.token1).frameLength());
        }
    }

    /**
     * Send the bot's input {@code seq} and the {@link #REDUNDANT_INPUTS} - 1 before it.
     *
     * @return false when the kernel had no room for the datagram.
     */
    boolean sendInputs(final Bot bot, final int seq) throws IOException
    {
        inputs.wrap(out, 0).credentials(bot.playerId, bot.token0, bot.token1);
        for (int q = seq; q > 0 && seq - q < REDUNDANT_INPUTS; q--)
        {
            inputs.addInput(q, Bot.x(bot.index, q), Bot.y(bot.index, q), bot.intendedNs[q & (Bot.PENDING_INPUTS - 1)]);
        }
        return write(bot.datagram(), inputs.frameLength());
    }

    /**
     * Read every datagram waiting on the bot's socket: a UDP_WELCOME binds it, a SNAPSHOT goes to
     * {@code onSnapshot}; anything else is dropped.
     */
    void read(final Bot bot, final SnapshotHandler onSnapshot) throws IOException
    {
        final DatagramChannel channel = bot.datagram();
        int length;
        while ((length = receive(channel)) > 0)
        {
            if (length < FrameDescriptor.HEADER_LENGTH || FrameDescriptor.frameLength(in, 0) != length)
            {
                continue;
            }
            final int type = FrameDescriptor.frameType(in, 0);
            if (type == GameProtocol.SNAPSHOT)
            {
                onSnapshot.onSnapshot(bot, in, length);
            }
            else if (type == GameProtocol.UDP_WELCOME && welcome.wrap(in, 0, length).isWellFormed() &&
                welcome.playerId() == bot.playerId)
            {
                bot.udpBound = true;
            }
        }
    }

    private int receive(final DatagramChannel channel) throws IOException
    {
        inBytes.clear();
        return channel.read(inBytes);
    }

    private boolean write(final DatagramChannel channel, final int length) throws IOException
    {
        outBytes.clear().limit(length);
        return channel.write(outBytes) == length;
    }
}
