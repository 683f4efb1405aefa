/**
 * The {@code reactors} socket model: one acceptor, N {@link io.tickloop.server.selector.SelectorLoop}s.
 * <p>
 * Threads: {@code tickloop-acceptor} blocks in {@code accept()}, applies the connection limit and hands each
 * channel, round-robin, to a loop through {@link io.tickloop.server.selector.SelectorLoop#handOff}; each
 * {@code tickloop-reactor-<i>} thread registers the channels handed to it and owns their reads, writes and
 * timers for life, exactly as the single-loop {@code selector} model does. Nothing here touches a key.
 */
package io.tickloop.server.reactors;
