package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** One-shot runs build only the named command; they must behave exactly as the full tree does. */
class SingleCommandTreeTest {

    record Run(int code, String out, String err) {}

    static Run viaFullTree(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run viaRun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Every registered command, with --help and with an option it does not have. */
    static Stream<List<String>> commandLines() {
        List<List<String>> lines = new ArrayList<>();
        CommandLine full = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String name : full.getSubcommands().keySet()) {
            lines.add(List.of(name, "--help"));
            lines.add(List.of(name, "--no-such-option"));
        }
        lines.add(List.of("--version"));
        return lines.stream();
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void sameOutputAndExitCodeAsTheFullTree(List<String> args) {
        String[] a = args.toArray(new String[0]);
        assertThat(Main.subcommandClass(a[0]) != null || a[0].startsWith("-")).isTrue();
        assertThat(viaRun(a)).isEqualTo(viaFullTree(a));
    }
}
