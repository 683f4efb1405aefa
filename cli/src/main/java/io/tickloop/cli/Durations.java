package io.tickloop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;

/**
 * The duration syntax every tickloop command line shares: a whole number and a unit, {@code 500ms},
 * {@code 5s}, {@code 2m}, {@code 1h}; a bare number means milliseconds. {@link CommandLines} registers it for
 * every {@link Duration} option.
 */
public final class Durations implements ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String text)
    {
        try
        {
            return Duration.ofMillis(parseMs(text));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }

    /**
     * @param text such as {@code 250ms}, {@code 30s}, {@code 2m}.
     * @return the duration in milliseconds.
     * @throws IllegalArgumentException when the text is not a duration.
     */
    public static long parseMs(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart)))
        {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 12)
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use a number and a unit, " +
                "such as 500ms, 5s, 2m or 1h");
        }
        final long amount = Long.parseLong(value.substring(0, unitStart));
        return switch (value.substring(unitStart))
        {
            case "", "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit: use ms, s, m or h");
        };
    }

    /**
     * @param durationMs a duration in milliseconds.
     * @return it in the shortest exact form {@link #parseMs} reads back, such as {@code 5s} or {@code 250ms}.
     */
    public static String format(final long durationMs)
    {
        if (durationMs != 0 && durationMs % 60_000 == 0)
        {
            return durationMs / 60_000 + "m";
        }
        if (durationMs != 0 && durationMs % 1000 == 0)
        {
            return durationMs / 1000 + "s";
        }
        return durationMs + "ms";
    }
}
