package io.tickloop.loadgen.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The socket models the server runs, by the names its {@code --model} flag takes, in the order reports list
 * them. The load generator links no server class, so it keeps the names here.
 */
public enum ServerModel
{
    /** One Selector thread. */
    SELECTOR,
    /** One acceptor, several Selector loops. */
    REACTORS,
    /** A platform thread per connection. */
    BLOCKING,
    /** A virtual thread per connection. */
    VIRTUAL,
    /** NIO.2 completion handlers. */
    ASYNC,
    /** Non-blocking sockets in a busy loop, no Selector. */
    POLLING;

    /**
     * @return the name the server's {@code --model} takes.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return every model's name, in report order.
     */
    public static List<String> names()
    {
        return Arrays.stream(values()).map(ServerModel::toString).toList();
    }
}
