/**
 * Pieces every non-blocking socket model shares: the bounded per-connection outbound buffer and the socket
 * options tickloop sets on every channel. No threads live here.
 */
package io.tickloop.server.transport;
