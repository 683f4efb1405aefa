package io.tickloop.server.game;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Area of interest on the grid: who sees whom at the radius, across cell edges and zero, after moves and
 * removals, within a visit limit, and the same answer as a scan of every pair.
 */
class AreaGridTest
{
    private static final int RADIUS = 10;

    private final ArrayList<Player> players = new ArrayList<>();
    private long nextSessionId = 1;

    @Test
    void shouldSeeItselfAlone()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(3, 4);
        grid.rebuild(players);

        assertEquals(List.of(viewer.sessionId), inView(grid, viewer));
    }

    @Test
    void shouldSeePlayersExactlyAtTheRadiusOnEitherAxis()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(0, 0);
        final List<Long> expected = sessionIds(
            viewer,
            player(RADIUS, 0),
            player(-RADIUS, 0),
            player(0, RADIUS),
            player(0, -RADIUS),
            player(RADIUS, RADIUS),
            player(-RADIUS, -RADIUS),
            player(RADIUS, -RADIUS),
            player(-RADIUS, RADIUS));
        grid.rebuild(players);

        assertEquals(expected, inView(grid, viewer));
    }

    @Test
    void shouldNotSeePlayersOneBeyondTheRadius()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(0, 0);
        player(RADIUS + 1, 0);
        player(-RADIUS - 1, 0);
        player(0, RADIUS + 1);
        player(0, -RADIUS - 1);
        player(RADIUS, RADIUS + 1);
        player(RADIUS + 1, -RADIUS);
        player(-RADIUS - 1, -RADIUS - 1);
        grid.rebuild(players);

        assertEquals(List.of(viewer.sessionId), inView(grid, viewer));
    }

    @Test
    void shouldMeasureTheRadiusAcrossZeroAndNegativeCoordinates()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(-5, -5);
        final Player east = player(5, -5);
        final Player southWest = player(-15, -15);
        final Player northEast = player(5, 5);
        player(6, -5);
        player(-16, -5);
        player(-5, 6);
        player(-5, -16);
        grid.rebuild(players);

        assertEquals(sessionIds(viewer, east, southWest, northEast), inView(grid, viewer));
    }

    @Test
    void shouldSeeAcrossCellEdgesOnBothSides()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player lastOfCellZero = player(RADIUS - 1, 0);
        final Player firstOfCellOne = player(RADIUS, 0);
        final Player lastOfCellMinusOne = player(-1, 0);
        final Player firstOfCellZero = player(0, 0);
        final Player lastOfCellOne = player(2 * RADIUS - 1, 0);
        final Player firstOfCellTwo = player(2 * RADIUS, 0);
        grid.rebuild(players);

        assertEquals(
            sessionIds(lastOfCellZero, firstOfCellOne, lastOfCellMinusOne, firstOfCellZero, lastOfCellOne),
            inView(grid, lastOfCellZero));
        assertEquals(
            sessionIds(lastOfCellZero, firstOfCellOne, firstOfCellZero, lastOfCellOne, firstOfCellTwo),
            inView(grid, firstOfCellOne));
        assertEquals(
            sessionIds(lastOfCellZero, lastOfCellMinusOne, firstOfCellZero),
            inView(grid, lastOfCellMinusOne));
    }

    @Test
    void shouldNotConfuseCellsAtTheEndsOfTheIntRange()
    {
        final AreaGrid grid = new AreaGrid(1);
        final Player atMax = player(Integer.MAX_VALUE, Integer.MAX_VALUE);
        final Player besideMax = player(Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
        final Player atMin = player(Integer.MIN_VALUE, Integer.MIN_VALUE);
        final Player besideMin = player(Integer.MIN_VALUE, Integer.MIN_VALUE + 1);
        player(Integer.MIN_VALUE, Integer.MAX_VALUE);
        grid.rebuild(players);

        assertEquals(sessionIds(atMax, besideMax), inView(grid, atMax));
        assertEquals(sessionIds(atMin, besideMin), inView(grid, atMin));
    }

    @Test
    void shouldFollowAPlayerThatMovesToAnotherCell()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(0, 0);
        final Player mover = player(5, 5);
        final Player farAway = player(100, 100);
        grid.rebuild(players);
        assertEquals(sessionIds(viewer, mover), inView(grid, viewer));

        mover.x = 95;
        mover.y = 105;
        grid.rebuild(players);

        assertEquals(List.of(viewer.sessionId), inView(grid, viewer));
        assertEquals(sessionIds(mover, farAway), inView(grid, farAway));
        assertEquals(sessionIds(mover, farAway), inView(grid, mover));
    }

    @Test
    void shouldForgetARemovedPlayer()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(0, 0);
        final Player first = player(1, 1);
        final Player removed = player(2, 2);
        final Player last = player(3, 3);
        grid.rebuild(players);
        assertEquals(sessionIds(viewer, first, removed, last), inView(grid, viewer));

        players.remove(removed);
        grid.rebuild(players);

        assertEquals(sessionIds(viewer, first, last), inView(grid, viewer));
        assertEquals(sessionIds(viewer, first, last), inView(grid, last));
    }

    @Test
    void shouldVisitNoMoreThanTheLimit()
    {
        final AreaGrid grid = new AreaGrid(RADIUS);
        final Player viewer = player(0, 0);
        for (int i = 1; i <= 20; i++)
        {
            player(i % RADIUS, -(i % 7));
        }
        player(50, 50);
        grid.rebuild(players);

        assertEquals(5, visits(grid, viewer, 5).size());
        assertEquals(0, visits(grid, viewer, 0).size());
        assertEquals(21, visits(grid, viewer, 21).size());
        assertEquals(21, visits(grid, viewer, 1000).size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 25, 64})
    void shouldAgreeWithAScanOfEveryPair(final int radius)
    {
        final AreaGrid grid = new AreaGrid(radius);
        final Random random = new Random(20240601L + radius);
        final int span = 8 * radius;
        for (int i = 0; i < 300; i++)
        {
            player(random.nextInt(2 * span + 1) - span, random.nextInt(2 * span + 1) - span);
        }
        // a few on the exact radius of the first, where an off-by-one would show
        final Player first = players.get(0);
        player(first.x + radius, first.y - radius);
        player(first.x - radius - 1, first.y);

        for (int round = 0; round < 3; round++)
        {
            grid.rebuild(players);
            int pairsInView = 0;
            for (final Player viewer : players)
            {
                final List<Long> expected = bruteForce(viewer, radius);
                assertEquals(expected, inView(grid, viewer), "viewer at " + viewer.x + "," + viewer.y);
                pairsInView += expected.size() - 1;
            }
            assertTrue(pairsInView > players.size(), "the positions are dense enough to test: " + pairsInView);
            for (final Player player : players)
            {
                player.x += random.nextInt(2 * radius + 1) - radius;
                player.y += random.nextInt(2 * radius + 1) - radius;
            }
        }
    }

    private List<Long> bruteForce(final Player viewer, final int radius)
    {
        final Set<Long> seen = new TreeSet<>();
        for (final Player other : players)
        {
            if (Math.abs((long)other.x - viewer.x) <= radius && Math.abs((long)other.y - viewer.y) <= radius)
            {
                seen.add(other.sessionId);
            }
        }
        return new ArrayList<>(seen);
    }

    private Player player(final int x, final int y)
    {
        final Player player = new Player(nextSessionId++, null);
        player.x = x;
        player.y = y;
        players.add(player);
        return player;
    }

    /**
     * @return the session ids visited, sorted, duplicates kept so that a player visited twice shows.
     */
    private static List<Long> inView(final AreaGrid grid, final Player viewer)
    {
        final List<Long> visited = visits(grid, viewer, Integer.MAX_VALUE);
        visited.sort(null);
        return visited;
    }

    private static List<Long> visits(final AreaGrid grid, final Player viewer, final int limit)
    {
        final List<Long> visited = new ArrayList<>();
        grid.forEachInView(viewer, (player) -> visited.add(player.sessionId), limit);
        return visited;
    }

    private static List<Long> sessionIds(final Player... players)
    {
        final List<Long> ids = new ArrayList<>();
        for (final Player player : players)
        {
            ids.add(player.sessionId);
        }
        ids.sort(null);
        return ids;
    }
}
