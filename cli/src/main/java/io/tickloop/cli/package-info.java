/**
 * What every tickloop command line shares, so that a flag is declared once, typed, and checked beside its
 * declaration: the duration and byte-size syntax ({@link io.tickloop.cli.Durations},
 * {@link io.tickloop.cli.ByteSizes}), enum constants by their command-line names
 * ({@link io.tickloop.cli.EnumNames}), range checks that name the flag ({@link io.tickloop.cli.Flags}), and one
 * way to build a command line whose bad flags exit 2 with one line ({@link io.tickloop.cli.CommandLines}).
 * <p>
 * It knows picocli and nothing of sockets, the wire format, servers or load; {@code server} and
 * {@code loadgen} both depend on it.
 */
package io.tickloop.cli;
