package io.tickloop.server;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HelloEncoder;
import io.tickloop.protocol.game.JoinEncoder;
import io.tickloop.protocol.game.MoveEncoder;
import io.tickloop.protocol.game.ReasonDecoder;
import io.tickloop.protocol.game.ReasonEncoder;
import io.tickloop.protocol.game.SpectateEncoder;
import io.tickloop.protocol.CloseReason;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A blocking game client for tests: encodes requests with the protocol's encoders, reads whole frames.
 */
final class GameTestClient implements AutoCloseable
{
    private final TestClient client;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    GameTestClient(final InetSocketAddress address) throws IOException
    {
        this(address, 0);
    }

    /**
     * @param address the server.
     * @param receiveBufferBytes SO_RCVBUF to ask for before connecting, or 0 for the default.
     */
    GameTestClient(final InetSocketAddress address, final int receiveBufferBytes) throws IOException
    {
        client = TestClient.connect(address, receiveBufferBytes);
    }

    /** A frame read: its type and the whole frame in a buffer of its own. */
    record Frame(int type, UnsafeBuffer buffer, int length)
    {
    }

    GameTestClient hello(final String name) throws IOException
    {
        return send(new HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION).name(name).frameLength());
    }

    GameTestClient join(final int roomId) throws IOException
    {
        return send(new JoinEncoder().wrap(buffer, 0).roomId(roomId).frameLength());
    }

    GameTestClient spectate(final int roomId) throws IOException
    {
        return send(new SpectateEncoder().wrap(buffer, 0).roomId(roomId).frameLength());
    }

    GameTestClient move(final int inputSeq, final int x, final int y) throws IOException
    {
        return send(new MoveEncoder().wrap(buffer, 0).inputSeq(inputSeq).position(x, y).clientTimeNs(System.nanoTime())
            .frameLength());
    }

    GameTestClient chat(final String text) throws IOException
    {
        return send(new ChatEncoder().wrap(buffer, 0).clientTimeNs(System.nanoTime()).text(text).frameLength());
    }

    /**
     * A CHAT whose client time is a number the test chooses, such as a sequence number the readers check.
     */
    GameTestClient chat(final long clientTimeNs, final String text) throws IOException
    {
        return send(new ChatEncoder().wrap(buffer, 0).clientTimeNs(clientTimeNs).text(text).frameLength());
    }

    GameTestClient bye() throws IOException
    {
        return send(new ReasonEncoder().wrap(buffer, 0, GameProtocol.BYE).reason(CloseReason.PEER_CLOSED)
            .frameLength());
    }

    GameTestClient leave() throws IOException
    {
        FrameDescriptor.putHeader(buffer, 0, FrameDescriptor.HEADER_LENGTH, GameProtocol.LEAVE);
        return send(FrameDescriptor.HEADER_LENGTH);
    }

    GameTestClient send(final int length) throws IOException
    {
        client.write(buffer.byteArray(), 0, length);
        return this;
    }

    GameTestClient sendRaw(final byte[] bytes) throws IOException
    {
        client.write(bytes);
        return this;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    Frame next() throws IOException
    {
        final byte[] header = client.readExactly(FrameDescriptor.HEADER_LENGTH);
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);
        final int length = FrameDescriptor.frameLength(headerBuffer, 0);
        final byte[] frame = new byte[length];
        System.arraycopy(header, 0, frame, 0, header.length);
        final byte[] body = client.readExactly(length - header.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        return new Frame(FrameDescriptor.frameType(headerBuffer, 0), new UnsafeBuffer(frame), length);
    }

    /**
     * @return the next frame, or null when the server closed its side in order (FIN) at a frame boundary; a reset
     * (RST) throws.
     */
    Frame nextOrFin() throws IOException
    {
        try
        {
            return next();
        }
        catch (final java.io.EOFException ex)
        {
            if (ex.getMessage().startsWith("EOF after 0 of"))
            {
                return null;
            }
            throw ex;
        }
    }

    /**
     * @return the next frame of the type, skipping STATE and HEARTBEAT; any other type fails.
     */
    Frame expect(final int type) throws IOException
    {
        while (true)
        {
            final Frame frame = next();
            if (frame.type() == type)
            {
                return frame;
            }
            if (frame.type() != GameProtocol.STATE && frame.type() != GameProtocol.HEARTBEAT)
            {
                throw new AssertionError("expected " + GameProtocol.name(type) + ", got " +
                    GameProtocol.name(frame.type()) + describeReason(frame));
            }
        }
    }

    /**
     * @return the reason of the KICK that arrives (skipping STATE and HEARTBEAT), after checking the server
     * then closes.
     */
    CloseReason expectKick() throws IOException
    {
        final Frame kick = expect(GameProtocol.KICK);
        final CloseReason reason = new ReasonDecoder().wrap(kick.buffer(), 0, kick.length()).reason();
        if (!awaitClosed())
        {
            throw new AssertionError("the server did not close after KICK " + reason);
        }
        return reason;
    }

    boolean awaitClosed() throws IOException
    {
        return client.awaitClosedByServer();
    }

    @Override
    public void close() throws IOException
    {
        client.close();
    }

    private static String describeReason(final Frame frame)
    {
        return frame.type() == GameProtocol.KICK ?
            " " + new ReasonDecoder().wrap(frame.buffer(), 0, frame.length()).reason() : "";
    }
}

