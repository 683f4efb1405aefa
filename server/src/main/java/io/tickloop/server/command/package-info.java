/**
 * The server's command line and the catalogues it chooses from: {@link io.tickloop.server.command.SocketModel}
 * (every model's server class) and {@link io.tickloop.server.command.ServiceKind} (every service's class). The
 * one package that knows them all; nothing below it depends on it.
 */
package io.tickloop.server.command;
