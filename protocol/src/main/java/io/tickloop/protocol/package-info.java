/**
 * The tickloop wire format, version 1: frame layout, a frame reader that turns arbitrary TCP reads into
 * whole frames, a frame writer, message type numbers, close reasons and message flyweights.
 * <p>
 * Nothing here touches a socket, a selector or a thread: the server, the load generator and the tests all
 * speak the protocol through these classes. Every integer on the wire is little-endian.
 */
package io.tickloop.protocol;
