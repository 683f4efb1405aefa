package io.tickloop.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLinesTest
{
    @Test
    void shouldParseAndFormatDurations()
    {
        assertEquals(250, Durations.parseMs("250ms"));
        assertEquals(250, Durations.parseMs("250"));
        assertEquals(5_000, Durations.parseMs("5s"));
        assertEquals(120_000, Durations.parseMs("2m"));
        assertEquals(3_600_000, Durations.parseMs("1h"));
        assertEquals("5s", Durations.format(5_000));
        assertEquals("2m", Durations.format(120_000));
        assertEquals("1500ms", Durations.format(1_500));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("5 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMs("-5s"));
    }

    @Test
    void shouldParseByteSizes()
    {
        assertEquals(4096, ByteSizes.parse("4096"));
        assertEquals(262_144, ByteSizes.parse("256k"));
        assertEquals(1 << 20, ByteSizes.parse("1m"));
        assertEquals(1 << 20, ByteSizes.parse("1MiB"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("4g"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("4096m"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("k"));
    }

    @Test
    void shouldGiveTypedValuesToTheCommand()
    {
        final Example example = new Example();
        final int exitCode = CommandLines.create(example).execute("--timeout", "2m", "--queue", "64k", "--port", "80");
        assertEquals(0, exitCode);
        assertEquals(Duration.ofMinutes(2), example.timeout);
        assertEquals(65_536, example.queue);
        assertEquals(80, example.port);
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheFlagOutOfRange()
    {
        final String err = runExpectingBadFlag("--port", "70000");
        assertTrue(err.startsWith("example: --port must be 0..65535, was 70000"), err);
        assertTrue(err.contains("Try 'example --help'"), err);
    }

    @Test
    void shouldExitTwoForAValueOfTheWrongSyntax()
    {
        final String err = runExpectingBadFlag("--timeout", "5 parsecs");
        assertTrue(err.contains("--timeout") && err.contains("unknown unit"), err);
    }

    @Test
    void shouldParseAMixinOutsideACommandWithItsBounds()
    {
        final PortOption option = CommandLines.parse(new PortOption(), "--port", "0");
        assertEquals(0, option.port);
        assertEquals(7777, CommandLines.parse(new PortOption()).port);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> CommandLines.parse(new PortOption(), "--port", "-1"));
        assertEquals("--port must be 0..65535, was -1", ex.getMessage());
    }

    @Test
    void shouldReadAnEnumByItsCommandLineNameAndListTheNamesWhenUnknown()
    {
        final Example example = new Example();
        assertEquals(0, CommandLines.create(example).execute("--colour", "dark-red"));
        assertEquals(Colour.DARK_RED, example.colour);

        final String err = runExpectingBadFlag("--colour", "blue");
        assertTrue(err.contains("--colour") && err.contains("'blue' is not one of [green, dark-red]"),
            err);
    }

    private static String runExpectingBadFlag(final String... args)
    {
        final CommandLine commandLine = CommandLines.create(new Example());
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(CommandLines.BAD_FLAG, commandLine.execute(args));
        return err.toString();
    }

    static final class PortOption
    {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        int port;

        @Option(names = "--port", defaultValue = "7777")
        void port(final int port)
        {
            this.port = Flags.range(spec, "--port", port, 0, 65_535);
        }
    }

    enum Colour
    {
        GREEN, DARK_RED;

        @Override
        public String toString()
        {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Command(name = "example")
    static final class Example implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Option(names = "--timeout", defaultValue = "5s")
        Duration timeout;

        @Option(names = "--queue", defaultValue = "256k", converter = ByteSizes.class)
        int queue;

        @Option(names = "--colour", defaultValue = "green")
        Colour colour;

        int port;

        @Option(names = "--port", defaultValue = "7777")
        void port(final int port)
        {
            this.port = Flags.range(spec, "--port", port, 0, 65_535);
        }

        @Override
        public Integer call()
        {
            return 0;
        }
    }
}
