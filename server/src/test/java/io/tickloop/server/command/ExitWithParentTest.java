package io.tickloop.server.command;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitWithParentTest
{
    @Test
    void shouldShutDownWhenTheParentProcessDies() throws Exception
    {
        final Path log = Files.createTempFile("tickloop-server", ".log");
        final String java = ProcessHandle.current().info().command().orElseThrow();
        final String command = String.join(" ", List.of(
            "'" + java + "'", "-cp", "'" + System.getProperty("java.class.path") + "'",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Dtickloop.log.level=INFO",
            ServerCommand.class.getName(), "--port", "0", "--exit-with-parent",
            ">", "'" + log + "'", "2>&1", "&", "echo $!", ";", "wait"));
        final Process parent = new ProcessBuilder("bash", "-c", command).start();
        ProcessHandle server = null;
        try
        {
            final long serverPid = Long.parseLong(new java.io.BufferedReader(
                new java.io.InputStreamReader(parent.getInputStream())).readLine().trim());
            final Optional<ProcessHandle> handle = ProcessHandle.of(serverPid);
            assertTrue(handle.isPresent());
            server = handle.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("listening="));

            parent.destroyForcibly().waitFor();

            final ProcessHandle started = server;
            await().atMost(Duration.ofSeconds(30)).until(() -> !started.isAlive());
            assertTrue(Files.readString(log).contains("parent process"), Files.readString(log));
        }
        finally
        {
            parent.destroyForcibly();
            if (null != server)
            {
                server.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }
}
