/**
 * The client side of WebSocket (RFC 6455), for load over a server's {@code --ws-port}: the HTTP/1.1 upgrade
 * ({@link io.tickloop.loadgen.engine.ws.WebSocketHandshake}), masked frames out
 * ({@link io.tickloop.loadgen.engine.ws.WebSocketClientFramer}) and frames in, whatever the reads split
 * ({@link io.tickloop.loadgen.engine.ws.WebSocketFrameDecoder}).
 * <p>
 * Only what a load generator needs: no extensions (permessage-deflate is never asked for), no subprotocol, no
 * UTF-8 check of text (the game sends none). Each class is per connection and used by the one thread that owns
 * it; after the handshake nothing here allocates per message. No sockets either: the engine's driver reads and
 * writes, these classes turn bytes into bytes.
 */
package io.tickloop.loadgen.engine.ws;
