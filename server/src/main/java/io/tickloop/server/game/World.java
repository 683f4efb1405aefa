package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatEncoder;
import io.tickloop.protocol.game.JoinedEncoder;
import io.tickloop.protocol.game.ReasonEncoder;
import io.tickloop.protocol.game.StateDecoder;
import io.tickloop.protocol.game.StateEncoder;
import io.tickloop.protocol.game.WelcomeEncoder;
import io.tickloop.server.service.LoopAgent;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The game world: players, names, rooms and the tick. Single-writer: every method runs on one thread (the
 * selector loop's, or the world thread's), so nothing here locks. Messages reach it through
 * {@link #onFrame}, which dispatches by type and player state through the {@link MessageDispatcher} that {@link GameMessages} fills; the tick, driven by the
 * owning loop's timer through {@link #onTick}, applies the inputs received since the last tick, sends each
 * player in a room one STATE, sends heartbeats and enforces the auth and idle timeouts.
 * <p>
 * A player the world kicks gets a KICK with the reason at once and is removed; its connection is closed a
 * tick later, after the connection's writer has had time to send the KICK.
 */
final class World implements LoopAgent
{
    /** Datagrams taken from the UDP port per readiness, as the loop bounds frames per connection. */
    private static final int MAX_DATAGRAMS_PER_TURN = 256;

    private final long tickIntervalNs;
    private final long authTimeoutNs;
    private final long idleTimeoutNs;
    private final long heartbeatAfterNs;
    private final int tickHz;
    private final int roomCapacity;
    private final int maxEntries;
    private final AreaGrid grid;
    private final TickStats stats;
    private final WorldFailures failures;
    private final int worldBound;
    private final DatagramSessions udp;
    private Runnable tickProbe;
    private boolean drained;
    private final MessageDispatcher dispatcher = new MessageDispatcher();
    private final ArrayList<Player> players = new ArrayList<>();
    private ArrayList<Player> kicked = new ArrayList<>();
    private ArrayList<Player> closing = new ArrayList<>();
    private final HashMap<String, Player> names = new HashMap<>();
    private final Int2ObjectHashMap<Room> roomsById = new Int2ObjectHashMap<>();
    private final ArrayList<Room> rooms = new ArrayList<>();
    private final UnsafeBuffer out;
    private final UnsafeBuffer stateOut;
    private final StateEncoder state = new StateEncoder();
    private final ReasonEncoder reason = new ReasonEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final JoinedEncoder joined = new JoinedEncoder();
    private final AreaGrid.Visitor addToState = this::addToState;
    private Player viewer;
    private long tick;
    private long deadlineNs;
    private int nextPlayerId;

    World(
        final GameSettings settings,
        final int maxFrameLength,
        final long idleTimeoutMs,
        final TickStats stats,
        final WorldFailures failures,
        final DatagramSessions udp)
    {
        this.failures = failures;
        this.udp = udp;
        this.worldBound = settings.worldBound();
        this.tickHz = settings.tickHz();
        this.tickIntervalNs = TimeUnit.SECONDS.toNanos(1) / tickHz;
        this.authTimeoutNs = TimeUnit.MILLISECONDS.toNanos(settings.authTimeoutMs());
        // --idle-timeout is the server's (every service has it); 0 turns off heartbeats and the idle kick
        this.idleTimeoutNs = 0 == idleTimeoutMs ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
        this.heartbeatAfterNs = idleTimeoutNs / 3;
        this.roomCapacity = settings.roomCapacity();
        this.maxEntries = StateDecoder.maxEntries(maxFrameLength);
        this.grid = settings.viewRadius() > 0 ? new AreaGrid(settings.viewRadius()) : null;
        this.stats = stats;
        this.out = new UnsafeBuffer(new byte[maxFrameLength]);
        this.stateOut = new UnsafeBuffer(new byte[maxFrameLength]);
        this.deadlineNs = System.nanoTime() + tickIntervalNs;
        GameMessages.registerAll(dispatcher, this);
    }

    void onOpen(final Player player, final long nowNs)
    {
        player.openedNs = nowNs;
        player.lastHeardNs = nowNs;
        player.heartbeatSentNs = nowNs;
        player.worldIndex = players.size();
        players.add(player);
    }

    void onFrame(final Player player, final int type, final DirectBuffer buffer, final int offset, final int length,
        final long nowNs)
    {
        if (player.state == Player.CLOSED || drained)
        {
            return;
        }
        player.lastHeardNs = nowNs;
        dispatcher.dispatch(this, player, type, buffer, offset, length);
    }

    /**
     * A datagram reached the game's UDP port (see {@link DatagramSessions}); ignored once drained.
     */
    void onDatagram(final SocketAddress source, final DirectBuffer buffer, final int offset, final int length,
        final long nowNs)
    {
        if (!drained)
        {
            udp.onDatagram(this, source, buffer, offset, length, nowNs);
        }
    }

    /**
     * The UDP port: under {@code selector} the loop watches it beside its connections; under every other model
     * the world thread takes what waits there at each turn.
     */
    @Override
    public SelectableChannel channel()
    {
        return null == udp ? null : udp.channel();
    }

    /**
     * The UDP port is readable (or, under a world thread, may be): take a bounded number of datagrams, as the loop
     * does frames, so a flood of them cannot starve the connections (once drained they are read and ignored, or
     * the readable channel would keep the loop from sleeping).
     */
    @Override
    public int onChannelReadable(final long nowNs)
    {
        try
        {
            return udp.receiveSome(this, MAX_DATAGRAMS_PER_TURN, nowNs);
        }
        catch (final IOException ex)
        {
            failures.onFailure("the UDP port", "receive", new UncheckedIOException(ex));
        }
        catch (final RuntimeException ex)
        {
            failures.onFailure("the UDP port", "a datagram", ex);
        }
        return 0;
    }

    /**
     * The client was heard from outside {@link #onFrame} (a datagram).
     */
    void onHeard(final Player player, final long nowNs)
    {
        player.lastHeardNs = nowNs;
    }

    /**
     * The player's connection has closed (any reason): forget it, if the world has not already.
     */
    void onClosed(final Player player)
    {
        if (player.state != Player.CLOSED)
        {
            remove(player);
        }
    }

    /**
     * A tick, guarded: a failure is counted and logged ({@link WorldFailures}) and the next tick is scheduled as
     * usual, so a bug costs one tick, never the loop or the world thread. Once drained (shutdown), the world no
     * longer ticks: nothing may follow the BYE it sent.
     */
    @Override
    public long onTick(final long nowNs)
    {
        if (drained)
        {
            return nowNs + TimeUnit.SECONDS.toNanos(1);
        }
        final long latenessNs = nowNs - deadlineNs;
        try
        {
            tick(nowNs);
        }
        catch (final RuntimeException ex)
        {
            failures.onFailure("the tick", "tick " + tick, ex);
        }
        stats.onTick(latenessNs, System.nanoTime() - nowNs);
        deadlineNs += tickIntervalNs;
        if (nowNs - deadlineNs >= 0)
        {
            deadlineNs = nowNs + tickIntervalNs;
        }
        return deadlineNs;
    }

    /**
     * Say BYE {@code SHUTTING_DOWN} to every player and stop: no more ticks, frames are ignored, so the BYE is
     * the last frame each client receives before the drain half-closes the connection.
     */
    @Override
    public void onDrain()
    {
        if (drained)
        {
            return;
        }
        closeAll(closing);
        closeAll(kicked);
        drained = true;
        for (int i = players.size() - 1; i >= 0; i--)
        {
            final Player player = players.get(i);
            player.link.sendLastWords(out, 0, reason.wrap(out, 0, GameProtocol.BYE)
                .reason(CloseReason.SHUTTING_DOWN).frameLength());
        }
    }

    /**
     * Remove a player, tell it why with a KICK, and close its connection a tick later. Removed first: a
     * send that closes the connection (slow consumer) calls back into {@link #onClosed}, which must find the
     * player already gone.
     */
    void kick(final Player player, final CloseReason why)
    {
        if (player.state == Player.CLOSED || drained)
        {
            return;
        }
        remove(player);
        player.closeReason = why;
        kicked.add(player);
        player.link.sendLastWords(out, 0, PlayerConnection.encodeKick(reason, out, why));
    }

    /**
     * The client said BYE: remove it and close its connection a tick later, without a KICK.
     */
    void bye(final Player player, final CloseReason why)
    {
        remove(player);
        player.closeReason = why;
        kicked.add(player);
    }

    /**
     * @param coordinate an x or y a client asked for.
     * @return true when it lies within the world.
     */
    boolean isInBounds(final int coordinate)
    {
        return coordinate >= -worldBound && coordinate <= worldBound;
    }

    /**
     * For tests: run before every tick's work, inside its guard.
     */
    void tickProbe(final Runnable probe)
    {
        this.tickProbe = probe;
    }

    /**
     * @return false when the name is taken; otherwise the player is hello'd and welcomed.
     */
    boolean hello(final Player player, final String name)
    {
        if (names.putIfAbsent(name, player) != null)
        {
            return false;
        }
        player.name = name;
        player.playerId = ++nextPlayerId;
        player.state = Player.HELLOED;
        welcome.wrap(out, 0).playerId(player.playerId).tickHz(tickHz);
        if (null != udp)
        {
            udp.issueToken(player, player.lastHeardNs); // onFrame stamped it with this HELLO's time
            welcome.udp(udp.port(), player.token0, player.token1);
        }
        player.link.send(out, 0, welcome.frameLength());
        return true;
    }

    /**
     * @return false when the room is full; otherwise the player is in it and told so.
     */
    boolean join(final Player player, final int roomId)
    {
        final Room existing = roomsById.get(roomId);
        if (null != existing && existing == player.room && player.state == Player.IN_ROOM)
        {
            sendJoined(player, existing);
            return true;
        }
        if (null != existing && existing.size() >= roomCapacity)
        {
            return false;
        }
        leave(player);
        final Room room = roomFor(roomId);
        room.add(player);
        player.state = Player.IN_ROOM;
        sendJoined(player, room);
        return true;
    }

    /**
     * Watch a room without an avatar, leaving any room (or avatar) first; creates the room when it does not
     * exist. Never refused: a spectator takes no room space (connections bound how many there can be), and
     * JOINED tells it how many players it is watching.
     */
    void spectate(final Player player, final int roomId)
    {
        final Room existing = roomsById.get(roomId);
        if (null == existing || existing != player.room || player.state != Player.SPECTATING)
        {
            leave(player);
            roomFor(roomId).addSpectator(player);
            player.state = Player.SPECTATING;
        }
        sendJoined(player, player.room);
    }

    void leave(final Player player)
    {
        final Room room = player.room;
        if (null == room)
        {
            return;
        }
        room.remove(player);
        player.state = Player.HELLOED;
        if (room.isEmpty())
        {
            roomsById.remove(room.id);
            rooms.remove(room);
        }
    }

    void send(final Player player, final DirectBuffer buffer, final int length)
    {
        player.link.send(buffer, 0, length);
    }

    /**
     * @return a buffer of the maximum frame length for a handler to encode into; valid until its next use.
     */
    UnsafeBuffer scratch()
    {
        return out;
    }

    int roomCount()
    {
        return rooms.size();
    }

    int playerCount()
    {
        return players.size();
    }

    private void tick(final long nowNs)
    {
        if (null != tickProbe)
        {
            tickProbe.run();
        }
        closeKickedBeforeTheLastTick();
        tick++;
        for (int i = rooms.size() - 1; i >= 0; i--)
        {
            sendState(rooms.get(i));
        }
        keepTime(nowNs);
    }

    private Room roomFor(final int roomId)
    {
        Room room = roomsById.get(roomId);
        if (null == room)
        {
            room = new Room(roomId);
            roomsById.put(roomId, room);
            rooms.add(room);
        }
        return room;
    }

    private void sendJoined(final Player player, final Room room)
    {
        player.link.send(out, 0, joined.wrap(out, 0).roomId(room.id).playersPresent(room.size()).frameLength());
    }

    private void sendState(final Room room)
    {
        final ArrayList<Player> members = room.players;
        for (int i = members.size() - 1; i >= 0; i--)
        {
            members.get(i).applyInput();
        }
        if (null == grid)
        {
            encodeWholeRoom(members);
            sendStateToAll(members);
        }
        else
        {
            sendStateInView(members);
            if (!room.spectators.isEmpty())
            {
                encodeWholeRoom(members); // a spectator has no position, so no view: it sees the whole room
            }
        }
        sendStateToAll(room.spectators);
    }

    private void encodeWholeRoom(final ArrayList<Player> members)
    {
        state.wrap(stateOut, 0).tick(tick);
        for (int i = 0, size = Math.min(members.size(), maxEntries); i < size; i++)
        {
            addToState(members.get(i));
        }
    }

    private void sendStateInView(final ArrayList<Player> members)
    {
        grid.rebuild(members);
        for (int i = members.size() - 1; i >= 0; i--)
        {
            viewer = members.get(i);
            state.wrap(stateOut, 0).tick(tick);
            grid.forEachInView(viewer, addToState, maxEntries);
            sendState(viewer);
        }
        viewer = null;
    }

    private void sendStateToAll(final ArrayList<Player> receivers)
    {
        for (int i = receivers.size() - 1; i >= 0; i--)
        {
            sendState(receivers.get(i));
        }
    }

    private void sendState(final Player player)
    {
        if (null == udp || !udp.sendState(player, stateOut, state.frameLength()))
        {
            player.link.send(stateOut, 0, state.frameLength());
        }
    }

    private void addToState(final Player player)
    {
        state.addEntry(player.playerId, player.x, player.y, player.lastInputSeq);
    }

    private void keepTime(final long nowNs)
    {
        for (int i = players.size() - 1; i >= 0; i--)
        {
            final Player player = players.get(i);
            if (player.state == Player.CONNECTED && nowNs - player.openedNs > authTimeoutNs)
            {
                kick(player, CloseReason.AUTH_TIMEOUT);
            }
            else if (nowNs - player.lastHeardNs > idleTimeoutNs)
            {
                kick(player, CloseReason.IDLE_TIMEOUT);
            }
            else if (nowNs - player.lastHeardNs > heartbeatAfterNs && nowNs - player.heartbeatSentNs > heartbeatAfterNs)
            {
                player.heartbeatSentNs = nowNs;
                player.link.send(out, 0, heartbeat.wrap(out, 0).timeNs(nowNs).frameLength());
            }
        }
    }

    /**
     * Close the players kicked before the last tick, so that at least a tick interval passes between a KICK and
     * the close (a late tick may follow a kick at once): time for the connection's writer, another thread under
     * most models, to send the KICK before the close discards what is queued.
     */
    private void closeKickedBeforeTheLastTick()
    {
        closeAll(closing);
        final ArrayList<Player> kickedSinceTheLastTick = kicked;
        kicked = closing;
        closing = kickedSinceTheLastTick;
    }

    private static void closeAll(final ArrayList<Player> players)
    {
        for (int i = 0, size = players.size(); i < size; i++)
        {
            final Player player = players.get(i);
            player.link.close(player.closeReason);
        }
        players.clear();
    }

    private void remove(final Player player)
    {
        leave(player);
        if (null != udp)
        {
            udp.onRemoved(player);
        }
        if (null != player.name)
        {
            names.remove(player.name, player);
        }
        final int last = players.size() - 1;
        final Player moved = players.get(last);
        players.set(player.worldIndex, moved);
        moved.worldIndex = player.worldIndex;
        players.remove(last);
        player.state = Player.CLOSED;
    }
}
