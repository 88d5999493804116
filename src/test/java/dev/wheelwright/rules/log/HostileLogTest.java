package dev.wheelwright.rules.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logs of the shapes that left {@code doctor --log} waiting forever (issue #22): long lines that
 * hold a rule's literals but not its match, under the fuzz contract through the rule engine.
 */
class HostileLogTest {
    static Stream<Arguments> logs() throws IOException {
        String slashes = "/a".repeat(200_000);
        return Stream.of(
                Arguments.of("mach-o literal then 400k of path", "mach-o, but wrong architecture " + slashes + "\n"),
                Arguments.of("path then the literal without its colon", slashes + " mach-o, but wrong architecture\n"),
                Arguments.of("incompatible architecture after a long path", "'" + slashes + "' (mach-o file, but is an incompatible architecture (have\n"),
                Arguments.of("cannot execute binary file, long word", "x".repeat(500_000) + " cannot execute binary file: Exec format\n"),
                Arguments.of("fatal error with a long path", ("src/x.c:1:10: fatal error: " + "a/".repeat(200_000) + "\n").repeat(2)),
                Arguments.of("a 3 MiB line", "error: " + "x ".repeat(1_500_000) + "\n"),
                Arguments.of("ANSI escapes on a long line", "\u001b[31m".repeat(100_000) + "ERROR: Failed building wheel for x\n"),
                Arguments.of("carriage returns", "Building wheel\r".repeat(200_000)),
                Arguments.of("gzip of gzip", gzip(gzip(gzip("Successfully installed x-1.0\n".getBytes(StandardCharsets.UTF_8))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void doctorLogWithinBounds(String what, Object log) {
        LogScannerFuzzTest.doctorLog(log instanceof byte[] b ? b : ((String) log).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
