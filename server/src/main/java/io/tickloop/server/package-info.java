/**
 * The tickloop server's API, which every sub-package may use: the {@link io.tickloop.server.Server} every socket
 * model implements, its {@link io.tickloop.server.ServerConfig} and the flags that make one
 * ({@link io.tickloop.server.ServerOptions}).
 * <p>
 * Sub-packages, each depending only on the API and on those listed before it: {@code metrics} (counters and snapshots); {@code service}
 * (what happens to bytes: echo, ping); {@code game} (the game skeleton, a service); {@code transport} (what the
 * models share: the loop core, the server lifecycle, queues); the socket models {@code selector} (one Selector
 * thread), {@code reactors} (one acceptor, N Selector loops), {@code blocking} (thread per client, platform or
 * virtual threads), {@code async} (NIO.2 completion handlers) and {@code polling} (a busy loop, no Selector);
 * and on top {@code command}, the {@code server} command line with the catalogues of models and services.
 */
package io.tickloop.server;
