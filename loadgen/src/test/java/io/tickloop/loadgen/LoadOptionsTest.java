package io.tickloop.loadgen;

import io.tickloop.loadgen.engine.LoadConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadOptionsTest
{
    @Test
    void shouldGiveEveryFlagNotGivenItsDefault()
    {
        final LoadConfig config = LoadOptions.parse();

        assertEquals("127.0.0.1:7777", config.target().getHostString() + ":" + config.target().getPort());
        assertEquals(List.of(100, 10_000L, 1, 10_000L, 5_000L, 64, 1, 5_000, 5_000L, 0L),
            List.of(config.connections(), config.ratePerSecond(), config.pipeline(), config.durationMs(),
                config.warmupMs(), config.messageSize(), config.threads(), config.connectRatePerSecond(),
                config.timeoutMs(), config.maxErrors()));
        assertTrue(config.sourceAddresses().isEmpty());
    }

    @Test
    void shouldReadTypedValues()
    {
        final LoadConfig config = LoadOptions.parse("--duration", "2m", "--warmup", "250ms", "--size", "1k",
            "--timeout", "1s", "--rate", "0", "--pipeline", "8");

        assertEquals(120_000, config.durationMs());
        assertEquals(250, config.warmupMs());
        assertEquals(1024, config.messageSize());
        assertEquals(1_000, config.timeoutMs());
        assertTrue(!config.isOpenLoop());
    }

    @Test
    void shouldParseHostAndPort()
    {
        final InetSocketAddress target = HostPorts.parse("127.0.0.1:7777");

        assertEquals("127.0.0.1", target.getAddress().getHostAddress());
        assertEquals(7777, target.getPort());
    }

    @Test
    void shouldRejectATargetWithoutAPort()
    {
        assertThrows(IllegalArgumentException.class, () -> HostPorts.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> HostPorts.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> HostPorts.parse("127.0.0.1:70000"));
    }

    @Test
    void shouldRejectAPingShorterThanItsFields()
    {
        final ParameterException ex = assertThrows(ParameterException.class, () -> LoadOptions.parse("--size", "19"));

        assertEquals("--size must be 20..65535, was 19", ex.getMessage());
    }

    @Test
    void shouldRejectMoreThreadsThanConnections()
    {
        final ParameterException ex = assertThrows(ParameterException.class,
            () -> LoadOptions.parse("--connections", "2", "--threads", "3"));

        assertEquals("--threads must be 1..--connections (2), was 3", ex.getMessage());
    }

    @Test
    void shouldRejectAZeroDuration()
    {
        final ParameterException ex = assertThrows(ParameterException.class,
            () -> LoadOptions.parse("--duration", "0s"));

        assertEquals("--duration must be at least 1ms, was 0ms", ex.getMessage());
    }
}
