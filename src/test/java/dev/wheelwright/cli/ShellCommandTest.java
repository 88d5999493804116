package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void historyFileComesFromOptionThenEnvironmentThenHome() {
        assertThat(ShellCommand.historyFile(Path.of("h1"), Map.of("WHEELWRIGHT_HISTORY", "h2"))).isEqualTo(Path.of("h1"));
        assertThat(ShellCommand.historyFile(null, Map.of("WHEELWRIGHT_HISTORY", "h2"))).isEqualTo(Path.of("h2"));
        assertThat(ShellCommand.historyFile(null, Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".wheelwright_history"));
    }

    @Test
    void shellWithPipedInputRunsTheLinesAndExitsWithTheLastFailure() {
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setIn(new ByteArrayInputStream("--version\nfrobnicate\n".getBytes(StandardCharsets.UTF_8)));
            code = Main.run(new String[] {"shell"}, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setIn(saved);
        }
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(out.toString()).isEqualTo("wheelwright " + Version.VERSION + "\n");
        assertThat(err.toString()).contains("frobnicate");
    }
}
