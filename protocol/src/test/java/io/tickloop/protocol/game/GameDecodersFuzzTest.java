package io.tickloop.protocol.game;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickloop.protocol.FrameLog;
import io.tickloop.protocol.FuzzInput;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.PingDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static io.tickloop.protocol.FrameDescriptor.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every message decoder (PING/PONG, each game message and the game's datagrams) under fuzzed frames, reassembled from a stream cut at
 * fuzzed points. One target for all decoders: the frame's own type picks the decoder, so a campaign's time is
 * shared by all of them and the seeds hold one valid frame of each type. Inputs: {@link FuzzInput}, its
 * parameter picks the maximum frame length (4 + 16 p). A campaign: {@code bin/tickloop fuzz decoders 5m}.
 */
class GameDecodersFuzzTest
{
    private static final int FRAME_OFFSET = 5;

    private final PingDecoder ping = new PingDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final JoinDecoder join = new JoinDecoder();
    private final SpectateDecoder spectate = new SpectateDecoder();
    private final JoinedDecoder joined = new JoinedDecoder();
    private final MoveDecoder move = new MoveDecoder();
    private final StateDecoder state = new StateDecoder();
    private final ChatDecoder chat = new ChatDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final ReasonDecoder reason = new ReasonDecoder();
    private final UdpHelloDecoder udpHello = new UdpHelloDecoder();
    private final UdpWelcomeDecoder udpWelcome = new UdpWelcomeDecoder();
    private final InputsDecoder inputs = new InputsDecoder();
    private final SnapshotDecoder snapshot = new SnapshotDecoder();

    /**
     * A decoder reads no byte outside its frame (each frame is decoded from a copy exactly its size, so such a
     * read throws), every accessor of a well-formed frame answers, nothing throws, and the stream cut anywhere
     * decodes to the same messages as whole.
     */
    @FuzzTest(maxDuration = "10s")
    void shouldDecodeTheSameMessagesHoweverTheStreamIsCut(final byte[] data)
    {
        final FuzzInput input = FuzzInput.of(data);
        final int maxFrameLength = HEADER_LENGTH + 16 * input.parameter();

        final List<String> whole = new ArrayList<>();
        new FrameLog(maxFrameLength, (type, buffer, offset, length) -> whole.add(decode(type, buffer, offset, length)))
            .feed(input.stream());
        final List<String> cut = new ArrayList<>();
        new FrameLog(maxFrameLength, (type, buffer, offset, length) -> cut.add(decode(type, buffer, offset, length)))
            .feed(input.chunks());

        assertEquals(whole, cut);
    }

    private String decode(final int type, final DirectBuffer source, final int sourceOffset, final int length)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_OFFSET + length]);
        frame.putBytes(FRAME_OFFSET, source, sourceOffset, length);
        final String name = MessageTypes.name(type);
        final String fields = switch (type)
        {
            case MessageTypes.PING, MessageTypes.PONG -> ping.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                ping.seq() + "," + ping.sendNanos() : null;
            case GameProtocol.HELLO -> hello.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                hello.version() + "," + hello.name() : null;
            case GameProtocol.WELCOME -> welcome.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                welcome.playerId() + "," + welcome.tickHz() +
                    (welcome.hasUdp() ? "," + welcome.udpPort() + "," + welcome.token0() + "," + welcome.token1() : "") :
                null;
            case GameProtocol.JOIN -> join.wrap(frame, FRAME_OFFSET, length).isWellFormed() ? "" + join.roomId() : null;
            case GameProtocol.SPECTATE -> spectate.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                "" + spectate.roomId() : null;
            case GameProtocol.JOINED -> joined.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                joined.roomId() + "," + joined.playersPresent() : null;
            case GameProtocol.MOVE -> move.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                move.inputSeq() + "," + move.x() + "," + move.y() + "," + move.clientTimeNs() : null;
            case GameProtocol.STATE -> state.wrap(frame, FRAME_OFFSET, length).isWellFormed() ? stateFields() : null;
            case GameProtocol.CHAT -> chat.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                chat.senderId() + "," + chat.clientTimeNs() + "," + chat.textLength() + "," + chat.text() : null;
            case GameProtocol.HEARTBEAT -> heartbeat.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                "" + heartbeat.timeNs() : null;
            case GameProtocol.KICK, GameProtocol.BYE -> reason.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                reason.reasonCode() + "," + reason.reason() : null;
            // Datagrams keep their boundaries; framed here, they still must read nothing outside themselves.
            case GameProtocol.UDP_HELLO -> udpHello.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                udpHello.playerId() + "," + udpHello.hasToken(0, 0) : null;
            case GameProtocol.UDP_WELCOME -> udpWelcome.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                "" + udpWelcome.playerId() : null;
            case GameProtocol.INPUTS -> inputs.wrap(frame, FRAME_OFFSET, length).isWellFormed() ? inputsFields() : null;
            case GameProtocol.SNAPSHOT -> snapshot.wrap(frame, FRAME_OFFSET, length).isWellFormed() ?
                snapshotFields() : null;
            default -> "length " + length;
        };
        return name + " " + (null == fields ? "malformed, length " + length : fields);
    }

    private String inputsFields()
    {
        final StringBuilder fields = new StringBuilder().append(inputs.playerId()).append(',')
            .append(inputs.hasToken(0, 0)).append(',').append(inputs.count());
        for (int i = 0; i < inputs.count(); i++)
        {
            fields.append(';').append(inputs.inputSeq(i)).append(',').append(inputs.x(i)).append(',')
                .append(inputs.y(i)).append(',').append(inputs.clientTimeNs(i));
        }
        return fields.toString();
    }

    private String snapshotFields()
    {
        final StringBuilder fields = new StringBuilder().append(snapshot.tick()).append(',')
            .append(snapshot.lastInputSeq()).append(',').append(snapshot.count());
        for (int i = 0; i < snapshot.count(); i++)
        {
            fields.append(';').append(snapshot.playerId(i)).append(',').append(snapshot.x(i)).append(',')
                .append(snapshot.y(i));
        }
        return fields.toString();
    }

    private String stateFields()
    {
        final StringBuilder fields = new StringBuilder().append(state.tick()).append(',').append(state.count());
        for (int i = 0; i < state.count(); i++)
        {
            fields.append(';').append(state.playerId(i)).append(',').append(state.x(i)).append(',').append(state.y(i))
                .append(',').append(state.lastInputSeq(i));
        }
        return fields.toString();
    }
}
