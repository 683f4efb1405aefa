/**
 * The game skeleton's messages (types 16 and up): one decoder and one encoder flyweight per message, each
 * over an Agrona buffer, little-endian, with the layout as offsets and an ASCII diagram in the decoder's
 * Javadoc. A decoder validates the frame length (and any length field against it) in
 * {@code isWellFormed()}, which callers check before reading a field. Strings are bounded.
 * <p>
 * No sockets or threads here: docs/protocol.md is the reference for what each message means.
 */
package io.tickloop.protocol.game;
