package io.tickloop.protocol.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.MessageTypes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GameCodecTest
{
    private static final int AT = 3;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    @Test
    void shouldRoundTripHello()
    {
        final int length = new HelloEncoder().wrap(buffer, AT).version(GameProtocol.VERSION).name("bot-é").frameLength();

        final HelloDecoder decoder = new HelloDecoder().wrap(buffer, AT, length);

        assertHeader(GameProtocol.HELLO, length);
        assertTrue(decoder.isWellFormed());
        assertEquals(GameProtocol.VERSION, decoder.version());
        assertEquals("bot-é", decoder.name());
        assertFalse(new HelloDecoder().wrap(buffer, AT, length - 1).isWellFormed(), "short");
        assertFalse(new HelloDecoder().wrap(buffer, AT, length + 1).isWellFormed(), "long");
        assertFalse(new HelloDecoder().wrap(buffer, AT, HelloDecoder.NAME_OFFSET - 1).isWellFormed(), "no name length");
    }

    @Test
    void shouldRejectAnEmptyOrOverlongName()
    {
        final HelloEncoder encoder = new HelloEncoder().wrap(buffer, 0);
        assertThrows(IllegalArgumentException.class, () -> encoder.name(""));
        assertThrows(IllegalArgumentException.class, () -> encoder.name("x".repeat(GameProtocol.MAX_NAME_BYTES + 1)));
        assertFalse(new HelloDecoder().wrap(buffer, 0, encoder.frameLength()).isWellFormed(), "a zero name length");

        buffer.putByte(HelloDecoder.NAME_LENGTH_OFFSET, (byte)(GameProtocol.MAX_NAME_BYTES + 1));
        assertFalse(new HelloDecoder().wrap(buffer, 0, HelloDecoder.NAME_OFFSET + GameProtocol.MAX_NAME_BYTES + 1)
            .isWellFormed());
    }

    @Test
    void shouldRoundTripWelcomeJoinAndJoined()
    {
        final int welcome = new WelcomeEncoder().wrap(buffer, AT).playerId(42).tickHz(20).frameLength();
        final WelcomeDecoder welcomeDecoder = new WelcomeDecoder().wrap(buffer, AT, welcome);
        assertHeader(GameProtocol.WELCOME, welcome);
        assertTrue(welcomeDecoder.isWellFormed());
        assertEquals(42, welcomeDecoder.playerId());
        assertEquals(20, welcomeDecoder.tickHz());
        assertFalse(welcomeDecoder.wrap(buffer, AT, welcome - 1).isWellFormed());

        final int join = new JoinEncoder().wrap(buffer, AT).roomId(7).frameLength();
        assertHeader(GameProtocol.JOIN, join);
        assertEquals(7, new JoinDecoder().wrap(buffer, AT, join).roomId());
        assertTrue(new JoinDecoder().wrap(buffer, AT, join).isWellFormed());
        assertFalse(new JoinDecoder().wrap(buffer, AT, join - 1).isWellFormed());

        final int joined = new JoinedEncoder().wrap(buffer, AT).roomId(7).playersPresent(65_000).frameLength();
        final JoinedDecoder joinedDecoder = new JoinedDecoder().wrap(buffer, AT, joined);
        assertHeader(GameProtocol.JOINED, joined);
        assertTrue(joinedDecoder.isWellFormed());
        assertEquals(7, joinedDecoder.roomId());
        assertEquals(65_000, joinedDecoder.playersPresent(), "unsigned");
        assertFalse(joinedDecoder.wrap(buffer, AT, 4).isWellFormed());
    }

    @Test
    void shouldRoundTripSpectateWithJoinsLayout()
    {
        final int length = new SpectateEncoder().wrap(buffer, AT).roomId(0x01020304).frameLength();
        final SpectateDecoder decoder = new SpectateDecoder().wrap(buffer, AT, length);

        assertHeader(GameProtocol.SPECTATE, length);
        assertEquals(27, GameProtocol.SPECTATE, "the next free type after BYE");
        assertEquals(JoinDecoder.FRAME_LENGTH, length);
        assertEquals(0x04, buffer.getByte(AT + SpectateDecoder.ROOM_ID_OFFSET), "least significant byte first");
        assertTrue(decoder.isWellFormed());
        assertEquals(0x01020304, decoder.roomId());
        assertEquals(-1, decoder.wrap(buffer, AT, new SpectateEncoder().wrap(buffer, AT).roomId(-1).frameLength())
            .roomId());
        assertFalse(decoder.wrap(buffer, AT, length - 1).isWellFormed(), "short");
        assertFalse(decoder.wrap(buffer, AT, length + 1).isWellFormed(), "long");
        assertEquals("SPECTATE", MessageTypes.name(GameProtocol.SPECTATE));
    }

    @Test
    void shouldRoundTripMoveLittleEndian()
    {
        final int length = new MoveEncoder().wrap(buffer, 0).inputSeq(0x01020304).position(-5, 6).clientTimeNs(99)
            .frameLength();

        final MoveDecoder decoder = new MoveDecoder().wrap(buffer, 0, length);

        assertEquals(24, length);
        assertEquals(0x04, buffer.getByte(MoveDecoder.INPUT_SEQ_OFFSET), "least significant byte first");
        assertTrue(decoder.isWellFormed());
        assertEquals(0x01020304, decoder.inputSeq());
        assertEquals(-5, decoder.x());
        assertEquals(6, decoder.y());
        assertEquals(99, decoder.clientTimeNs());
        assertFalse(decoder.wrap(buffer, 0, length - 1).isWellFormed());
    }

    @Test
    void shouldRoundTripStateEntries()
    {
        final StateEncoder encoder = new StateEncoder().wrap(buffer, AT).tick(1234);
        assertEquals(StateDecoder.ENTRIES_OFFSET, encoder.frameLength(), "an empty STATE");
        encoder.addEntry(1, 10, 20, 5).addEntry(2, -30, 40, 0);

        final StateDecoder decoder = new StateDecoder().wrap(buffer, AT, encoder.frameLength());

        assertHeader(GameProtocol.STATE, encoder.frameLength());
        assertTrue(decoder.isWellFormed());
        assertEquals(1234, decoder.tick());
        assertEquals(2, decoder.count());
        assertEquals(1, decoder.playerId(0));
        assertEquals(20, decoder.y(0));
        assertEquals(5, decoder.lastInputSeq(0));
        assertEquals(-30, decoder.x(1));
        assertFalse(decoder.wrap(buffer, AT, encoder.frameLength() - 1).isWellFormed(), "a truncated entry");
        assertFalse(decoder.wrap(buffer, AT, StateDecoder.COUNT_OFFSET).isWellFormed(), "no count");
        assertEquals(255, StateDecoder.maxEntries(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH));
    }

    @Test
    void shouldRoundTripChatAndBoundItsText()
    {
        final int length = new ChatEncoder().wrap(buffer, AT).senderId(9).clientTimeNs(77).text("hi ☃").frameLength();

        final ChatDecoder decoder = new ChatDecoder().wrap(buffer, AT, length);

        assertHeader(GameProtocol.CHAT, length);
        assertTrue(decoder.isWellFormed());
        assertEquals(9, decoder.senderId());
        assertEquals(77, decoder.clientTimeNs());
        assertEquals("hi ☃", decoder.text());
        assertFalse(decoder.wrap(buffer, AT, length - 1).isWellFormed(), "text length past the frame");
        assertFalse(decoder.wrap(buffer, AT, ChatDecoder.TEXT_OFFSET - 1).isWellFormed(), "no text length");
        assertThrows(IllegalArgumentException.class,
            () -> new ChatEncoder().wrap(buffer, 0).text("x".repeat(GameProtocol.MAX_CHAT_BYTES + 1)));

        buffer.putShort(AT + ChatDecoder.TEXT_LENGTH_OFFSET, (short)(GameProtocol.MAX_CHAT_BYTES + 1),
            ByteOrder.LITTLE_ENDIAN);
        assertFalse(decoder.wrap(buffer, AT, ChatDecoder.TEXT_OFFSET + GameProtocol.MAX_CHAT_BYTES + 1).isWellFormed(),
            "text over the bound");
    }

    @Test
    void shouldRoundTripHeartbeatKickAndBye()
    {
        final int heartbeat = new HeartbeatEncoder().wrap(buffer, AT).timeNs(-2).frameLength();
        assertHeader(GameProtocol.HEARTBEAT, heartbeat);
        assertEquals(-2, new HeartbeatDecoder().wrap(buffer, AT, heartbeat).timeNs());
        assertFalse(new HeartbeatDecoder().wrap(buffer, AT, heartbeat + 1).isWellFormed());

        final ReasonEncoder encoder = new ReasonEncoder();
        final int kick = encoder.wrap(buffer, AT, GameProtocol.KICK).reason(CloseReason.ROOM_FULL).frameLength();
        assertHeader(GameProtocol.KICK, kick);
        assertEquals(CloseReason.ROOM_FULL, new ReasonDecoder().wrap(buffer, AT, kick).reason());

        encoder.wrap(buffer, AT, GameProtocol.BYE).reason(CloseReason.SHUTTING_DOWN);
        assertHeader(GameProtocol.BYE, kick);
        assertEquals(CloseReason.SHUTTING_DOWN.code(), new ReasonDecoder().wrap(buffer, AT, kick).reasonCode());
        assertFalse(new ReasonDecoder().wrap(buffer, AT, kick - 1).isWellFormed());
        assertThrows(IllegalArgumentException.class, () -> encoder.wrap(buffer, 0, GameProtocol.CHAT));

        buffer.putShort(AT + ReasonDecoder.REASON_OFFSET, (short)999, ByteOrder.LITTLE_ENDIAN);
        assertNull(new ReasonDecoder().wrap(buffer, AT, kick).reason(), "an unknown code");
    }

    @Test
    void shouldCarryTheUdpPortAndTokenInTheLongerWelcome()
    {
        final int welcome = new WelcomeEncoder().wrap(buffer, AT).playerId(42).tickHz(20)
            .udp(65_000, 0x0123_4567_89AB_CDEFL, -1L).frameLength();
        final WelcomeDecoder decoder = new WelcomeDecoder().wrap(buffer, AT, welcome);

        assertHeader(GameProtocol.WELCOME, welcome);
        assertEquals(WelcomeDecoder.FRAME_LENGTH_WITH_UDP, welcome);
        assertTrue(decoder.isWellFormed());
        assertTrue(decoder.hasUdp());
        assertEquals(42, decoder.playerId());
        assertEquals(20, decoder.tickHz());
        assertEquals(65_000, decoder.udpPort(), "unsigned");
        assertEquals(0x0123_4567_89AB_CDEFL, decoder.token0());
        assertEquals(-1L, decoder.token1());
        assertFalse(decoder.wrap(buffer, AT, welcome - 1).isWellFormed(), "a cut token");
        assertFalse(decoder.wrap(buffer, AT, WelcomeDecoder.FRAME_LENGTH).hasUdp(), "the shorter form");
    }

    @Test
    void shouldRoundTripUdpHelloAndCheckEveryBitOfTheToken()
    {
        final int hello = new UdpHelloEncoder().wrap(buffer, AT).credentials(7, 11L, Long.MIN_VALUE).frameLength();
        final UdpHelloDecoder decoder = new UdpHelloDecoder().wrap(buffer, AT, hello);

        assertHeader(GameProtocol.UDP_HELLO, hello);
        assertTrue(decoder.isWellFormed());
        assertEquals(7, decoder.playerId());
        assertTrue(decoder.hasToken(11L, Long.MIN_VALUE));
        assertFalse(decoder.hasToken(11L, Long.MIN_VALUE + 1), "the last bit of the second word");
        assertFalse(decoder.hasToken(10L, Long.MIN_VALUE), "the first word");
        assertFalse(decoder.wrap(buffer, AT, hello + 1).isWellFormed());

        final int welcome = new UdpWelcomeEncoder().wrap(buffer, AT).playerId(7).frameLength();
        assertHeader(GameProtocol.UDP_WELCOME, welcome);
        assertEquals(7, new UdpWelcomeDecoder().wrap(buffer, AT, welcome).playerId());
        assertTrue(welcome * 3 <= hello, "the answer to an unverified source is a third of what it sent");
        assertFalse(new UdpWelcomeDecoder().wrap(buffer, AT, welcome - 1).isWellFormed());
    }

    @Test
    void shouldRoundTripInputsNewestFirstAndBoundTheirCount()
    {
        final InputsEncoder encoder = new InputsEncoder().wrap(buffer, AT).credentials(3, 1L, 2L);
        for (int seq = 8; seq >= 1; seq--)
        {
            encoder.addInput(seq, seq * 10, -seq, seq * 1_000L);
        }
        assertThrows(IllegalStateException.class, () -> encoder.addInput(0, 0, 0, 0));
        final int length = encoder.frameLength();
        final InputsDecoder decoder = new InputsDecoder().wrap(buffer, AT, length);

        assertHeader(GameProtocol.INPUTS, length);
        assertEquals(InputsDecoder.frameLength(GameProtocol.MAX_INPUTS_PER_DATAGRAM), length);
        assertTrue(length <= GameProtocol.MAX_DATAGRAM_BYTES);
        assertTrue(decoder.isWellFormed());
        assertEquals(3, decoder.playerId());
        assertTrue(decoder.hasToken(1L, 2L));
        assertEquals(8, decoder.count());
        assertEquals(8, decoder.inputSeq(0), "newest first");
        assertEquals(80, decoder.x(0));
        assertEquals(-1, decoder.y(7));
        assertEquals(1_000L, decoder.clientTimeNs(7));
        assertFalse(decoder.wrap(buffer, AT, length - 1).isWellFormed(), "a cut input");
        assertFalse(decoder.wrap(buffer, AT, InputsDecoder.COUNT_OFFSET).isWellFormed(), "no count");

        buffer.putByte(AT + InputsDecoder.COUNT_OFFSET, (byte)9);
        assertFalse(decoder.wrap(buffer, AT, InputsDecoder.frameLength(9)).isWellFormed(), "over the bound");
        buffer.putByte(AT + InputsDecoder.COUNT_OFFSET, (byte)0);
        assertFalse(decoder.wrap(buffer, AT, InputsDecoder.INPUTS_OFFSET).isWellFormed(), "no input");
    }

    @Test
    void shouldRoundTripASnapshotWithTheReceiversInputOnce()
    {
        final SnapshotEncoder encoder = new SnapshotEncoder().wrap(buffer, AT, 99L, 7);
        for (int i = 0; i < SnapshotDecoder.MAX_ENTRIES; i++)
        {
            encoder.addEntry(i + 1, i * 10, -i);
        }
        final int length = encoder.frameLength();
        final SnapshotDecoder decoder = new SnapshotDecoder().wrap(buffer, AT, length);

        assertHeader(GameProtocol.SNAPSHOT, length);
        assertTrue(length <= GameProtocol.MAX_DATAGRAM_BYTES, length + " bytes");
        assertEquals(98, SnapshotDecoder.MAX_ENTRIES, "12-byte entries: 98 in a datagram, where STATE's 16 fit 74");
        assertTrue(decoder.isWellFormed());
        assertEquals(99L, decoder.tick());
        assertEquals(7, decoder.lastInputSeq());
        assertEquals(SnapshotDecoder.MAX_ENTRIES, decoder.count());
        assertEquals(98, decoder.playerId(97));
        assertEquals(970, decoder.x(97));
        assertEquals(-97, decoder.y(97));
        assertFalse(decoder.wrap(buffer, AT, length - 1).isWellFormed(), "a cut entry");
        assertFalse(decoder.wrap(buffer, AT, SnapshotDecoder.COUNT_OFFSET).isWellFormed(), "no count");
    }

    @Test
    void shouldNameEveryGameType()
    {
        for (int type = GameProtocol.HELLO; type < GameProtocol.END_TYPE; type++)
        {
            assertEquals(GameProtocol.name(type), MessageTypes.name(type));
        }
        for (int type = GameProtocol.UDP_HELLO; type < GameProtocol.END_DATAGRAM_TYPE; type++)
        {
            assertEquals(GameProtocol.name(type), MessageTypes.name(type));
        }
        assertEquals(MessageTypes.FIRST_GAME_TYPE, GameProtocol.HELLO);
        assertTrue(GameProtocol.UDP_HELLO >= GameProtocol.END_TYPE, "no datagram type is accepted over TCP");
        assertEquals("TYPE_99", MessageTypes.name(99));
    }

    private void assertHeader(final int type, final int length)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(buffer.byteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(length, bytes.getShort(AT) & 0xFFFF);
        assertEquals(type, bytes.getShort(AT + 2) & 0xFFFF);
    }
}
