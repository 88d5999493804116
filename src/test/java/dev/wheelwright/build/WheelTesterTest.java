package dev.wheelwright.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelTesterTest {
    @TempDir
    Path tmp;

    Path wheel(String name, Map<String, String> members) throws Exception {
        Path w = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(w); ZipOutputStream z = new ZipOutputStream(os)) {
            for (var e : members.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return w;
    }

    static Map<String, String> members(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void installLaysOutTheWheelAsAnInstallerAndNamesItsModules() throws Exception {
        Path w = wheel("demo-1.0-py3-none-any.whl", members(
                "demo/__init__.py", "",
                "_speedups.cpython-311-x86_64-linux-gnu.so", "",
                "single.py", "",
                "demo-1.0.data/platlib/extra/__init__.py", "",
                "demo-1.0.data/scripts/tool", "#!python\n",
                "demo-1.0.dist-info/METADATA", "Name: demo\n",
                "../escape.py", "",
                "not-a-module/readme.txt", ""));
        Path site = tmp.resolve("site");
        assertThat(WheelTester.install(w, site)).containsExactly("_speedups", "demo", "extra", "single");
        assertThat(site.resolve("extra/__init__.py")).exists();
        assertThat(site.resolve("tool")).doesNotExist();
        assertThat(tmp.resolve("escape.py")).doesNotExist();
    }

    @Test
    void topLevelTxtWinsOverMemberNames() throws Exception {
        Path w = wheel("demo-1.0-py3-none-any.whl", members(
                "demo/__init__.py", "", "tests/__init__.py", "",
                "demo-1.0.dist-info/top_level.txt", "demo\n"));
        assertThat(WheelTester.install(w, tmp.resolve("site"))).containsExactly("demo");
    }

    @Test
    void nativeTestPassesAndFailsOnWhatTheWheelReallyImports() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3");
        TestPlan plan = new TestPlan(TestPlan.Mode.NATIVE, null, List.of(python.toString()), null, null, null, null, null, null);
        List<String> log = new ArrayList<>();
        Path good = wheel("good-1.0-py3-none-any.whl", members("good/__init__.py", "VALUE = 1\n"));
        TestOutcome ok = WheelTester.test(plan, List.of(good), tmp, Files.createDirectories(tmp.resolve("w1")), Duration.ofSeconds(60), log::add);
        assertThat(ok.status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(ok.how()).isEqualTo("natively");
        assertThat(log).contains("testing natively: python -c 'import good'");

        Path bad = wheel("bad-1.0-py3-none-any.whl", members("bad/__init__.py", "import not_installed_anywhere\n"));
        TestOutcome ko = WheelTester.test(plan, List.of(bad), tmp, Files.createDirectories(tmp.resolve("w2")), Duration.ofSeconds(60), log::add);
        assertThat(ko.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(ko.detail()).endsWith("exited with code 1");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("ModuleNotFoundError: No module named 'not_installed_anywhere'"));

        // a user command: {python} is the interpreter
        TestPlan custom = new TestPlan(TestPlan.Mode.NATIVE, "{python} -c 'import good, sys; sys.exit(good.VALUE - 1)'",
                List.of(python.toString()), null, null, null, null, null, null);
        assertThat(WheelTester.test(custom, List.of(good), tmp, Files.createDirectories(tmp.resolve("w3")), Duration.ofSeconds(60), log::add)
                .status()).isEqualTo(TestOutcome.Status.PASSED);
    }

    @Test
    void aPlanWithoutATestSaysWhy() {
        TestOutcome o = WheelTester.test(TestPlan.none("no qemu"), List.of(), tmp, tmp, Duration.ofSeconds(1), l -> { });
        assertThat(o.status()).isEqualTo(TestOutcome.Status.NOT_RUN);
        assertThat(o.detail()).isEqualTo("no qemu");
    }
}
