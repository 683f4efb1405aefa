/**
 * The loss lab: a server and the load generator in a network namespace of their own, where nftables drops a
 * share of the loopback's packets, to measure what a lost packet costs TCP (head-of-line blocking) and UDP.
 */
package io.tickloop.loadgen.lab;
