package io.tickloop.loadgen.game;

import io.tickloop.loadgen.engine.ws.WebSocketClientFramer;
import io.tickloop.loadgen.engine.ws.WebSocketFrameDecoder;
import io.tickloop.loadgen.engine.ws.WebSocketHandshake;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A bot's WebSocket side with {@code --transport ws}: the upgrade until the server accepted it, then the framer
 * that masks each frame into the bot's send buffer and the decoder that takes the server's messages apart. On the
 * bot loop's thread only.
 */
final class BotWebSocket
{
    /** The resource the gateway upgrades. */
    static final String PATH = "/ws";
    /**
     * The longest server frame payload taken: a game frame is at most 64 KiB, and the decoder streams payload
     * without gathering it, so the bound only stops a corrupt length, not a memory cost.
     */
    static final long MAX_FRAME_PAYLOAD = 1 << 20;

    /** The bot loop's scratch buffer: a game frame is encoded here, then masked into the bot's send buffer. */
    final UnsafeBuffer stage;
    final WebSocketClientFramer framer;
    final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(false, MAX_FRAME_PAYLOAD);
    /** The opening handshake while it runs; null once the server accepted it. */
    WebSocketHandshake handshake;
    /** When the upgrade request went out. */
    long handshakeStartNs;
    /** The upgrade was answered and checked: frames flow. */
    boolean open;

    /**
     * @param stage the loop's scratch buffer, shared by its bots (one thread, one frame at a time).
     * @param seed the masking keys' seed.
     */
    BotWebSocket(final UnsafeBuffer stage, final long seed)
    {
        this.stage = stage;
        this.framer = new WebSocketClientFramer(seed);
    }
}
