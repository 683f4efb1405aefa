package io.tickloop.loadgen.game;

import io.tickloop.loadgen.LoadgenCommand;
import io.tickloop.loadgen.engine.EngineIdle;
import io.tickloop.loadgen.engine.LoadConfig;
import io.tickloop.server.Server;
import io.tickloop.server.ServerConfig;
import io.tickloop.server.ServerOptions;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.DatagramCounters;
import io.tickloop.server.game.GameOptions;
import io.tickloop.server.game.GameService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game bots against a real game server on loopback.
 */
class GameLoadRunTest
{
    private static final List<InetAddress> SOURCES =
        List.of(LoadConfig.parseAddress("127.0.0.2"), LoadConfig.parseAddress("127.0.0.3"));

    @Test
    void shouldMeasureInputChatAndStateIntervalWithoutErrors(@TempDir final Path directory) throws Exception
    {
        final Server server = startGameServer();
        try
        {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            final GameLoadConfig config =
                new GameLoadConfig(target, 30, 3, 10, 1, 1000, 500, 1500, 0, EngineIdle.SELECT, SOURCES,
                    BotTransport.TCP);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, directory, new PrintStream(console, true,
                StandardCharsets.UTF_8), false, new GameLoadRun(config));
            System.out.print(console.toString(StandardCharsets.UTF_8));

            assertTrue(result.isSuccess(), console.toString(StandardCharsets.UTF_8));
            assertEquals(30, result.connected());
            assertEquals(0, result.seqBackwards());
            assertTrue(result.histogram(0).getTotalCount() > 100, "input latency samples");
            assertTrue(result.histogram(1).getTotalCount() > 10, "chat latency samples");
            assertTrue(result.histogram(2).getTotalCount() > 100, "state interval samples");
            assertTrue(result.histogram(0).getValueAtPercentile(50) < 2_000_000_000L, "input latency is bounded");
            for (final String file : new String[] {"input.hgrm", "chat.hgrm", "state-interval.hgrm", "run.hlog",
                "summary.json"})
            {
                assertTrue(Files.size(directory.resolve(file)) > 0, file);
            }
            assertTrue(Files.readString(directory.resolve("run.hlog")).contains("Tag=input"));
            final String summary = Files.readString(directory.resolve("summary.json"));
            assertTrue(summary.contains("\"loader\": {") && summary.contains("\"sendLagUs\": {"), summary);
            assertTrue(result.loader().sendLag().getTotalCount() > 100, "send lag samples");
            assertTrue(summary.contains("\"pollGapUs\": {"), summary);
            assertTrue(result.loader().pollGap().getTotalCount() > 100, "poll gaps: the bots always await data");
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("loader: cpu "));
        }
        finally
        {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BotTransport.class)
    void shouldNotAllocateOnTheBotThreadInTheSteadyState(final BotTransport transport) throws Exception
    {
        final ServerConfig serverConfig = ServerOptions.parse("--port", "0", "--ws-port", "0");
        final Server server = SocketModel.SELECTOR.create(serverConfig,
            new GameService(GameOptions.parse("--tick-hz", "20", "--udp-port", "0"), serverConfig));
        server.start();
        try
        {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", transport == BotTransport.WS ?
                server.webSocketAddress().getPort() : server.localAddress().getPort());
            final GameLoadConfig config =
                new GameLoadConfig(target, 100, 5, 20, 1, 1000, 1000, 3000, 0, EngineIdle.SELECT, List.of(), transport);
            final long[] allocatedBytes = {-1, -1};
            final Thread sampler = new Thread(() ->
            {
                final long startNs = System.nanoTime();
                for (int i = 0; i < allocatedBytes.length; i++)
                {
                    final long atNs = startNs + 1_800_000_000L + i * 1_000_000_000L;
                    while (System.nanoTime() - atNs < 0)
                    {
                        LockSupport.parkNanos(atNs - System.nanoTime());
                    }
                    allocatedBytes[i] = allocatedBytes(GameLoadRun.THREAD_NAME);
                }
            }, "allocation-sampler");
            sampler.start();
            final GameLoadResult result = new GameLoadRun(config).run(null, null);
            sampler.join();

            final long steadyBytes = allocatedBytes[1] - allocatedBytes[0];
            System.out.printf(Locale.ROOT, "bot thread allocated %d bytes in ~1 s of steady state, 100 bots moving " +
                "at 20 Hz over %s%n", steadyBytes, transport);
            assertTrue(result.isSuccess());
            assertTrue(allocatedBytes[0] > 0 && allocatedBytes[1] > 0, "sampled twice");
            assertTrue(steadyBytes < 64 * 1024, "steady state allocated " + steadyBytes + " bytes");
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldBindBotsToTheSourceAddresses() throws Exception
    {
        final Server server = startGameServer();
        try
        {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            // 192.0.2.1 (TEST-NET-1) is on no interface here: binding to it must fail every bot's connect.
            final GameLoadConfig config = new GameLoadConfig(target, 5, 1, 10, 0, 1000, 0, 300, 100,
                EngineIdle.SELECT, List.of(LoadConfig.parseAddress("192.0.2.1")), BotTransport.TCP);
            final GameLoadResult result = new GameLoadRun(config).run(null, null);

            assertEquals(0, result.connected());
            assertEquals(5, result.errors(), "one connect error per bot");
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldCarryMovesAndStatesByUdpWhenTheServerOffersIt() throws Exception
    {
        final ServerConfig serverConfig = ServerOptions.parse("--port", "0");
        final GameService game = new GameService(GameOptions.parse("--tick-hz", "20", "--udp-port", "0"), serverConfig);
        final Server server = SocketModel.SELECTOR.create(serverConfig, game);
        server.start();
        try
        {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            final GameLoadConfig config = new GameLoadConfig(target, 30, 3, 10, 0, 1000, 500, 1500, 0,
                EngineIdle.SELECT, SOURCES, BotTransport.UDP);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), false, new GameLoadRun(config));
            System.out.print(console.toString(StandardCharsets.UTF_8));
            System.out.println("server: " + game.datagramCounters());

            assertTrue(result.isSuccess(), console.toString(StandardCharsets.UTF_8));
            assertEquals(30, result.connected());
            assertEquals(0, result.seqBackwards());
            assertEquals(30, game.datagramCounters().count(DatagramCounters.Kind.BOUND), "every bot bound");
            assertTrue(game.datagramCounters().count(DatagramCounters.Kind.INPUTS_TAKEN) > 100, "inputs by UDP");
            assertTrue(result.histogram(0).getTotalCount() > 100, "input latency samples");
            assertTrue(result.histogram(2).getTotalCount() > 100, "state interval samples");
            assertTrue(result.statesLostShare() < 0.05, "loopback loses almost nothing: " + result.statesLostShare());
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("transport udp"));
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldSayWhenTheServerOffersNoUdp() throws Exception
    {
        final Server server = startGameServer();
        try
        {
            final InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            final GameLoadConfig config = new GameLoadConfig(target, 5, 1, 10, 0, 1000, 0, 500, 100,
                EngineIdle.SELECT, List.of(), BotTransport.UDP);
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            final GameLoadResult result = GameScenario.run(config, null, new PrintStream(console, true,
                StandardCharsets.UTF_8), false, new GameLoadRun(config));

            assertEquals(5, result.errors(), "each bot fails");
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("5 bots asked for UDP from a server that " +
                "offers none: start it with --udp-port"), console.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            server.close();
        }
    }

    private static Server startGameServer(final String... gameFlags) throws Exception
    {
        final ServerConfig serverConfig = ServerOptions.parse("--port", "0");
        final String[] flags = Stream.concat(Stream.of("--tick-hz", "20"), Arrays.stream(gameFlags)).toArray(String[]::new);
        final Server server = SocketModel.SELECTOR.create(serverConfig,
            new GameService(GameOptions.parse(flags), serverConfig));
        server.start();
        return server;
    }

    private static long allocatedBytes(final String threadName)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals(threadName))
            {
                return threads.getThreadAllocatedBytes(thread.threadId());
            }
        }
        return -1;
    }

    @Test
    void shouldRejectAnUnknownScenarioWithExitCode2()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final picocli.CommandLine commandLine = LoadgenCommand.commandLine();
        commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(2, commandLine.execute("load", "--scenario", "nope", "--quiet"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--scenario"), err.toString(StandardCharsets.UTF_8));
    }
}
