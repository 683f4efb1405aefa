package io.tickloop.loadgen;

import java.util.Locale;

/**
 * What {@code tickloop load --scenario} drives a server with.
 */
public enum LoadScenario
{
    /** PINGs, every reply checked: {@code --service ping} or {@code echo}. */
    PING,
    /** Bots playing {@code --service game}. */
    GAME;

    /**
     * @return the name on the command line.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
