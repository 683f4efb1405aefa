package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.server.command.ServiceKind;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.metrics.MetricsSnapshot;
import io.tickloop.server.service.Connection;
import io.tickloop.server.service.ConnectionHandler;
import io.tickloop.server.service.PingService;
import io.tickloop.server.service.Service;
import io.tickloop.server.transport.DirectBuffers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;

import static io.tickloop.server.TestClient.pings;
import static io.tickloop.server.TestClient.pongsFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport's defenses (issue 12, docs/reliability.md "Transport"), each parameterized over every model
 * where it applies: what a hostile or broken client, or the machine running out of a resource, may cost.
 */
class TransportHardeningTest
{
    private static final int PING_LENGTH = 32;

    @AfterEach
    void stopInjecting()
    {
        DirectBuffers.failNextAllocations(0);
    }

    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"BLOCKING", "VIRTUAL", "ASYNC"})
    void shouldCloseAConnectionWithoutMemoryForItsReadBufferAndServeOn(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(model, ServiceKind.PING))
        {
            final int baselineThreads = fixture.metrics().threads();
            DirectBuffers.failNextAllocations(1);
            try (TestClient starved = TestClient.connect(fixture.address()))
            {
                assertTrue(starved.awaitClosedByServer(), "the connection without a read buffer is closed");
            }
            final MetricsSnapshot metrics = fixture.awaitMetrics(m -> m.connections() == 0 &&
                m.closes(CloseReason.INTERNAL_ERROR) == 1 && m.threads() == baselineThreads);
            assertEquals(1, metrics.allocationFailures());

            try (TestClient next = TestClient.connect(fixture.address()))
            {
                assertRoundTrip(next, 1); // accepting goes on
            }
        }
    }

    @Test
    void shouldStopHandingConnectionsToAReactorLoopThatDied() throws Exception
    {
        final Service ping = new PingService(4096);
        final Service diesOnX = new Service()
        {
            @Override
            public String name()
            {
                return "dies-on-x";
            }

            @Override
            public ConnectionHandler onOpen(final Connection connection)
            {
                final ConnectionHandler handler = ping.onOpen(connection);
                return (buffer, offset, length) ->
                {
                    if (buffer.getByte(offset) == 'X')
                    {
                        throw new StackOverflowError("an Error no guard catches, on purpose: the loop dies");
                    }
                    handler.onBytes(buffer, offset, length);
                };
            }
        };
        try (ServerFixture fixture = new ServerFixture(SocketModel.REACTORS, config -> diesOnX);
            TestClient killer = TestClient.connect(fixture.address()))
        {
            killer.write(new byte[]{'X'});
            assertTrue(killer.awaitClosedByServer(), "the dead loop closed its connections");
            fixture.awaitMetrics(m -> m.connections() == 0 && m.threads() == 2); // the acceptor and one loop

            for (int i = 0; i < 6; i++) // round-robin would hand every second one to the dead loop
            {
                try (TestClient client = TestClient.connect(fixture.address()))
                {
                    assertRoundTrip(client, i);
                }
            }
            fixture.awaitMetrics(m -> m.connections() == 0);
        }
    }

    static void assertRoundTrip(final TestClient client, final long seq) throws IOException
    {
        final byte[] ping = pings(seq, 1, PING_LENGTH);
        client.write(ping);
        assertArrayEquals(pongsFor(ping), client.readExactly(ping.length));
    }
}
