package io.tickloop.loadgen.engine.ws;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.tickloop.protocol.websocket.WebSocketDescriptor.FIN_BIT;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.LENGTH_16;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.LENGTH_64;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MASK_BIT;
import static io.tickloop.protocol.websocket.WebSocketDescriptor.MAX_SHORT_LENGTH;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Writes a client's WebSocket frames: header, fresh masking key, and the payload masked while it is copied into the
 * send buffer, so that masking costs no second pass and no allocation.
 * <p>
 * RFC 6455 asks for keys an intermediary cannot predict, against cache poisoning by a hostile page; a load
 * generator has no such adversary, so a per-connection xorshift, seeded once, does: cheap, and every frame still
 * gets a key of its own (a server that ignored the mask, or unmasked with the wrong phase, would see garbage).
 * One framer per connection, on the thread that writes it.
 */
public final class WebSocketClientFramer
{
    private long state;

    /**
     * @param seed the masking keys' seed; any value: it is mixed first (SplitMix64's finaliser), so that small or
     * neighbouring seeds do not start with keys of zero high bytes or alike, and 0 is replaced (xorshift would
     * stay at 0).
     */
    public WebSocketClientFramer(final long seed)
    {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        this.state = 0 == z ? 0x9E3779B97F4A7C15L : z;
    }

    /**
     * @return the next masking key (xorshift64), as the 4 key bytes in network order.
     */
    public int nextMaskKey()
    {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return (int)(x >>> 32);
    }

    /**
     * Write one final (unfragmented) frame masked with the next key.
     *
     * @param opcode its opcode: binary for a game frame, pong, close.
     * @param payload holding the payload.
     * @param payloadOffset where it starts.
     * @param payloadLength its length.
     * @param destination the send buffer; needs {@link WebSocketDescriptor#headerLength} plus the payload's bytes.
     * @param destinationOffset where the frame goes; must not overlap the payload.
     * @return bytes written, header included.
     */
    public int encode(
        final int opcode,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final MutableDirectBuffer destination,
        final int destinationOffset)
    {
        return encode(opcode, payload, payloadOffset, payloadLength, destination, destinationOffset, nextMaskKey());
    }

    /**
     * Write one final (unfragmented) frame masked with the given key.
     *
     * @param opcode its opcode.
     * @param payload holding the payload.
     * @param payloadOffset where it starts.
     * @param payloadLength its length.
     * @param destination the send buffer.
     * @param destinationOffset where the frame goes; must not overlap the payload.
     * @param maskKey the 4 key bytes, in network order ({@code 0x37fa213d} is the bytes 37 fa 21 3d).
     * @return bytes written, header included.
     */
    public static int encode(
        final int opcode,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final MutableDirectBuffer destination,
        final int destinationOffset,
        final int maskKey)
    {
        int position = destinationOffset;
        destination.putByte(position++, (byte)(FIN_BIT | opcode));
        if (payloadLength <= MAX_SHORT_LENGTH)
        {
            destination.putByte(position++, (byte)(MASK_BIT | payloadLength));
        }
        else if (payloadLength <= 0xFFFF)
        {
            destination.putByte(position++, (byte)(MASK_BIT | LENGTH_16));
            destination.putShort(position, (short)payloadLength, BIG_ENDIAN);
            position += 2;
        }
        else
        {
            destination.putByte(position++, (byte)(MASK_BIT | LENGTH_64));
            destination.putLong(position, payloadLength, BIG_ENDIAN);
            position += 8;
        }
        destination.putInt(position, maskKey, BIG_ENDIAN);
        position += 4;
        mask(payload, payloadOffset, payloadLength, destination, position, maskKey, 0);
        return position + payloadLength - destinationOffset;
    }

    /**
     * Copy bytes XOR the masking key, four at a time where it can; the same operation masks and unmasks.
     *
     * @param source holding the bytes.
     * @param sourceOffset where they start.
     * @param length how many.
     * @param destination where they go (may be the same bytes as the source).
     * @param destinationOffset where they go.
     * @param maskKey the 4 key bytes, in network order.
     * @param phase the first byte's index into the payload, mod 4 matters: where a frame continues across reads.
     */
    public static void mask(
        final DirectBuffer source,
        final int sourceOffset,
        final int length,
        final MutableDirectBuffer destination,
        final int destinationOffset,
        final int maskKey,
        final long phase)
    {
        final int shift = (int)(phase & 3) * 8;
        final int key = shift == 0 ? maskKey : Integer.rotateLeft(maskKey, shift);
        int i = 0;
        for (; i + 4 <= length; i += 4)
        {
            destination.putInt(destinationOffset + i, source.getInt(sourceOffset + i, BIG_ENDIAN) ^ key, BIG_ENDIAN);
        }
        for (; i < length; i++)
        {
            final int keyByte = key >>> (24 - 8 * (i & 3));
            destination.putByte(destinationOffset + i, (byte)(source.getByte(sourceOffset + i) ^ keyByte));
        }
    }
}
