/**
 * The WebSocket gateway ({@code --ws-port}): HTTP/1.1 and RFC 6455 on plain NIO, between the bytes and a framed
 * service, so that every socket model serves browsers. {@link io.tickloop.server.gateway.WebSocketGateway} stands in
 * front of the service and gives connections on its port an {@code HttpSession} (the page from the jar,
 * {@code /stats}, the upgrade), which becomes a {@code WebSocketSession}: each binary message one frame of the
 * service's protocol, unmasked in place, no allocation per message.
 */
package io.tickloop.server.gateway;
