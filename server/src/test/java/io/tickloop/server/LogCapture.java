package io.tickloop.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Captures what the server logs at WARN and above while it is open, to check how a fault is reported (one WARN
 * line, no stack trace) rather than only that it is.
 */
final class LogCapture implements AutoCloseable
{
    private final Logger root = (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture()
    {
        appender.start();
        root.addAppender(appender);
    }

    /**
     * @param level a level.
     * @return the events logged at it so far, a copy.
     */
    List<ILoggingEvent> at(final Level level)
    {
        synchronized (appender)
        {
            return appender.list.stream().filter(event -> event.getLevel() == level).toList();
        }
    }

    /**
     * @return how many events so far carry a stack trace.
     */
    long withStackTrace()
    {
        synchronized (appender)
        {
            return appender.list.stream().filter(event -> null != event.getThrowableProxy()).count();
        }
    }

    @Override
    public void close()
    {
        root.detachAppender(appender);
        appender.stop();
    }
}
