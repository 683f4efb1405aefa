package io.tickloop.loadgen.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadConfigTest
{
    @Test
    void shouldParseHostAndPort()
    {
        final InetSocketAddress target = LoadConfig.parseTarget("127.0.0.1:7777");

        assertEquals("127.0.0.1", target.getAddress().getHostAddress());
        assertEquals(7777, target.getPort());
    }

    @Test
    void shouldRejectATargetWithoutAPort()
    {
        assertThrows(IllegalArgumentException.class, () -> LoadConfig.parseTarget("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> LoadConfig.parseTarget("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> LoadConfig.parseTarget("127.0.0.1:70000"));
    }

    @Test
    void shouldNotBindWhenOneSourceAddressHasPortsEnough()
    {
        final LoadConfig config = new LoadConfig().connections(LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS);

        assertTrue(config.effectiveSourceAddresses().isEmpty());
    }

    @Test
    void shouldSpreadManyLoopbackConnectionsOverSourceAddresses()
    {
        final LoadConfig config = new LoadConfig().connections(2 * LoadConfig.CONNECTIONS_PER_SOURCE_ADDRESS + 1);

        assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"),
            config.effectiveSourceAddresses().stream().map(InetAddress::getHostAddress).toList());
    }

    @Test
    void shouldKeepTheSourceAddressesAsked()
    {
        final LoadConfig config = new LoadConfig()
            .connections(50_000)
            .sourceAddresses(List.of(LoadConfig.parseAddress("127.0.0.9")));

        assertEquals(List.of(LoadConfig.parseAddress("127.0.0.9")), config.effectiveSourceAddresses());
    }

    @Test
    void shouldRejectAPingShorterThanItsFields()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new LoadConfig().messageSize(19).validate());

        assertTrue(ex.getMessage().startsWith("--size must be 20..65535"), ex.getMessage());
    }

    @Test
    void shouldRejectMoreThreadsThanConnections()
    {
        assertThrows(IllegalArgumentException.class, () -> new LoadConfig().connections(2).threads(3).validate());
    }
}
