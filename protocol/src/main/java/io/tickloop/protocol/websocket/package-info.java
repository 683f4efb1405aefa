/**
 * RFC 6455 as both ends of tickloop's WebSocket need it: the frame layout, opcodes, close codes and the
 * handshake's accept key. The server's gateway and the load generator's bots each frame with it; neither links
 * the other.
 */
package io.tickloop.protocol.websocket;
