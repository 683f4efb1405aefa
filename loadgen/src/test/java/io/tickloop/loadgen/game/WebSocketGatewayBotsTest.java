package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bots with {@code --transport ws} against the server's own WebSocket gateway ({@code --ws-port 0}), in
 * process, under more than one socket model: the gateway and the bots agree on the contract.
 */
class WebSocketGatewayBotsTest
{
    @ParameterizedTest
    @EnumSource(value = SocketModel.class, names = {"SELECTOR", "REACTORS", "VIRTUAL"})
    void shouldPlayOverTheGatewayWithoutErrors(final SocketModel model) throws Exception
    {
        final Server server = startGameServer(model);
        try
        {
            final GameLoadConfig config = new GameLoadConfig(webSocketAddress(server), 20, 2, 10, 1, 1000, 500, 1500,
                0, EngineIdle.SELECT, List.of(), BotTransport.WS);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), false, new GameLoadRun(config));
            final String printed = console.toString(StandardCharsets.UTF_8);
            System.out.print(model + ": " + printed);

            assertTrue(result.isSuccess(), printed);
            assertEquals(0, result.errors(), printed);
            assertEquals(20, result.connected(), printed);
            assertEquals(0, result.wsHandshakeFailures(), printed);
            assertEquals(0, result.seqBackwards(), printed);
            assertTrue(result.histogram(0).getTotalCount() > 100, "inputs acknowledged in STATEs: " + printed);
            assertTrue(result.histogram(1).getTotalCount() > 5, "chats fanned out: " + printed);
            assertTrue(result.histogram(2).getTotalCount() > 100, "STATEs received: " + printed);
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldCountTheGatewaysKickOnceThoughACloseFollowsIt() throws Exception
    {
        final Server server = startGameServer(SocketModel.SELECTOR, "--room-capacity", "2");
        try
        {
            final GameLoadConfig config = new GameLoadConfig(webSocketAddress(server), 4, 1, 10, 0, 1000, 0, 1000,
                100, EngineIdle.SELECT, List.of(), BotTransport.WS);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), true, new GameLoadRun(config));
            final String printed = console.toString(StandardCharsets.UTF_8);
            System.out.print(printed);

            assertEquals(2, result.kicks(), "two bots past the room's capacity: " + printed);
            assertEquals(2, result.errors(), "a KICK and the Close after it are one error: " + printed);
            assertEquals(0, result.wsHandshakeFailures(), printed);
        }
        finally
        {
            server.close();
        }
    }

    private static InetSocketAddress webSocketAddress(final Server server)
    {
        return new InetSocketAddress("127.0.0.1", server.webSocketAddress().getPort());
    }

    private static Server startGameServer(final SocketModel model, final String... gameFlags) throws Exception
    {
        final ServerConfig serverConfig = ServerOptions.parse("--port", "0", "--ws-port", "0");
        final String[] flags = java.util.stream.Stream.concat(java.util.stream.Stream.of("--tick-hz", "20"),
            java.util.Arrays.stream(gameFlags)).toArray(String[]::new);
        final Server server = model.create(serverConfig, new GameService(GameOptions.parse(flags), serverConfig));
        server.start();
        return server;
    }
}
