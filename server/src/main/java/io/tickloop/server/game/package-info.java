/**
 * The game skeleton ({@code --service game}): sessions (connected, hello'd, in a room, closed), rooms with a
 * capacity, a fixed tick that applies inputs and sends each player a STATE, chat broadcast, heartbeats and
 * timeouts, and area of interest on a uniform grid.
 * <p>
 * The {@link io.tickloop.server.game.World} is single-writer and never locks. Where it runs is chosen by the
 * socket model when the server starts the service: under {@code selector} on the loop's thread as its
 * {@link io.tickloop.server.service.LoopAgent}, each connection a
 * {@link io.tickloop.server.game.DirectPlayerConnection}; under every other model on one world thread that
 * inputs reach through an Agrona queue, each connection a {@link io.tickloop.server.game.QueuedPlayerConnection}.
 * {@link io.tickloop.server.game.GameMessages} registers every message's {@link io.tickloop.server.game.MessageHandler}
 * with the {@link io.tickloop.server.game.MessageDispatcher}: the one place to add a message. The game's flags
 * ({@link io.tickloop.server.game.GameOptions}) and settings live here too.
 */
package io.tickloop.server.game;
