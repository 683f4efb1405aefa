package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bots over {@code --transport ws}, through {@link WebSocketRelay} in front of a real game server: the bots'
 * side of the WebSocket contract, whatever the server's gateway does.
 */
class WebSocketBotsTest
{
    @Test
    void shouldPlayOverWebSocketWithoutErrors() throws Exception
    {
        final Server server = startGameServer();
        try (WebSocketRelay relay = new WebSocketRelay(tcpAddress(server)))
        {
            final GameLoadConfig config = new GameLoadConfig(relay.address(), 20, 2, 10, 1, 1000, 500, 1500, 0,
                EngineIdle.SELECT, List.of(), BotTransport.WS);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), false, new GameLoadRun(config));
            final String printed = console.toString(StandardCharsets.UTF_8);
            System.out.print(printed);

            assertTrue(result.isSuccess(), printed);
            assertEquals(0, result.errors(), printed);
            assertEquals(20, result.connected());
            assertEquals(0, result.wsHandshakeFailures());
            assertTrue(result.histogram(0).getTotalCount() > 100, "inputs acknowledged in STATEs");
            assertTrue(result.histogram(1).getTotalCount() > 5, "chats fanned out");
            assertTrue(result.histogram(2).getTotalCount() > 100, "STATEs received");
            assertEquals(20, relay.upgrades.get());
            assertEquals(List.of(), relay.violations);
            assertTrue(relay.clientMessages.get() > 300, "MOVEs, CHATs, HELLOs and JOINs as messages");
            await(() -> relay.pongs.get() == 20, "every bot answered the relay's ping");
            assertTrue(printed.contains("transport ws") && printed.contains("websocket: 20 upgrades (mean ") &&
                printed.contains(" 0 handshakes failed"),
                printed);
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldTakeACloseFrameAsTheServerClosingAndAnswerIt() throws Exception
    {
        final Server server = startGameServer();
        try (WebSocketRelay relay = new WebSocketRelay(tcpAddress(server)))
        {
            final GameLoadConfig config = new GameLoadConfig(relay.address(), 5, 1, 10, 0, 1000, 0, 3000, 100,
                EngineIdle.SELECT, List.of(), BotTransport.WS);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread closer = Thread.ofPlatform().start(() ->
            {
                try
                {
                    await(() -> relay.serverMessages.get() > 50, "the bots play");
                    relay.closeClients();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), true, new GameLoadRun(config));
            closer.join();
            final String printed = console.toString(StandardCharsets.UTF_8);

            assertEquals(null, failure.get());
            assertEquals(5, result.errors(), printed);
            assertTrue(printed.contains("websocket: 5 upgrades") &&
                printed.contains("0 handshakes failed, 5 closes from the server"), printed);
            await(() -> relay.clientCloses.get() == 5, "each bot answered the Close");
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldSayWhenTheTargetIsNotAWebSocketPort() throws Exception
    {
        final Server server = startGameServer();
        try
        {
            final GameLoadConfig config = new GameLoadConfig(tcpAddress(server), 5, 1, 10, 0, 1000, 0, 500, 100,
                EngineIdle.SELECT, List.of(), BotTransport.WS);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), true, new GameLoadRun(config));
            final String printed = console.toString(StandardCharsets.UTF_8);

            assertEquals(5, result.wsHandshakeFailures(), printed);
            assertEquals(5, result.errors(), printed);
            assertEquals(0, result.connected(), "no bot counts as connected before its upgrade");
            assertTrue(printed.contains("--target must be the server's --ws-port"), printed);
            assertTrue(printed.contains("websocket: 0 upgrades (mean - ms") &&
                printed.contains("first websocket failure: the server's answer is not HTTP: "), printed);
        }
        finally
        {
            server.close();
        }
    }

    static InetSocketAddress tcpAddress(final Server server)
    {
        return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
    }

    private static Server startGameServer() throws Exception
    {
        final ServerConfig serverConfig = ServerOptions.parse("--port", "0");
        final Server server = SocketModel.SELECTOR.create(serverConfig,
            new GameService(GameOptions.parse("--tick-hz", "20"), serverConfig));
        server.start();
        return server;
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
