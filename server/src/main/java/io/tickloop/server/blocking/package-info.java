/**
 * The {@code blocking} and {@code virtual} socket models: blocking sockets, threads per client, one class
 * ({@link io.tickloop.server.blocking.ThreadPerConnectionServer}) given platform or virtual threads.
 * <p>
 * Threads: {@code tickloop-acceptor} (platform) blocks in {@code accept()} and refuses clients past the
 * connection limit, which is what bounds the thread count. Per client, {@code tickloop-conn-<id>-reader}
 * blocks in {@code read()} and calls the service; {@code tickloop-conn-<id>-writer} blocks on the bounded send
 * queue, then in {@code write()}. Producers never write to a socket, so a client that never reads stalls only
 * its own writer until the queue passes its bound and the client is cut off as a slow consumer.
 * {@code tickloop-housekeeping} closes connections stuck mid-frame. Under {@code virtual} the per-client threads
 * are virtual threads, parked instead of blocked.
 */
package io.tickloop.server.blocking;
