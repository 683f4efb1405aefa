/**
 * The {@code selector} socket model: one thread, one {@link java.nio.channels.Selector}, owning accept, read,
 * write and timers for every connection.
 * <p>
 * {@link io.tickloop.server.selector.SelectorLoop} owns the Selector and every key on it; nothing else touches
 * them. Other threads reach a loop only through {@link io.tickloop.server.selector.SelectorLoop#handOff} and
 * {@link io.tickloop.server.selector.SelectorLoop#requestShutdown}, which queue and wake it.
 */
package io.tickloop.server.selector;
