package io.tickloop.server.game;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * Area of interest on a uniform grid of square cells as wide as the view radius: a player sees the players
 * within the radius on both axes, and all of them lie in the 3x3 cells around its own, so a lookup costs the
 * players of nine cells rather than a scan of the room. Rebuilt per room per tick; each cell is a chain
 * through {@link Player#nextInCell}, so steady state allocates nothing once the cells have been seen.
 */
final class AreaGrid
{
    private final int radius;
    private final Long2ObjectHashMap<Player> cellHeads = new Long2ObjectHashMap<>();

    AreaGrid(final int radius)
    {
        this.radius = radius;
    }

    void rebuild(final ArrayList<Player> players)
    {
        cellHeads.clear();
        for (int i = 0, size = players.size(); i < size; i++)
        {
            final Player player = players.get(i);
            final long key = cellKey(cell(player.x), cell(player.y));
            player.nextInCell = cellHeads.get(key);
            cellHeads.put(key, player);
        }
    }

    /**
     * Visit the players within the radius of a viewer, itself included.
     *
     * @param viewer whose view.
     * @param visitor called once per player in view.
     * @param limit the most players to visit.
     */
    void forEachInView(final Player viewer, final Visitor visitor, final int limit)
    {
        final int cellX = cell(viewer.x);
        final int cellY = cell(viewer.y);
        int visited = 0;
        for (int dx = -1; dx <= 1; dx++)
        {
            for (int dy = -1; dy <= 1; dy++)
            {
                for (Player other = cellHeads.get(cellKey(cellX + dx, cellY + dy)); null != other;
                    other = other.nextInCell)
                {
                    if (visited < limit && Math.abs((long)other.x - viewer.x) <= radius &&
                        Math.abs((long)other.y - viewer.y) <= radius)
                    {
                        visitor.onPlayer(other);
                        visited++;
                    }
                }
            }
        }
    }

    private int cell(final int coordinate)
    {
        return Math.floorDiv(coordinate, radius);
    }

    private static long cellKey(final int cellX, final int cellY)
    {
        return ((long)cellX << 32) | (cellY & 0xFFFF_FFFFL);
    }

    /**
     * Receives the players in view.
     */
    @FunctionalInterface
    interface Visitor
    {
        void onPlayer(Player player);
    }
}
