package io.tickloop.server.game;

import java.util.ArrayList;

/**
 * A room: its players, at most a capacity. Created on first join, removed by the world when empty.
 */
final class Room
{
    final int id;
    final ArrayList<Player> players = new ArrayList<>();

    Room(final int id)
    {
        this.id = id;
    }

    void add(final Player player)
    {
        player.room = this;
        player.roomIndex = players.size();
        players.add(player);
    }

    void remove(final Player player)
    {
        final int last = players.size() - 1;
        final Player moved = players.get(last);
        players.set(player.roomIndex, moved);
        moved.roomIndex = player.roomIndex;
        players.remove(last);
        player.room = null;
    }

    int size()
    {
        return players.size();
    }
}
