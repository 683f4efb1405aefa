package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameHandler;
import io.tickloop.protocol.FrameReader;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.ReasonEncoder;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a connection's game handler does the same way under every model: reassemble frames, count them, stop
 * reading after a broken stream; and it is the player's {@link PlayerLink}. Subclasses decide how a frame and
 * a broken stream reach the world.
 * <p>
 * Before a frame reaches the world, the reading thread rejects what no state of the world accepts, so that
 * every model answers alike (and junk is never copied into the world thread's queue): a type outside the game's
 * ({@code UNEXPECTED_MESSAGE}); before HELLO, anything but HELLO or BYE ({@code UNEXPECTED_MESSAGE}) or a frame
 * over {@value #MAX_FRAME_BEFORE_HELLO} bytes ({@code FRAME_TOO_LONG}): an unauthenticated client gets no more
 * than a small HELLO's worth of the server's attention.
 */
abstract class PlayerConnection implements ConnectionHandler, FrameHandler, PlayerLink
{
    /** The longest frame accepted before HELLO: a HELLO is at most 39 bytes. */
    static final int MAX_FRAME_BEFORE_HELLO = 1024;

    final Player player;
    final Connection connection;
    boolean failed;

    private final FrameReader reader;
    private boolean firstFrameSeen;
    private final AtomicBoolean lastWordsSaid = new AtomicBoolean();

    PlayerConnection(final Connection connection, final int maxFrameLength)
    {
        this.connection = connection;
        this.reader = new FrameReader(maxFrameLength);
        this.player = new Player(connection.id(), this);
    }

    @Override
    public final void onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (failed)
        {
            return;
        }
        final CloseReason error = reader.onBytes(buffer, offset, length, this);
        if (null != error)
        {
            failed = true;
            onBrokenStream(error);
        }
    }

    @Override
    public final void onFrame(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (failed)
        {
            return;
        }
        connection.counters().onFrameIn();
        final CloseReason rejected = rejection(type, length);
        if (null != rejected)
        {
            reject(rejected);
            return;
        }
        onPlayerFrame(type, buffer, offset, length);
    }

    @Override
    public final void sendLastWords(final DirectBuffer buffer, final int offset, final int length)
    {
        if (lastWordsSaid.compareAndSet(false, true))
        {
            send(buffer, offset, length);
        }
    }

    /**
     * A close the transport decided (a slow consumer, a frame timeout): a KICK with its reason, unless the world
     * has already said its last words. Whichever thread closes.
     */
    @Override
    public final int lastWords(final CloseReason reason, final MutableDirectBuffer out)
    {
        return lastWordsSaid.compareAndSet(false, true) ? encodeKick(new ReasonEncoder(), out, reason) : 0;
    }

    /**
     * The one way a KICK is encoded.
     *
     * @return its length, at offset 0.
     */
    static int encodeKick(final ReasonEncoder encoder, final MutableDirectBuffer out, final CloseReason reason)
    {
        return encoder.wrap(out, 0, GameProtocol.KICK).reason(reason).frameLength();
    }

    /**
     * Stop reading and have the world kick the player (a KICK with the reason, then the close). Reading thread.
     */
    final void reject(final CloseReason reason)
    {
        failed = true;
        onBrokenStream(reason);
    }

    @Override
    public final long partialFrameSeq()
    {
        return reader.partialFrameSeq();
    }

    @Override
    public final void onHousekeeping()
    {
        if (reader.shrinkIfIdle())
        {
            connection.counters().onBufferShrunk();
        }
    }

    private CloseReason rejection(final int type, final int length)
    {
        if (!firstFrameSeen)
        {
            firstFrameSeen = true;
            if (length > MAX_FRAME_BEFORE_HELLO)
            {
                return CloseReason.FRAME_TOO_LONG;
            }
            if (type != GameProtocol.HELLO && type != GameProtocol.BYE)
            {
                return CloseReason.UNEXPECTED_MESSAGE;
            }
        }
        return type < MessageTypes.FIRST_GAME_TYPE || type >= GameProtocol.END_TYPE ?
            CloseReason.UNEXPECTED_MESSAGE : null;
    }

    @Override
    public final long framesIn()
    {
        return reader.framesRead();
    }

    /**
     * A whole frame from the player, of a game type, on the connection's reading thread.
     */
    abstract void onPlayerFrame(int type, DirectBuffer buffer, int offset, int length);

    /**
     * The stream cannot be read any further (a frame length out of bounds); the world should kick the player.
     */
    abstract void onBrokenStream(CloseReason error);
}
