package io.tickloop.server;

import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.InputsEncoder;
import io.tickloop.protocol.game.SnapshotDecoder;
import io.tickloop.protocol.game.UdpHelloEncoder;
import io.tickloop.protocol.game.UdpWelcomeDecoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.DatagramCounters;
import io.tickloop.server.game.DatagramCounters.Kind;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game's UDP port end to end under every model: WELCOME's token binds a client's own connected
 * {@link DatagramChannel}, INPUTS move the player and SNAPSHOTs come back by UDP; every hostile datagram is dropped
 * without an answer and counted.
 */
class UdpChannelTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
    private GameService game;

    @AfterEach
    void closeAll() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldBindByTokenThenTakeInputsAndSendStatesByUdp(final SocketModel model) throws Exception
    {
        final Session session = start(model, "--udp-max-datagrams-per-second", "1000").enter("udp-player");
        final DatagramChannel udp = session.bind();

        send(udp, inputs(session).addInput(2, 7, 8, 0).addInput(1, 1, 1, 0).frameLength());
        final long deadlineNs = System.nanoTime() + DEADLINE.toNanos();
        SnapshotDecoder state;
        do
        {
            state = awaitSnapshot(udp, session.playerId);
            assertTrue(System.nanoTime() < deadlineNs, "no SNAPSHOT with the input applied");
        }
        while (null == state || state.lastInputSeq() != 2);
        final int entry = entryOf(state, session.playerId);
        assertEquals(7, state.x(entry));
        assertEquals(8, state.y(entry));

        send(udp, inputs(session).addInput(1, 1, 1, 0).frameLength()); // only an input already superseded
        await().atMost(DEADLINE).until(() -> counters().count(Kind.STALE) == 1);
        assertEquals(1, counters().count(Kind.BOUND));
        assertTrue(counters().count(Kind.INPUTS_TAKEN) >= 1);
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDropAndCountEveryHostileDatagramWithoutAnswering(final SocketModel model) throws Exception
    {
        final Session session = start(model, "--udp-max-datagrams-per-second", "20").enter("target");
        final DatagramChannel bound = session.bind();
        final DatagramChannel stranger = connectedChannel(session.udpPort);

        send(stranger, inputs(session).addInput(5, 0, 0, 0).frameLength()); // right token, unbound source
        await().atMost(DEADLINE).until(() -> counters().count(Kind.UNBOUND_SOURCE) == 1);

        send(stranger, new UdpHelloEncoder().wrap(out, 0).credentials(session.playerId, session.token0,
            session.token1 ^ 1).frameLength());
        await().atMost(DEADLINE).until(() -> counters().count(Kind.BAD_TOKEN) == 1);

        send(stranger, new UdpHelloEncoder().wrap(out, 0).credentials(session.playerId, session.token0,
            session.token1).frameLength()); // the right token, from a second source once bound
        await().atMost(DEADLINE).until(() -> counters().count(Kind.EXPIRED) == 1);

        send(bound, new InputsEncoder().wrap(out, 0).credentials(session.playerId, session.token0, ~session.token1)
            .addInput(6, 0, 0, 0).frameLength()); // the bound source with a wrong token
        await().atMost(DEADLINE).until(() -> counters().count(Kind.BAD_TOKEN) == 2);

        FrameDescriptor.putHeader(out, 0, 1_300, GameProtocol.INPUTS);
        send(stranger, 1_300); // larger than any datagram of the protocol
        await().atMost(DEADLINE).until(() -> counters().count(Kind.MALFORMED) == 1);

        for (int seq = 10; seq < 70; seq++)
        {
            send(bound, inputs(session).addInput(seq, 0, 0, 0).frameLength());
        }
        await().atMost(DEADLINE).until(() -> counters().count(Kind.FLOODING) >= 20);
        System.out.printf("%s, hostile datagrams: %s%n", model, counters());

        assertNull(receive(stranger, 300), "an unverified source was answered");
    }

    private Session start(final SocketModel model, final String... gameFlags) throws IOException
    {
        final String[] flags = new String[gameFlags.length + 2];
        flags[0] = "--udp-port";
        flags[1] = "0";
        System.arraycopy(gameFlags, 0, flags, 2, gameFlags.length);
        final ServerFixture fixture = new ServerFixture(model,
            config -> game = new GameService(GameOptions.parse(flags), config));
        closeables.add(fixture);
        return new Session(fixture);
    }

    private DatagramCounters counters()
    {
        return game.datagramCounters();
    }

    private InputsEncoder inputs(final Session session)
    {
        return new InputsEncoder().wrap(out, 0).credentials(session.playerId, session.token0, session.token1);
    }

    private DatagramChannel connectedChannel(final int port) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open();
        closeables.add(channel);
        channel.connect(new InetSocketAddress("127.0.0.1", port)); // the kernel drops datagrams from anyone else
        channel.configureBlocking(false);
        return channel;
    }

    private void send(final DatagramChannel channel, final int length) throws IOException
    {
        final ByteBuffer bytes = out.byteBuffer().duplicate().clear().limit(length);
        assertEquals(length, channel.write(bytes));
    }

    /**
     * @return the next datagram within {@code timeoutMs}, or null.
     */
    private static UnsafeBuffer receive(final DatagramChannel channel, final long timeoutMs) throws IOException
    {
        try (Selector selector = Selector.open())
        {
            channel.register(selector, SelectionKey.OP_READ);
            final ByteBuffer bytes = ByteBuffer.allocate(2048);
            final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
            while (System.nanoTime() < deadlineNs)
            {
                selector.select(Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000L));
                if (channel.read(bytes) > 0)
                {
                    return new UnsafeBuffer(bytes.array(), 0, bytes.position());
                }
            }
            return null;
        }
    }

    private static SnapshotDecoder awaitSnapshot(final DatagramChannel udp, final int playerId) throws IOException
    {
        final UnsafeBuffer datagram = receive(udp, DEADLINE.toMillis());
        assertNotNull(datagram, "no datagram");
        final SnapshotDecoder state = new SnapshotDecoder().wrap(datagram, 0, datagram.capacity());
        assertEquals(GameProtocol.SNAPSHOT, FrameDescriptor.frameType(datagram, 0));
        assertTrue(state.isWellFormed());
        return entryOf(state, playerId) < 0 ? null : state;
    }

    private static int entryOf(final SnapshotDecoder state, final int playerId)
    {
        for (int i = 0; i < state.count(); i++)
        {
            if (state.playerId(i) == playerId)
            {
                return i;
            }
        }
        return -1;
    }

    /** A player in room 1 over TCP, with what WELCOME said about UDP. */
    private final class Session
    {
        private final ServerFixture fixture;
        private int playerId;
        private int udpPort;
        private long token0;
        private long token1;

        Session(final ServerFixture fixture)
        {
            this.fixture = fixture;
        }

        Session enter(final String name) throws IOException
        {
            final GameTestClient client = new GameTestClient(fixture.address());
            closeables.add(client);
            final GameTestClient.Frame frame = client.hello(name).expect(GameProtocol.WELCOME);
            final WelcomeDecoder welcome = new WelcomeDecoder().wrap(frame.buffer(), 0, frame.length());
            assertTrue(welcome.isWellFormed() && welcome.hasUdp(), "WELCOME offers UDP");
            assertEquals(game.udpPort(), welcome.udpPort());
            playerId = welcome.playerId();
            udpPort = welcome.udpPort();
            token0 = welcome.token0();
            token1 = welcome.token1();
            client.join(1).expect(GameProtocol.JOINED);
            return this;
        }

        /**
         * UDP_HELLO until a UDP_WELCOME comes back (a datagram may be lost), from a connected channel of its own.
         */
        DatagramChannel bind() throws IOException
        {
            final DatagramChannel udp = connectedChannel(udpPort);
            final int hello = new UdpHelloEncoder().wrap(out, 0).credentials(playerId, token0, token1).frameLength();
            for (int attempt = 0; attempt < 20; attempt++)
            {
                send(udp, hello);
                final UnsafeBuffer answer = receive(udp, 200);
                if (null != answer && FrameDescriptor.frameType(answer, 0) == GameProtocol.UDP_WELCOME)
                {
                    final UdpWelcomeDecoder welcome = new UdpWelcomeDecoder().wrap(answer, 0, answer.capacity());
                    assertTrue(welcome.isWellFormed());
                    assertEquals(playerId, welcome.playerId());
                    assertTrue(answer.capacity() * 3 <= hello, "the answer is a third of the HELLO at most");
                    return udp;
                }
            }
            throw new AssertionError("no UDP_WELCOME");
        }
    }
}
