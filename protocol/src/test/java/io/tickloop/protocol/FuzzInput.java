package io.tickloop.protocol;

import java.util.Arrays;

/**
 * How the protocol's fuzz targets read the fuzzer's bytes, laid out so that a seed can be written by hand:
 * <pre>
 *   byte 0         a parameter of the target (the maximum frame length, say)
 *   byte 1         how many cuts split the stream, 0..7
 *   2 bytes a cut  each cut a u16, little-endian, taken modulo the stream's length + 1
 *   the rest       the byte stream, as a peer would send it
 * </pre>
 * Missing bytes read as zero, so every input is valid and the fuzzer never wastes a run on a rejected one.
 */
public final class FuzzInput
{
    private static final int MAX_CUTS = 7;

    private final int parameter;
    private final byte[] stream;
    private final int[] cuts;

    private FuzzInput(final int parameter, final byte[] stream, final int[] cuts)
    {
        this.parameter = parameter;
        this.stream = stream;
        this.cuts = cuts;
    }

    /**
     * @param data the fuzzer's bytes.
     * @return the input they describe.
     */
    public static FuzzInput of(final byte[] data)
    {
        final int parameter = byteAt(data, 0);
        final int cutCount = byteAt(data, 1) % (MAX_CUTS + 1);
        final int streamStart = Math.min(data.length, 2 + 2 * cutCount);
        final byte[] stream = Arrays.copyOfRange(data, streamStart, data.length);
        final int[] cuts = new int[cutCount];
        for (int i = 0; i < cutCount; i++)
        {
            final int cut = byteAt(data, 2 + 2 * i) | byteAt(data, 3 + 2 * i) << 8;
            cuts[i] = cut % (stream.length + 1);
        }
        Arrays.sort(cuts);
        return new FuzzInput(parameter, stream, cuts);
    }

    /**
     * @return the target's parameter, 0..255.
     */
    public int parameter()
    {
        return parameter;
    }

    /**
     * @return the whole stream.
     */
    public byte[] stream()
    {
        return stream;
    }

    /**
     * @return the stream cut at the fuzzer's points, in order; empty chunks included, as a read may return 0.
     */
    public byte[][] chunks()
    {
        final byte[][] chunks = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++)
        {
            chunks[i] = Arrays.copyOfRange(stream, from, cuts[i]);
            from = cuts[i];
        }
        chunks[cuts.length] = Arrays.copyOfRange(stream, from, stream.length);
        return chunks;
    }

    private static int byteAt(final byte[] data, final int index)
    {
        return index < data.length ? data[index] & 0xFF : 0;
    }
}
