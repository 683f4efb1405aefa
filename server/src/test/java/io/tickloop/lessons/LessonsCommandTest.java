package io.tickloop.lessons;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonsCommandTest
{
    @Test
    void shouldRunOnlyTheLessonAskedFor()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = LessonsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        assertEquals(0, commandLine.execute("--only", "2"));
        final String report = out.toString();
        System.out.println(report);
        assertTrue(report.contains("Lesson 2. TCP has no message boundaries"), report);
        assertTrue(report.contains("[950, 50]"), report);
        assertTrue(!report.contains("Lesson 1."), report);
    }

    @Test
    void shouldRejectALessonThatDoesNotExist()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = LessonsCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));

        assertEquals(2, commandLine.execute("--only", "9"));
        assertTrue(err.toString().contains("--only takes lesson numbers 1..7, was 9"), err.toString());
    }

    @Test
    void shouldDescribeItselfInHelp()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = LessonsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        assertEquals(0, commandLine.execute("--help"));
        assertTrue(out.toString().contains("--only"), out.toString());
    }
}
