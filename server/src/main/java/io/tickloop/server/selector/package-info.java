/**
 * The {@code selector} socket model: one thread, one {@link java.nio.channels.Selector}, owning accept, read,
 * write and timers for every connection, and the service's timed work (the game's world).
 * <p>
 * {@link io.tickloop.server.selector.SelectorLoop} is the loop core ({@link io.tickloop.server.transport.ConnectionLoop})
 * with readiness from a Selector: it owns the Selector and every key on it, and nothing else touches them. Other
 * threads reach a loop only through {@link io.tickloop.server.selector.SelectorLoop#handOff},
 * {@code execute} and {@code requestShutdown}, which queue and wake it.
 */
package io.tickloop.server.selector;
