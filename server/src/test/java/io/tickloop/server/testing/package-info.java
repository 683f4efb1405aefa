/**
 * Test tools that stand between a client and a server: {@link io.tickloop.server.testing.FaultProxy} puts latency,
 * a bandwidth limit, one-byte writes or a reset into a TCP connection on loopback. Test code only.
 */
package io.tickloop.server.testing;
