package io.tickloop.lessons;

import java.util.List;

/**
 * What a lesson measured. Each lesson's result is a record of its figures; this is what every one of them can say
 * in a report.
 */
public interface LessonResult
{
    /**
     * @return a few lines for a human: the figures seen and what they show.
     */
    List<String> findings();
}
