package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.compare.ComparisonTable.Mark;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The median, spread and overlap of a figure over repetitions, and the marks a column gives from them.
 */
class SpreadTest
{
    @Test
    void shouldTakeTheMiddleValueOfAnOddCountAndTheMeanOfTheTwoMiddleOnesOfAnEvenCount()
    {
        assertEquals(new Spread(0.52, 0.49, 0.61, 3), Spread.of(0.61, 0.49, 0.52));
        assertEquals(new Spread(0.55, 0.5, 0.7, 4), Spread.of(0.7, 0.5, 0.6, 0.5));
    }

    @Test
    void shouldLeaveOutRepetitionsThatDidNotMeasureTheFigure()
    {
        assertEquals(new Spread(2, 1, 3, 2), Spread.of(Double.NaN, 1, 3));
        assertEquals(Spread.NONE, Spread.of(Double.NaN, Double.NaN));
        assertEquals(Spread.NONE, Spread.of());
    }

    @Test
    void shouldOverlapWhenTheRangesShareAValueEndsIncluded()
    {
        assertTrue(Spread.of(1, 3).overlaps(Spread.of(2, 4)));
        assertTrue(Spread.of(1, 2).overlaps(Spread.of(2, 4)), "touching ends overlap");
        assertTrue(Spread.of(1, 5).overlaps(Spread.of(2, 3)), "one inside the other");
        assertFalse(Spread.of(1, 2).overlaps(Spread.of(2.1, 4)));
        assertFalse(Spread.NONE.overlaps(Spread.of(1, 2)));
    }

    @Test
    void shouldPrintTheMedianAndTheSpreadOrTheValueAloneForOneRepetition()
    {
        assertEquals("0.520 (0.490-0.610)", Spread.of(0.49, 0.52, 0.61).format("%.3f"));
        assertEquals("0.520", Spread.of(0.52).format("%.3f"));
        assertEquals("-", Spread.NONE.format("%.3f"));
    }

    @Test
    void shouldMarkTheBestWhenItsSpreadIsClearOfTheNextModels()
    {
        final Map<String, Spread> p99 = Map.of(
            "selector", Spread.of(0.9, 1.0, 1.2),
            "reactors", Spread.of(0.4, 0.5, 0.6),
            "blocking", Spread.of(0.7, 0.8, 0.85));

        final Map<String, Mark> marks = ComparisonTable.marks(p99, false);

        assertEquals(Map.of("selector", Mark.NONE, "reactors", Mark.BEST, "blocking", Mark.NONE), marks);
    }

    @Test
    void shouldMarkEveryLeaderWhoseSpreadOverlapsTheBestsAsWithinNoise()
    {
        final Map<String, Spread> p99 = Map.of(
            "selector", Spread.of(0.45, 0.55, 0.7),
            "reactors", Spread.of(0.4, 0.5, 0.6),
            "virtual", Spread.of(0.58, 0.9, 1.1),
            "blocking", Spread.of(0.8, 0.9, 1.0));

        final Map<String, Mark> marks = ComparisonTable.marks(p99, false);

        assertEquals(Map.of("selector", Mark.WITHIN_NOISE, "reactors", Mark.WITHIN_NOISE,
            "virtual", Mark.WITHIN_NOISE, "blocking", Mark.NONE), marks);
    }

    @Test
    void shouldNotCallTheBestClearWhenAWorseMedianWithAWideSpreadOverlapsIt()
    {
        // compare's c10k p99 of 2026-11-28: reactors clear of async, the next median, but not of the selector
        final Map<String, Spread> p99 = Map.of(
            "reactors", Spread.of(1.490, 2.181, 2.232),
            "async", Spread.of(2.791, 3.478, 3.690),
            "selector", Spread.of(1.435, 3.516, 4.805));

        final Map<String, Mark> marks = ComparisonTable.marks(p99, false);

        assertEquals(Map.of("reactors", Mark.WITHIN_NOISE, "async", Mark.NONE, "selector", Mark.WITHIN_NOISE),
            marks);
    }

    @Test
    void shouldRankByTheHighestMedianWhenMoreIsBetter()
    {
        final Map<String, Spread> rate = Map.of(
            "selector", Spread.of(90_000, 95_000, 99_000),
            "reactors", Spread.of(97_000, 100_000, 110_000),
            "polling", Spread.of(10_000, 12_000, 13_000));

        final Map<String, Mark> marks = ComparisonTable.marks(rate, true);

        assertEquals(Mark.WITHIN_NOISE, marks.get("reactors"));
        assertEquals(Mark.WITHIN_NOISE, marks.get("selector"));
        assertEquals(Mark.NONE, marks.get("polling"));
    }

    @Test
    void shouldMarkTheBestOfSingleRunsAndNothingInAColumnWithoutFigures()
    {
        final Map<String, Spread> single = Map.of("selector", Spread.of(1.0), "reactors", Spread.of(0.9));
        final Map<String, Spread> none = Map.of("selector", Spread.NONE);

        assertEquals(Map.of("selector", Mark.NONE, "reactors", Mark.BEST), ComparisonTable.marks(single, false));
        assertEquals(Map.of("selector", Mark.NONE), ComparisonTable.marks(none, false));
    }
}
