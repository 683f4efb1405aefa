package io.tickloop.loadgen.compare;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One model's repetitions of one scenario: a row of a comparison table. Its figures are the medians and spreads
 * over the repetitions that produced figures.
 *
 * @param model the socket model's name.
 * @param repetitions its runs, by repetition.
 */
record ModelRuns(String model, List<RunFigures> repetitions)
{
    ModelRuns
    {
        repetitions = repetitions.stream()
            .sorted(Comparator.comparingInt((RunFigures run) -> run.record().repetition())).toList();
    }

    /**
     * @return true when at least one repetition produced figures.
     */
    boolean hasFigures()
    {
        return repetitions.stream().anyMatch(run -> run.record().hasFigures());
    }

    /**
     * @return the repetitions' status when they agree, otherwise each distinct status joined by {@code +}.
     */
    String status()
    {
        return String.join("+", repetitions.stream().map(run -> run.record().status()).distinct().toList());
    }

    /**
     * @param figure how to read a figure from one run; NaN when the run did not measure it.
     * @return its median and spread over the repetitions that produced figures.
     */
    Spread spread(final ToDoubleFunction<RunFigures> figure)
    {
        return Spread.of(repetitions.stream().filter(run -> run.record().hasFigures())
            .mapToDouble(figure).toArray());
    }

    /**
     * @return the repetition whose p99 latency is the median (of an even count, the lower middle one), the one a
     * chart draws; null when no repetition measured a latency.
     */
    RunFigures medianRun()
    {
        final List<RunFigures> measured = repetitions.stream()
            .filter(run -> run.record().hasFigures() && run.latency().getTotalCount() > 0)
            .sorted(Comparator.comparingDouble((RunFigures run) -> run.latencyMs(99))).toList();
        return measured.isEmpty() ? null : measured.get((measured.size() - 1) / 2);
    }
}
