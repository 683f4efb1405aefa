/**
 * The game skeleton ({@code --service game}): sessions (connected, hello'd, in a room, closed), rooms with a
 * capacity, a fixed tick that applies inputs and sends each player a STATE, chat broadcast, heartbeats and
 * timeouts, and area of interest on a uniform grid.
 * <p>
 * The {@link io.tickloop.server.game.World} is single-writer and never locks: under {@code selector} it runs
 * on the loop's thread as its {@link io.tickloop.server.service.LoopAgent}; under every other model it runs on
 * one world thread that inputs reach through an Agrona queue. Message handlers are registered by type in
 * {@link io.tickloop.server.game.GameMessages}, the one place to add a message.
 */
package io.tickloop.server.game;
