package io.tickloop.loadgen.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * One figure over the repetitions of a (scenario, model): its median and its spread, the smallest and the
 * largest value. Two models whose spreads overlap cannot be told apart by these runs.
 *
 * @param median the middle value (of an even count, the mean of the two middle ones); NaN with no value.
 * @param min the smallest value, NaN with no value.
 * @param max the largest value, NaN with no value.
 * @param count how many values it was made of.
 */
public record Spread(double median, double min, double max, int count)
{
    /** No value at all. */
    public static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN, 0);

    /**
     * @param values one value per repetition; NaN values (not measured) are left out.
     * @return their median and spread, {@link #NONE} when every value is NaN.
     */
    public static Spread of(final double... values)
    {
        final double[] sorted = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (sorted.length == 0)
        {
            return NONE;
        }
        final int middle = sorted.length / 2;
        final double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /**
     * @return true when there is at least one value.
     */
    public boolean isMeasured()
    {
        return count > 0;
    }

    /**
     * @param other another figure's spread.
     * @return true when the two min-max ranges share a value, ends included.
     */
    public boolean overlaps(final Spread other)
    {
        return isMeasured() && other.isMeasured() && min <= other.max && other.min <= max;
    }

    /**
     * @param format how to print one value, such as {@code %.3f}.
     * @return {@code -} with no value, the value alone for one, otherwise {@code median (min-max)}.
     */
    public String format(final String format)
    {
        if (!isMeasured())
        {
            return "-";
        }
        final String median = String.format(Locale.ROOT, format, this.median);
        return count == 1 ? median : median + " (" + String.format(Locale.ROOT, format, min) + "-" +
            String.format(Locale.ROOT, format, max) + ")";
    }
}
