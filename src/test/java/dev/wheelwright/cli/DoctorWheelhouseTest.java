package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.wheel.WheelFuser;
import dev.wheelwright.wheel.WheelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor --wheelhouse audits the wheels it finds, and a fused universal2 wheel audits clean. */
class DoctorWheelhouseTest {
    @TempDir
    Path tmp;

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    Path thin(String arch, String tag) throws Exception {
        String di = "demo-1.0.dist-info";
        Path p = Files.createDirectories(tmp.resolve("in-" + arch)).resolve("demo-1.0-cp39-cp39-" + tag + ".whl");
        WheelWriter.write(p, List.of(
                new WheelWriter.Entry("demo/_demo.cpython-39-darwin.so", Files.readAllBytes(Path.of("testdata/fuse/_demo." + arch + ".so")), 0755),
                WheelWriter.Entry.text(di + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                WheelWriter.Entry.text(di + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: cp39-cp39-" + tag + "\n\n")),
                di);
        return p;
    }

    @Test
    void fusedWheelPassesTheAuditAndAOneSliceUniversal2WheelDoesNot() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path house = Files.createDirectories(tmp.resolve("wheelhouse"));
        WheelFuser.fuse(thin("x86_64", "macosx_10_9_x86_64"), thin("arm64", "macosx_11_0_arm64"), house, null);

        MainTest.Run clean = run("doctor", project.toString(), "--wheelhouse", house.toString(), "--format", "json", "--fail-on", "info");
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("\"findings\"").doesNotContain("\"rule\"");
        MainTest.Run audit = run("audit", house.toString(), "--fail-on", "info");
        assertThat(audit.code()).as(audit.out() + audit.err()).isZero();

        // the same wheel name over an arm64-only binary: universal2 with one slice
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Path thinArm = thin("arm64", "macosx_10_9_universal2");
        Files.copy(thinArm, bad.resolve(thinArm.getFileName()));
        MainTest.Run broken = run("doctor", project.toString(), "--wheelhouse", bad.toString(), "--format", "json");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("binary-missing-tagged-arch");
    }
}
