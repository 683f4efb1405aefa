package io.tickloop.loadgen.engine;

/**
 * The kinds of error a run counts. Any error counts towards {@code --max-errors}.
 */
public enum ErrorKind
{
    /** A connect attempt failed, was refused or did not complete within the timeout. */
    CONNECT("connect"),
    /** A reply's sequence number was not the next one expected on its connection. */
    SEQUENCE("sequence"),
    /** An outstanding request saw no reply within the timeout; the connection is then dropped. */
    TIMEOUT("timeout"),
    /** The server closed the connection, or a read or write on it failed. */
    CLOSED("closed"),
    /** A reply was not a PING or PONG of the size sent, or its frame was malformed; the connection is dropped. */
    PROTOCOL("protocol");

    private final String label;

    ErrorKind(final String label)
    {
        this.label = label;
    }

    /**
     * @return the lower-case name used in output files.
     */
    public String label()
    {
        return label;
    }
}
