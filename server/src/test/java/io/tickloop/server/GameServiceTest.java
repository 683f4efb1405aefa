package io.tickloop.server;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.JoinedDecoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.WelcomeDecoder;
import io.tickloop.server.command.SocketModel;
import io.tickloop.server.game.GameOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The game service end to end over loopback: the session lifecycle on every socket model, the timeouts and
 * kicks, chat fan-out and the input sequence seen in STATE.
 */
class GameServiceTest
{
    /** About 70 KB of chat: the most the slow-consumer test's talker has waiting for the world thread. */
    private static final int CHATS_PER_BURST = 256;

    private static ServerFixture game(final SocketModel model, final String... gameFlags) throws Exception
    {
        return ServerFixture.game(model, GameOptions.parse(gameFlags));
    }

    /**
     * With nobody connected the world thread sleeps until its tick (20 Hz) or an input: it woke every 0.5 ms,
     * about 1,800 times a second. Wakes are the thread's context switches from /proc (each park is one).
     */
    @Test
    void shouldLetAnIdleWorldThreadSleepUntilItsTick() throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(SocketModel.REACTORS, GameOptions.parse("--tick-hz", "20")))
        {
            assertEquals(0, fixture.metrics().connections(), "nobody connected");
            final Path task = worldThreadTask();
            final Thread world = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tickloop-world")).findFirst().orElseThrow();
            final long cpuBeforeNs = ManagementFactory.getThreadMXBean().getThreadCpuTime(world.threadId());
            final long switchesBefore = contextSwitches(task);
            final long startNs = System.nanoTime();
            Thread.sleep(2_000); // measuring an interval, not waiting for an event
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final double wakesPerSecond = (contextSwitches(task) - switchesBefore) / seconds;
            final double cpuPercent = 100.0 * (ManagementFactory.getThreadMXBean().getThreadCpuTime(world.threadId()) -
                cpuBeforeNs) / (seconds * 1e9);

            System.out.printf("an idle game's world thread: %.0f wakes/s, %.3f%% of a core (tick 20 Hz)%n",
                wakesPerSecond, cpuPercent);
            assertTrue(wakesPerSecond < 200, "the idle world thread woke " + wakesPerSecond + " times a second");
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldPlayASessionEndToEnd(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model);
            GameTestClient alice = new GameTestClient(fixture.address());
            GameTestClient bob = new GameTestClient(fixture.address()))
        {
            final int aliceId = welcome(alice.hello("alice"));
            final int bobId = welcome(bob.hello("bob"));
            assertEquals(1, joined(alice.join(7)).playersPresent());
            assertEquals(2, joined(bob.join(7)).playersPresent());

            alice.move(1, 10, 20);
            awaitOwnInput(alice, aliceId, 1);

            alice.chat("hello bob");
            final GameTestClient.Frame chat = bob.expect(GameProtocol.CHAT);
            final ChatDecoder decoder = new ChatDecoder().wrap(chat.buffer(), 0, chat.length());
            assertTrue(decoder.isWellFormed());
            assertEquals(aliceId, decoder.senderId());
            assertEquals("hello bob", decoder.text());

            bob.leave();
            bob.bye();
            assertTrue(bob.awaitClosed(), "the server closes after BYE");
            assertTrue(bobId != aliceId);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldLetASpectatorWatchARoomWithoutAnAvatar(final SocketModel model) throws Exception
    {
        try (ServerFixture fixture = game(model);
            GameTestClient player = new GameTestClient(fixture.address());
            GameTestClient spectator = new GameTestClient(fixture.address()))
        {
            final int playerId = welcome(player.hello("player"));
            welcome(spectator.hello("spectator"));
            assertEquals(1, joined(player.join(3)).playersPresent());
            assertEquals(1, joined(spectator.spectate(3)).playersPresent(), "a spectator is not a player present");

            player.move(1, 10, 20);
            while (true)
            {
                final GameTestClient.Frame frame = spectator.expect(GameProtocol.STATE);
                final StateDecoder state = new StateDecoder().wrap(frame.buffer(), 0, frame.length());
                assertTrue(state.isWellFormed());
                assertEquals(1, state.count(), "the player only, never the spectator");
                assertEquals(playerId, state.playerId(0));
                if (state.lastInputSeq(0) >= 1)
                {
                    assertEquals(10, state.x(0));
                    assertEquals(20, state.y(0));
                    break;
                }
            }
            player.chat("watch this");
            final GameTestClient.Frame chat = spectator.expect(GameProtocol.CHAT);
            final ChatDecoder line = new ChatDecoder().wrap(chat.buffer(), 0, chat.length());
            assertEquals(playerId, line.senderId());
            assertEquals("watch this", line.text());

            spectator.move(1, 5, 5);
            assertEquals(CloseReason.UNEXPECTED_MESSAGE, spectator.expectKick(), "a spectator has no avatar to move");
            player.move(2, 11, 21);
            awaitOwnInput(player, playerId, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldDeliverEveryChatExactlyOnceToEachOtherMemberOfARoomOf50(final SocketModel model) throws Exception
    {
        final int bots = 50;
        final List<GameTestClient> clients = new ArrayList<>();
        try (ServerFixture fixture = game(model, "--tick-hz", "5"))
        {
            try
            {
                for (int i = 0; i < bots; i++)
                {
                    final GameTestClient client = new GameTestClient(fixture.address());
                    clients.add(client);
                    welcome(client.hello("bot-" + i));
                    joined(client.join(1));
                }
                for (int i = 0; i < bots; i++)
                {
                    clients.get(i).chat("from " + i);
                }
                for (int i = 0; i < bots; i++)
                {
                    final Map<String, Integer> seen = new HashMap<>();
                    for (int n = 0; n < bots - 1; n++)
                    {
                        final GameTestClient.Frame chat = clients.get(i).expect(GameProtocol.CHAT);
                        seen.merge(new ChatDecoder().wrap(chat.buffer(), 0, chat.length()).text(), 1, Integer::sum);
                    }
                    assertEquals(bots - 1, seen.size(), "bot " + i + " saw " + seen);
                    assertTrue(!seen.containsKey("from " + i), "a bot is not sent its own chat");
                }
            }
            finally
            {
                for (final GameTestClient client : clients)
                {
                    client.close();
                }
            }
        }
    }

    @Test
    void shouldNeverShowABotItsOwnInputSeqGoingBackwards() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR, "--tick-hz", "50");
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            final int id = welcome(client.hello("mover"));
            joined(client.join(3));
            for (int seq = 1; seq <= 300; seq++)
            {
                client.move(seq, seq, -seq);
                if (seq % 50 == 0)
                {
                    client.move(seq - 40, 0, 0);
                }
            }
            int last = 0;
            while (last < 300)
            {
                final int seen = ownInput(client.expect(GameProtocol.STATE), id);
                assertTrue(seen >= last, "input seq went from " + last + " to " + seen);
                last = seen;
            }
        }
    }

    @Test
    void shouldKickAClientThatSendsNoHelloInTime() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR, "--auth-timeout", "300ms");
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            assertEquals(CloseReason.AUTH_TIMEOUT, client.expectKick());
            fixture.awaitMetrics(metrics -> metrics.closes(CloseReason.AUTH_TIMEOUT) == 1);
        }
    }

    @Test
    void shouldSendHeartbeatsThenKickAnIdleClient() throws Exception
    {
        try (ServerFixture fixture = ServerFixture.game(SocketModel.SELECTOR, GameOptions.parse(), "--idle-timeout", "600ms");
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            welcome(client.hello("sleepy"));
            assertEquals(GameProtocol.HEARTBEAT, client.next().type(), "a heartbeat after a third of the timeout");
            assertEquals(CloseReason.IDLE_TIMEOUT, client.expectKick());
        }
    }

    @Test
    void shouldKickTheOneTooManyForARoomWithRoomFull() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR, "--room-capacity", "2");
            GameTestClient first = new GameTestClient(fixture.address());
            GameTestClient second = new GameTestClient(fixture.address());
            GameTestClient third = new GameTestClient(fixture.address()))
        {
            joined(welcomed(first, "a").join(5));
            joined(welcomed(second, "b").join(5));
            welcomed(third, "c").join(5);
            assertEquals(CloseReason.ROOM_FULL, third.expectKick());
            joined(first.join(5));
        }
    }

    @Test
    void shouldKickADuplicateName() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR);
            GameTestClient first = new GameTestClient(fixture.address());
            GameTestClient second = new GameTestClient(fixture.address()))
        {
            welcomed(first, "same");
            second.hello("same");
            assertEquals(CloseReason.DUPLICATE_NAME, second.expectKick());
        }
    }

    @Test
    void shouldAcceptOnlyHelloBeforeHello() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR);
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            client.join(1);
            assertEquals(CloseReason.UNEXPECTED_MESSAGE, client.expectKick());
        }
    }

    @Test
    void shouldKickAMalformedMove() throws Exception
    {
        try (ServerFixture fixture = game(SocketModel.SELECTOR);
            GameTestClient client = new GameTestClient(fixture.address()))
        {
            joined(welcomed(client, "m").join(1));
            io.tickloop.protocol.FrameDescriptor.putHeader(client.buffer(), 0, 8, GameProtocol.MOVE);
            client.send(8);
            assertEquals(CloseReason.MALFORMED_MESSAGE, client.expectKick());
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldSayByeShuttingDownWhenTheServerStops(final SocketModel model) throws Exception
    {
        final ServerFixture fixture = game(model);
        final GameTestClient client = new GameTestClient(fixture.address());
        final Thread closer = new Thread(fixture::close);
        try
        {
            joined(welcomed(client, "leaving").join(2));
            closer.start();
            final GameTestClient.Frame bye = client.expect(GameProtocol.BYE);
            assertEquals(CloseReason.SHUTTING_DOWN,
                new io.tickloop.protocol.game.ReasonDecoder().wrap(bye.buffer(), 0, bye.length()).reason());
        }
        finally
        {
            client.close();
            closer.join(ServerFixture.DEADLINE.toMillis());
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SocketModel.class)
    void shouldCutOffASlowConsumerAndKeepServingTheRoom(final SocketModel model) throws Exception
    {
        // the talker sends bursts of chats and waits after each until STATE shows the world handled them, so its
        // frames waiting for the world thread stay far under its share (1 MiB) however slowly that thread runs
        try (ServerFixture fixture = ServerFixture.game(model,
            GameOptions.parse("--input-queue-bytes", "1m", "--tick-hz", "100"), "--send-queue-bytes", "8192");
            TestClient idle = TestClient.connect(fixture.address(), 4096);
            GameTestClient talker = new GameTestClient(fixture.address()))
        {
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[64]);
            int length = new io.tickloop.protocol.game.HelloEncoder().wrap(buffer, 0).version(GameProtocol.VERSION)
                .name("idle").frameLength();
            length += new io.tickloop.protocol.game.JoinEncoder().wrap(buffer, length).roomId(9).frameLength();
            idle.write(buffer.byteArray(), 0, length);
            final int talkerId = welcome(talker.hello("talker"));
            joined(talker.join(9));
            final String line = "x".repeat(GameProtocol.MAX_CHAT_BYTES);
            int inputSeq = 0;
            while (fixture.metrics().closes(CloseReason.SLOW_CONSUMER) == 0)
            {
                for (int i = 0; i < CHATS_PER_BURST; i++)
                {
                    talker.chat(line);
                }
                talker.move(++inputSeq, 1, 1);
                awaitOwnInput(talker, talkerId, inputSeq);
            }
            talker.move(++inputSeq, 2, 2);
            awaitOwnInput(talker, talkerId, inputSeq);
            assertTrue(idle.awaitClosedByServer(), "the slow consumer was closed");
        }
    }

    private static GameTestClient welcomed(final GameTestClient client, final String name) throws Exception
    {
        welcome(client.hello(name));
        return client;
    }

    private static int welcome(final GameTestClient client) throws Exception
    {
        final GameTestClient.Frame frame = client.expect(GameProtocol.WELCOME);
        final WelcomeDecoder welcome = new WelcomeDecoder().wrap(frame.buffer(), 0, frame.length());
        assertTrue(welcome.isWellFormed());
        return welcome.playerId();
    }

    private static JoinedDecoder joined(final GameTestClient client) throws Exception
    {
        final GameTestClient.Frame frame = client.expect(GameProtocol.JOINED);
        return new JoinedDecoder().wrap(frame.buffer(), 0, frame.length());
    }

    private static void awaitOwnInput(final GameTestClient client, final int playerId, final int inputSeq)
        throws Exception
    {
        while (ownInput(client.expect(GameProtocol.STATE), playerId) < inputSeq)
        {
            continue;
        }
    }

    private static int ownInput(final GameTestClient.Frame frame, final int playerId)
    {
        final StateDecoder state = new StateDecoder().wrap(frame.buffer(), 0, frame.length());
        assertTrue(state.isWellFormed());
        for (int i = 0; i < state.count(); i++)
        {
            if (state.playerId(i) == playerId)
            {
                return state.lastInputSeq(i);
            }
        }
        throw new AssertionError("player " + playerId + " not in its own STATE");
    }

    /**
     * @return the /proc directory of the world thread (its name is its comm: 14 characters, under Linux's 15).
     */
    private static Path worldThreadTask() throws IOException
    {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            return tasks.filter(task -> comm(task).equals("tickloop-world")).findFirst().orElseThrow();
        }
    }

    private static String comm(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim();
        }
        catch (final IOException ex)
        {
            return ""; // the thread ended meanwhile
        }
    }

    private static long contextSwitches(final Path task) throws IOException
    {
        long switches = 0;
        for (final String line : Files.readAllLines(task.resolve("status")))
        {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:"))
            {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }
}
