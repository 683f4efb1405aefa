/**
 * What the socket models share, written once, so that every model counts, limits, logs and shuts down alike.
 * <p>
 * For every model: {@link io.tickloop.server.transport.AbstractServer} (the server lifecycle: start the service,
 * bind, report, close once), {@link io.tickloop.server.transport.SocketOptions} (TCP_NODELAY, SO_REUSEADDR),
 * {@link io.tickloop.server.transport.CloseReporting} (count and log a close; refuse at the connection limit),
 * {@link io.tickloop.server.transport.ServiceCalls} (a service that throws costs one connection),
 * {@link io.tickloop.server.transport.InboundLimits} (frame and idle timeouts, frames per second) and
 * {@link io.tickloop.server.transport.ServerThreads}.
 * <p>
 * For the models whose connections live on one loop thread (selector, reactors, polling): the loop core
 * {@link io.tickloop.server.transport.ConnectionLoop} with its {@link io.tickloop.server.transport.LoopSession}s
 * and their {@link io.tickloop.server.transport.OutboundBuffer} (bounded, single-threaded),
 * {@link io.tickloop.server.transport.LoopTasks} (work other threads queue for the loop) and
 * {@link io.tickloop.server.transport.SingleLoopServer} (one loop that also accepts). A model adds only where
 * readiness comes from.
 * <p>
 * For the models whose connections are touched by several threads (blocking, virtual, async):
 * {@link io.tickloop.server.transport.QueuedConnection} (what the service sees),
 * {@link io.tickloop.server.transport.SendQueue} (bounded, lock-protected, one writer),
 * {@link io.tickloop.server.transport.ConnectionRegistry} (timeouts, drain),
 * {@link io.tickloop.server.transport.ThreadTracker} (start, count, join),
 * {@link io.tickloop.server.transport.BlockingAcceptor} (the job of an acceptor thread, also used by reactors)
 * and {@link io.tickloop.server.transport.Housekeeping} (the one timer thread, {@code tickloop-housekeeping}).
 * <p>
 * Nothing here owns a Selector (a {@code LoopSession} only carries its key for the selector loop, which alone uses
 * it); nothing here knows a model, a service or the command line.
 */
package io.tickloop.server.transport;
