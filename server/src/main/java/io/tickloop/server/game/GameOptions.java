package io.tickloop.server.game;

import io.tickloop.cli.ByteSizes;
import io.tickloop.cli.CommandLines;
import io.tickloop.cli.Flags;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.StateDecoder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * The game's flags, each declared once with its default and bounds; mixed into {@code tickloop server} and read
 * only when it runs {@code --service game}. {@link #settings(int)} gives the immutable {@link GameSettings}.
 */
public final class GameOptions
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private int tickHz;
    private long authTimeoutMs;
    private int roomCapacity;
    private int viewRadius;
    private int worldBound;
    private int inputQueueBytes;
    private int udpPort = GameSettings.NO_UDP;
    private int udpDatagramsPerSecond;

    @Option(names = "--tick-hz", order = 30, defaultValue = "20", paramLabel = "HZ",
        description = "Game: ticks per second (1..1000); each applies the inputs received and sends every " +
            "player in a room one STATE. Default: ${DEFAULT-VALUE}.")
    void tickHz(final int tickHz)
    {
        this.tickHz = Flags.range(spec, "--tick-hz", tickHz, 1, 1000);
    }

    @Option(names = "--auth-timeout", order = 31, defaultValue = "5s", paramLabel = "DURATION",
        description = "Game: how long a client may take to send HELLO before a KICK AUTH_TIMEOUT. " +
            "Default: ${DEFAULT-VALUE}.")
    void authTimeout(final Duration authTimeout)
    {
        this.authTimeoutMs = Flags.atLeastMs(spec, "--auth-timeout", authTimeout.toMillis(), 1);
    }

    @Option(names = "--room-capacity", order = 33, defaultValue = "100", paramLabel = "N",
        description = "Game: players one room holds; one more gets KICK ROOM_FULL. At most what one STATE of " +
            "--max-frame bytes holds (255 at 4096). Default: ${DEFAULT-VALUE}.")
    void roomCapacity(final int roomCapacity)
    {
        this.roomCapacity = Flags.atLeast(spec, "--room-capacity", roomCapacity, 1);
    }

    @Option(names = "--view-radius", order = 34, defaultValue = "0", paramLabel = "R",
        description = "Game: STATE carries only the players within R on both axes (a uniform grid of R-sized " +
            "cells); 0 for the whole room. Default: ${DEFAULT-VALUE}.")
    void viewRadius(final int viewRadius)
    {
        this.viewRadius = Flags.atLeast(spec, "--view-radius", viewRadius, 0);
    }

    @Option(names = "--world-bound", order = 35, defaultValue = "1000000", paramLabel = "N",
        description = "Game: the world spans -N..N on both axes; a MOVE outside it is KICK MALFORMED_MESSAGE " +
            "(1..1000000000). Default: ${DEFAULT-VALUE}.")
    void worldBound(final int worldBound)
    {
        this.worldBound = Flags.range(spec, "--world-bound", worldBound, 1, 1_000_000_000);
    }

    @Option(names = "--input-queue-bytes", order = 36, defaultValue = "262144", paramLabel = "BYTES",
        converter = ByteSizes.class,
        description = "Game, every model but selector: bytes of one client's frames that may wait for the world " +
            "thread; a client past it is the one cut off, KICK SERVER_FULL. At least --max-frame + 8, at most " +
            "1m. Default: ${DEFAULT-VALUE}.")
    void inputQueueBytes(final int inputQueueBytes)
    {
        this.inputQueueBytes = Flags.range(spec, "--input-queue-bytes", inputQueueBytes, 1, 1024 * 1024);
    }

    @Option(names = "--udp-port", order = 37, paramLabel = "PORT",
        description = "Game: also open this UDP port (0 for any free one) beside the TCP listener, for MOVE " +
            "inputs and STATE snapshots; WELCOME tells clients the port and a token to bind their UDP socket " +
            "with. Default: off (TCP only).")
    void udpPort(final int udpPort)
    {
        this.udpPort = Flags.range(spec, "--udp-port", udpPort, 0, 65_535);
    }

    @Option(names = "--udp-max-datagrams-per-second", order = 38, defaultValue = "1000", paramLabel = "N",
        description = "Game with --udp-port: datagrams one session may send a second; the rest are dropped " +
            "and counted (1..100000). Default: ${DEFAULT-VALUE}.")
    void udpDatagramsPerSecond(final int udpDatagramsPerSecond)
    {
        this.udpDatagramsPerSecond = Flags.range(spec, "--udp-max-datagrams-per-second", udpDatagramsPerSecond,
            1, 100_000);
    }

    /**
     * @param maxFrameLength the server's longest frame, which bounds the players one STATE holds.
     * @return the settings the flags describe.
     */
    public GameSettings settings(final int maxFrameLength)
    {
        final int maxEntries = StateDecoder.maxEntries(maxFrameLength);
        Flags.require(spec, roomCapacity <= maxEntries, "--room-capacity must be 1.." + maxEntries +
            " (the players one STATE of --max-frame bytes holds), was " + roomCapacity);
        Flags.require(spec, inputQueueBytes >= maxFrameLength + Long.BYTES, "--input-queue-bytes must be at least " +
            "--max-frame + 8 (" + (maxFrameLength + Long.BYTES) + "), was " + inputQueueBytes);
        return new GameSettings(tickHz, authTimeoutMs, roomCapacity, viewRadius, worldBound, inputQueueBytes,
            udpPort, udpDatagramsPerSecond);
    }

    /**
     * The settings some game flags describe, the rest at their defaults, for the default 4,096-byte frame: for
     * tests and tools that start a game in-process.
     *
     * @param args game flags, such as {@code "--tick-hz", "50"}.
     * @return the settings.
     * @throws IllegalArgumentException for a flag out of range, with the message the command line would print.
     */
    public static GameSettings parse(final String... args)
    {
        return CommandLines.parse(new GameOptions(), args).settings(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH);
    }
}
