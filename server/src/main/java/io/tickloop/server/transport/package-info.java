/**
 * Pieces the socket models share, so that every model counts, limits, logs and shuts down alike.
 * <p>
 * For every model: {@link io.tickloop.server.transport.SocketOptions} (TCP_NODELAY, SO_REUSEADDR),
 * {@link io.tickloop.server.transport.Closes} (count, log and notify on close; refuse at the connection limit),
 * {@link io.tickloop.server.transport.OutboundBuffer} (a connection's bounded outbound bytes, single-threaded),
 * {@link io.tickloop.server.transport.PartialFrameClock} (frame timeouts) and
 * {@link io.tickloop.server.transport.ServerThreads}.
 * <p>
 * For the models whose connections are touched by several threads (blocking, virtual, async):
 * {@link io.tickloop.server.transport.QueuedConnection} (what the service sees),
 * {@link io.tickloop.server.transport.SendQueue} (bounded, lock-protected, one writer),
 * {@link io.tickloop.server.transport.ConnectionRegistry} (timeouts, drain),
 * {@link io.tickloop.server.transport.ThreadTracker} (start, count, join),
 * {@link io.tickloop.server.transport.BlockingAcceptor} (the job of an acceptor thread, also used by reactors)
 * and {@link io.tickloop.server.transport.Housekeeping} (the one timer thread, {@code tickloop-housekeeping}).
 * Nothing here owns a Selector or a key.
 */
package io.tickloop.server.transport;
