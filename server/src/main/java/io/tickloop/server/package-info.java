/**
 * The tickloop server: its configuration, the {@link io.tickloop.server.Server} every socket model implements,
 * the {@link io.tickloop.server.SocketModel} catalogue and the {@code server} command line.
 * <p>
 * Sub-packages: {@code service} (what happens to bytes); the socket models {@code selector} (one Selector
 * thread), {@code reactors} (one acceptor, N Selector loops), {@code blocking} (thread per client, platform or
 * virtual threads), {@code async} (NIO.2 completion handlers) and {@code polling} (a busy loop, no Selector);
 * {@code transport} (pieces the models share), {@code metrics} (counters and snapshots).
 */
package io.tickloop.server;
