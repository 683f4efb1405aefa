package io.tickloop.lessons;

import java.util.List;

/**
 * Every lesson, in the order of the report.
 */
public final class Lessons
{
    private Lessons()
    {
    }

    /**
     * @return new instances of every lesson, numbered from 1.
     */
    public static List<Lesson> all()
    {
        return List.of(
            new KernelBuffersLesson(),
            new TcpBoundariesLesson(),
            new UdpBoundariesLesson(),
            new ReuseAddressLesson(),
            new BusyPollingLesson(),
            new SocketModelsAtIdleLesson(),
            new HeadOfLineLesson());
    }
}
