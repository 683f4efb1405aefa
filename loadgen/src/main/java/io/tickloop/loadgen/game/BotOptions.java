package io.tickloop.loadgen.game;

import io.tickloop.cli.Flags;
import io.tickloop.loadgen.engine.EngineIdle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The flags only the game scenario reads, mixed into {@code tickloop load}. {@code compare} names the same
 * values {@code --game-rooms}, {@code --game-move-hz} and {@code --game-chat-rate} and checks them with the same
 * bounds, {@link #moveHz(CommandSpec, String, double)} and {@link #chatRate(CommandSpec, String, double)}.
 */
public final class BotOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private int rooms;
    private double moveHz;
    private double chatRate;

    @Option(names = "--transport", order = 43, defaultValue = "tcp", paramLabel = "T",
        description = "Game: how MOVE and STATE travel, of ${COMPLETION-CANDIDATES}. udp binds a connected UDP " +
            "socket per bot with the token from WELCOME (the server needs --udp-port) and sends each MOVE as a " +
            "datagram repeating the bot's last 3 inputs; everything else stays on TCP. ws speaks WebSocket " +
            "(RFC 6455) as a browser does: --target is then the server's --ws-port, each bot upgrades GET /ws " +
            "(within the connect timeout; not counted as latency) and sends every frame as one masked binary " +
            "message. Default: ${DEFAULT-VALUE}.")
    private BotTransport transport;

    @Option(names = "--rooms", order = 40, defaultValue = "10", paramLabel = "N",
        description = "Game: rooms the bots join, spread evenly (room ids 1..N; at most --connections). " +
            "Default: ${DEFAULT-VALUE}.")
    void rooms(final int rooms)
    {
        this.rooms = Flags.atLeast(spec, "--rooms", rooms, 1);
    }

    @Option(names = "--move-hz", order = 41, defaultValue = "10", paramLabel = "HZ",
        description = "Game: MOVEs per bot per second, on an open-loop schedule (above 0, at most 1000). " +
            "Default: ${DEFAULT-VALUE}.")
    void moveHz(final double moveHz)
    {
        this.moveHz = moveHz(spec, "--move-hz", moveHz);
    }

    @Option(names = "--chat-rate", order = 42, defaultValue = "0.1", paramLabel = "PER_S",
        description = "Game: CHATs per bot per second (may be fractional, 0..100; 0 for none). " +
            "Default: ${DEFAULT-VALUE}.")
    void chatRate(final double chatRate)
    {
        this.chatRate = chatRate(spec, "--chat-rate", chatRate);
    }

    /**
     * @return how MOVE and STATE travel.
     */
    public BotTransport transport()
    {
        return transport;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param moveHz MOVEs per bot per second, as given.
     * @return it, when above 0 and at most 1000.
     */
    public static double moveHz(final CommandSpec spec, final String flag, final double moveHz)
    {
        Flags.require(spec, moveHz > 0 && moveHz <= 1000, flag + " must be in (0, 1000], was " + moveHz);
        return moveHz;
    }

    /**
     * @param spec the command the flag belongs to.
     * @param flag the flag's name.
     * @param chatRate CHATs per bot per second, as given.
     * @return it, when 0..100.
     */
    public static double chatRate(final CommandSpec spec, final String flag, final double chatRate)
    {
        Flags.require(spec, chatRate >= 0 && chatRate <= 100, flag + " must be 0..100, was " + chatRate);
        return chatRate;
    }

    /**
     * @param spec the command the flags belong to.
     * @param roomsFlag the rooms' flag.
     * @param rooms rooms, at least 1.
     * @param botsFlag the bots' flag.
     * @param bots bots, at least 1.
     * @throws picocli.CommandLine.ParameterException when there are more rooms than bots.
     */
    public static void requireRoomsAtMostBots(
        final CommandSpec spec, final String roomsFlag, final int rooms, final String botsFlag, final int bots)
    {
        Flags.require(spec, rooms <= bots, roomsFlag + " must be 1.." + botsFlag + " (" + bots + "), was " + rooms);
    }

    /**
     * @param target the server.
     * @param bots bots, one connection each.
     * @param connectRatePerSecond new connections per second.
     * @param warmupMs warm-up.
     * @param durationMs measured time.
     * @param maxErrors errors tolerated.
     * @param idle how the bots' thread waits between sends.
     * @param sourceAddresses local addresses to bind the bots to, round robin; empty for none.
     * @return the game load these flags ask for.
     */
    public GameLoadConfig config(
        final InetSocketAddress target,
        final int bots,
        final int connectRatePerSecond,
        final long warmupMs,
        final long durationMs,
        final long maxErrors,
        final EngineIdle idle,
        final List<InetAddress> sourceAddresses)
    {
        requireRoomsAtMostBots(spec, "--rooms", rooms, "--connections", bots);
        return new GameLoadConfig(target, bots, rooms, moveHz, chatRate, connectRatePerSecond, warmupMs, durationMs,
            maxErrors, idle, sourceAddresses, transport);
    }
}
