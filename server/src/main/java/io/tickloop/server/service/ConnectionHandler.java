package io.tickloop.server.service;

import io.tickloop.protocol.CloseReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One connection's state inside a service. The model calls it from one thread at a time.
 */
public interface ConnectionHandler
{
    /** The most bytes of last words a model makes room for. */
    int MAX_LAST_WORDS = 64;

    /**
     * Bytes as they arrived: a whole frame, part of one, or several. The buffer is only valid during the call.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     */
    void onBytes(DirectBuffer buffer, int offset, int length);

    /**
     * Lets the model bound the time to complete a frame: it closes a connection whose incomplete frame keeps
     * the same number past the frame timeout.
     *
     * @return a number naming the incomplete frame that waits for its rest, or 0 when there is none.
     */
    default long partialFrameSeq()
    {
        return 0;
    }

    /**
     * A housekeeping pass (every 250 ms): give back memory grown for a burst once it has stayed unused for a whole
     * pass (a frame reader's reassembly buffer). The model calls it where {@link #onBytes} cannot run at the same
     * time: on the reading thread, or under the connection's lock while no read is in the service.
     */
    default void onHousekeeping()
    {
    }

    /**
     * Last words before a close the server decides ({@link CloseReason#isServerDecided()}): bytes the model
     * sends, best effort, just before it closes the connection, so that the client learns why (the game's KICK).
     * The model never blocks for them: it sends them when they fit under the send-queue bound and the socket takes
     * them at once. Called at most once, on whichever thread closes; a handler that has already said its last
     * words (its own KICK) returns 0.
     *
     * @param reason why the server closes.
     * @param out where to put the bytes, from offset 0; at least {@value #MAX_LAST_WORDS} bytes.
     * @return how many bytes, 0 for none.
     */
    default int lastWords(final CloseReason reason, final MutableDirectBuffer out)
    {
        return 0;
    }

    /**
     * The server drains: bytes the model sends after everything the service queued before the drain (its BYE, by
     * {@link Service#onDrain}'s contract) and before it half-closes (FIN), such as the WebSocket close frame that
     * follows the game's BYE. Called once per drained connection, on the loop's thread once the bytes before it
     * are written, or on the draining thread as it starts the drain; never blocking, as {@link #lastWords}.
     *
     * @param out where to put the bytes, from offset 0; at least {@value #MAX_LAST_WORDS} bytes.
     * @return how many bytes, 0 for none (the default).
     */
    default int drainWords(final MutableDirectBuffer out)
    {
        return 0;
    }

    /**
     * Lets the model bound the frames one peer sends: per loop turn (fairness) and per second
     * ({@code --max-frames-per-second}).
     *
     * @return whole frames received since the handler was made, or -1 for a service without frames (echo).
     */
    default long framesIn()
    {
        return -1;
    }

    /**
     * The connection has closed; no more calls follow.
     *
     * @param reason why it closed.
     */
    default void onClose(final CloseReason reason)
    {
    }
}
