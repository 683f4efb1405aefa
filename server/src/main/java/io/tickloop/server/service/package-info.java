/**
 * Services: what happens to a connection's bytes, written once and run unchanged under every socket model.
 * <p>
 * A {@link io.tickloop.server.service.Service} makes one {@link io.tickloop.server.service.ConnectionHandler}
 * per connection; the model calls it on the thread that reads that connection and gives it a
 * {@link io.tickloop.server.service.Connection} to reply through. Nothing here touches a selector, a socket or
 * a thread: that is the model's job.
 */
package io.tickloop.server.service;
