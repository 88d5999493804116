package dev.wheelwright.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * Runs a few representative one-shot commands in one JVM, with their output discarded, so that
 * the class-data-sharing archive made at package time ({@code -XX:ArchiveClassesAtExit}) holds
 * the classes a typical command loads; {@code bin/wheelwright} then maps that archive and starts
 * faster. Commands a build does not have yet simply fail here, which is harmless.
 */
public final class CdsTraining {
    private CdsTraining() {}

    static final List<String[]> COMMANDS = List.of(
            new String[] {"--version"},
            new String[] {"--help"},
            new String[] {"tags", "--python", "3.12", "--platform", "macosx_11_0_arm64"},
            new String[] {"tags", "--python", "3.9", "--platform", "manylinux_2_17_x86_64", "--format", "json"},
            new String[] {"build", "--help"},
            new String[] {"no-such-command"});

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        for (String[] command : COMMANDS) {
            Main.run(command, sink, sink);
        }
        sink.flush();
    }
}
