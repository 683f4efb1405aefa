package io.tickloop.server.game;

import java.util.ArrayList;

/**
 * A room: its players, at most a capacity, and its spectators, who watch without an avatar and are kept apart
 * so that a STATE is built from {@link #players} alone and the capacity counts only them. Created on the first
 * JOIN or SPECTATE, removed by the world when nobody is left in either list.
 */
final class Room
{
    final int id;
    final ArrayList<Player> players = new ArrayList<>();
    final ArrayList<Player> spectators = new ArrayList<>();

    Room(final int id)
    {
        this.id = id;
    }

    void add(final Player player)
    {
        add(players, player);
    }

    void addSpectator(final Player spectator)
    {
        add(spectators, spectator);
    }

    /**
     * @param member a player or a spectator of this room; {@code state} says which list holds it.
     */
    void remove(final Player member)
    {
        final ArrayList<Player> list = member.state == Player.SPECTATING ? spectators : players;
        final int last = list.size() - 1;
        final Player moved = list.get(last);
        list.set(member.roomIndex, moved);
        moved.roomIndex = member.roomIndex;
        list.remove(last);
        member.room = null;
    }

    /**
     * @return the players with an avatar: what the capacity bounds and JOINED reports.
     */
    int size()
    {
        return players.size();
    }

    boolean isEmpty()
    {
        return players.isEmpty() && spectators.isEmpty();
    }

    private void add(final ArrayList<Player> list, final Player member)
    {
        member.room = this;
        member.roomIndex = list.size();
        list.add(member);
    }
}
