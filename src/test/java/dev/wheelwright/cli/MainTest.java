package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheTool() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("wheelwright " + Version.VERSION);
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLinePlusHint() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("frobnicate").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }
}
