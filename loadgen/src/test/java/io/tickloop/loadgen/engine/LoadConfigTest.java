package io.tickloop.loadgen.engine;

import io.tickloop.loadgen.LoadOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadConfigTest
{
    @Test
    void shouldNotBindWhenOneSourceAddressHasPortsEnough()
    {
        final LoadConfig config = LoadOptions.parse(
            "--connections", Integer.toString(LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS));

        assertTrue(config.effectiveSourceAddresses().isEmpty());
    }

    @Test
    void shouldSpreadManyLoopbackConnectionsOverSourceAddresses()
    {
        final LoadConfig config = LoadOptions.parse(
            "--connections", Integer.toString(2 * LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS + 1));

        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"),
            config.effectiveSourceAddresses().stream().map(InetAddress::getHostAddress).toList());
    }

    @Test
    void shouldKeepTheSourceAddressesAsked()
    {
        final LoadConfig config = LoadOptions.parse("--connections", "50000", "--source-addresses", "127.0.0.9");

        assertEquals(List.of(LoadConfig.parseAddress("127.0.0.9")), config.effectiveSourceAddresses());
    }
}
