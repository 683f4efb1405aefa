package io.tickloop.lessons;

/**
 * One claim from the study notes, with the experiment that checks it on this machine.
 */
public interface Lesson
{
    /**
     * @return the lesson's number in the report and in docs/socket-models.md.
     */
    int number();

    /**
     * @return a short title.
     */
    String title();

    /**
     * @return the claim the experiment checks, in one sentence.
     */
    String claim();

    /**
     * Run the experiment on loopback.
     *
     * @return what was measured and what it shows.
     * @throws Exception when the experiment cannot run (a socket fails, a bound is passed).
     */
    LessonResult run() throws Exception;
}
