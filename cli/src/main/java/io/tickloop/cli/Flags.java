package io.tickloop.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks for option setters, so that a flag's bounds sit beside its declaration. Each returns the value
 * when it is in range and otherwise throws a {@link ParameterException} whose one line names the flag, the
 * accepted range and the value given: picocli passes it on as a bad flag (exit 2).
 * <pre>
 * &#64;Option(names = "--port", defaultValue = "7777")
 * void port(final int port)
 * {
 *     this.port = Flags.range(spec, "--port", port, 0, 65_535);
 * }
 * </pre>
 */
public final class Flags
{
    private Flags()
    {
    }

    /**
     * @param spec the command (or, in a mixin, {@code @Spec(MIXEE)}) the flag belongs to.
     * @param flag the flag's name.
     * @param value as given.
     * @param min the least accepted.
     * @param max the most accepted.
     * @return the value.
     */
    public static int range(final CommandSpec spec, final String flag, final int value, final int min, final int max)
    {
        require(spec, value >= min && value <= max, flag + " must be " + min + ".." + max + ", was " + value);
        return value;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param value as given.
     * @param min the least accepted.
     * @return the value.
     */
    public static int atLeast(final CommandSpec spec, final String flag, final int value, final int min)
    {
        require(spec, value >= min, flag + " must be at least " + min + ", was " + value);
        return value;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param value as given.
     * @param min the least accepted.
     * @return the value.
     */
    public static long atLeast(final CommandSpec spec, final String flag, final long value, final long min)
    {
        require(spec, value >= min, flag + " must be at least " + min + ", was " + value);
        return value;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param value as given.
     * @param min the least accepted.
     * @return the value.
     */
    public static double atLeast(final CommandSpec spec, final String flag, final double value, final double min)
    {
        require(spec, value >= min, flag + " must be at least " + min + ", was " + value);
        return value;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param value as given.
     * @return the value, when above zero.
     */
    public static double positive(final CommandSpec spec, final String flag, final double value)
    {
        require(spec, value > 0, flag + " must be positive, was " + value);
        return value;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param durationMs as given, in milliseconds.
     * @param minMs the shortest accepted, in milliseconds.
     * @return the duration in milliseconds.
     */
    public static long atLeastMs(final CommandSpec spec, final String flag, final long durationMs, final long minMs)
    {
        require(spec, durationMs >= minMs,
            flag + " must be at least " + Durations.format(minMs) + ", was " + Durations.format(durationMs));
        return durationMs;
    }

    /**
     * Reject a combination of flags (a bound that depends on another flag).
     *
     * @param spec the command the flags belong to.
     * @param condition what must hold.
     * @param message names the flag and what is accepted.
     */
    public static void require(final CommandSpec spec, final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
