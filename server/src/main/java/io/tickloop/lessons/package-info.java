/**
 * The study notes made runnable: each {@link io.tickloop.lessons.Lesson} is one claim about sockets (kernel
 * buffers, TCP and UDP boundaries, SO_REUSEADDR, blocking against busy polling, socket models at idle) turned
 * into a small experiment on loopback that returns what it measured and what that shows.
 * <p>
 * Lessons touch only loopback (127.0.0.1), bound what they open and how long they wait, and close everything
 * they open. They may use the server's public API ({@code io.tickloop.server}) and nothing of it uses them.
 * {@link io.tickloop.lessons.LessonsCommand} runs them as {@code bin/tickloop lessons}; docs/socket-models.md
 * explains each one with the output of a real run.
 */
package io.tickloop.lessons;
