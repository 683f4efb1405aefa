/**
 * The tickloop server: its configuration, the {@link io.tickloop.server.Server} every socket model implements,
 * the {@link io.tickloop.server.SocketModel} catalogue and the {@code server} command line.
 * <p>
 * Sub-packages: {@code service} (what happens to bytes), {@code selector} (the single-thread Selector model),
 * {@code transport} (pieces the non-blocking models share), {@code metrics} (counters and snapshots).
 */
package io.tickloop.server;
