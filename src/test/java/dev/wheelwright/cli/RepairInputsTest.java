package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.wheel.WheelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs of {@code repair}: one line on stderr naming the input, exit 2, nothing written. */
class RepairInputsTest {
    @TempDir
    Path tmp;

    private record Run(int code, String err) {}

    private Run repair(String... args) {
        StringWriter err = new StringWriter();
        String[] a = new String[args.length + 1];
        a[0] = "repair";
        System.arraycopy(args, 0, a, 1, args.length);
        int code = Main.run(a, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Run(code, err.toString().strip());
    }

    private Path wheel(String filename, WheelWriter.Entry... extra) throws Exception {
        Path p = tmp.resolve(filename);
        List<WheelWriter.Entry> m = new java.util.ArrayList<>(List.of(extra));
        m.add(WheelWriter.Entry.text("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"));
        m.add(WheelWriter.Entry.text("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"));
        WheelWriter.write(p, m, "demo-1.0.dist-info");
        return p;
    }

    private void assertOneLine(Run r, String... parts) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\n").contains(parts);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aPureWheelHasNothingToRepair() throws Exception {
        Path w = wheel("demo-1.0-py3-none-any.whl", WheelWriter.Entry.text("demo/__init__.py", ""));
        assertOneLine(repair(w.toString(), "-o", tmp.resolve("out").toString()), "demo-1.0-py3-none-any.whl", "has no binaries");
    }

    @Test
    void aWindowsWheelForTwoMachinesIsRefusedClearly() throws Exception {
        byte[] pe = Files.readAllBytes(Path.of("testdata/binaries").resolve(
                Files.list(Path.of("testdata/binaries")).map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".dll") || n.endsWith(".pyd") || n.endsWith(".exe")).findFirst().orElseThrow()));
        Path w = wheel("demo-1.0-cp311-cp311-win32.win_amd64.whl", new WheelWriter.Entry("demo/_x.pyd", pe, 0755));
        assertOneLine(repair(w.toString(), "-o", tmp.resolve("out").toString()), "demo-1.0-cp311-cp311-win32.win_amd64.whl",
                "carries several platform tags [win32, win_amd64]");
    }

    @Test
    void missingWheelsFoldersAndBadOptionsAreNamed() throws Exception {
        assertOneLine(repair(tmp.resolve("nope.whl").toString(), "-o", tmp.resolve("out").toString()), "nope.whl");
        Path w = wheel("demo-1.0-py3-none-any.whl", WheelWriter.Entry.text("demo/__init__.py", ""));
        assertOneLine(repair(w.toString(), "-o", tmp.resolve("out").toString(), "--lib-dir", tmp.resolve("no-such").toString()),
                "--lib-dir", "no such folder");
        assertOneLine(repair(w.toString(), "-o", tmp.resolve("out").toString(), "--sysroot", tmp.resolve("no-root").toString()),
                "--sysroot", "no such folder");
        Files.writeString(tmp.resolve("file"), "x");
        Run r = repair(w.toString(), "-o", tmp.resolve("file").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("-o ", "not a folder");
        assertThat(repair(w.toString()).code()).as("-o is required").isEqualTo(2);
    }
}
