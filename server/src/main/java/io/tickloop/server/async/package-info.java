/**
 * The {@code async} socket model: NIO.2 asynchronous channels and completion handlers, Java's answer to
 * Overlapped I/O and IOCP.
 * <p>
 * Threads: a fixed channel group of {@code --threads} threads, {@code tickloop-async-<n>}, waits for
 * completions (epoll underneath on Linux) and runs every handler: one accept outstanding, re-issued from its
 * completion; per connection one read outstanding (so the service's handler runs one completion at a time)
 * and at most one write, the next issued from the previous write's completion. Nothing blocks on a socket.
 * {@code tickloop-housekeeping} closes connections stuck mid-frame and retries a failed accept after a pause.
 */
package io.tickloop.server.async;
