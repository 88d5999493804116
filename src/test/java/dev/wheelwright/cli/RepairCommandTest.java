package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.repair.RepairFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repair} end to end on a gcc-made wheel whose module links private libraries. */
class RepairCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run repair(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> a = new ArrayList<>(List.of("repair"));
        a.addAll(List.of(args));
        int code = Main.run(a.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static List<Path> wheels(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static byte[] member(Path wheel, String name) throws Exception {
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            var e = z.getEntry(name);
            assertThat(e).as(name + " in " + wheel).isNotNull();
            return z.getInputStream(e).readAllBytes();
        }
    }

    @Test
    void repairedWheelBundlesBothLibrariesRewritesTheModuleInstallsAndImportsWithTheLibrariesGone() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        byte[] before = Files.readAllBytes(wheel);
        String fooName = RepairFixtures.hashedName(tmp.resolve("fx/foo/libfoo.so.1"));
        String barName = RepairFixtures.hashedName(tmp.resolve("fx/lib/libbar.so.1"));
        Path out = tmp.resolve("out");
        Run r = repair(wheel.toString(), "-o", out.toString(), "--lib-dir", tmp.resolve("fx/foo").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(wheel)).as("the input is never modified").isEqualTo(before);
        List<Path> written = wheels(out);
        assertThat(written).hasSize(1);
        Path repaired = written.get(0);
        // getrandom in libbar needs GLIBC_2.25: the oldest policy of the table at or above it
        assertThat(repaired.getFileName().toString()).isEqualTo("repdemo-0.1.0-cp311-cp311-manylinux_2_26_x86_64.whl"
                .replace("cp311", tagOf(wheel)).replace("x86_64", archOf(wheel)));
        assertThat(r.out()).contains("bundle libfoo.so.1 from ", "as repdemo.libs/" + fooName,
                "bundle libbar.so.1 from ", "as repdemo.libs/" + barName);

        // what llvm-readelf sees
        Path x = tmp.resolve("x");
        Files.createDirectories(x.resolve("repdemo.libs"));
        String module = "repdemo/_demo" + suffixOf(wheel);
        Files.write(x.resolve("module.so"), member(repaired, module));
        Files.write(x.resolve("repdemo.libs/" + fooName), member(repaired, "repdemo.libs/" + fooName));
        String readelf = RepairFixtures.tool("llvm-readelf").toString();
        String dyn = RepairFixtures.run(readelf, "--dynamic", x.resolve("module.so").toString());
        assertThat(dyn).contains("Shared library: [" + fooName + "]", "Library runpath: [$ORIGIN/../repdemo.libs]")
                .doesNotContain("[libfoo.so.1]");
        String foo = RepairFixtures.run(readelf, "--dynamic", x.resolve("repdemo.libs/" + fooName).toString());
        assertThat(foo).contains("Library soname: [" + fooName + "]", "Shared library: [" + barName + "]",
                "Library runpath: [$ORIGIN]");
        String sbom = new String(member(repaired, "repdemo-0.1.0.dist-info/sboms/wheelwright.cdx.json"), StandardCharsets.UTF_8);
        assertThat(sbom).contains("\"bomFormat\" : \"CycloneDX\"", "libfoo.so.1", tmp.resolve("fx/lib/libbar.so.1").toString());
        String wheelFile = new String(member(repaired, "repdemo-0.1.0.dist-info/WHEEL"), StandardCharsets.UTF_8);
        assertThat(wheelFile).contains("Tag: " + tagOf(wheel) + "-" + tagOf(wheel) + "-manylinux_2_26_" + archOf(wheel))
                .doesNotContain("linux_" + archOf(wheel) + "\n");

        // audit is clean
        StringWriter aout = new StringWriter();
        int audit = Main.run(new String[] {"audit", repaired.toString()}, new PrintWriter(aout, true), new PrintWriter(new StringWriter(), true));
        assertThat(audit).as(aout.toString()).isZero();

        // a fresh venv, the original folders gone
        Path venv = tmp.resolve("venv");
        RepairFixtures.run(RepairFixtures.PYTHON.toString(), "-m", "venv", venv.toString());
        RepairFixtures.run(venv.resolve("bin/pip").toString(), "install", "-q", "--no-index", repaired.toString());
        Files.move(tmp.resolve("fx/foo"), tmp.resolve("fx/foo.gone"));
        Files.move(tmp.resolve("fx/lib"), tmp.resolve("fx/lib.gone"));
        String value = RepairFixtures.run("env", "-u", "LD_LIBRARY_PATH", venv.resolve("bin/python").toString(), "-c",
                "import repdemo, repdemo._demo_rpath as r; print(repdemo.value(), r.value())");
        assertThat(value.strip()).isEqualTo("42 42");
    }

    @Test
    void sameInputTwiceGivesIdenticalBytes() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        String lib = tmp.resolve("fx/foo").toString();
        assertThat(repair(wheel.toString(), "-o", tmp.resolve("a").toString(), "--lib-dir", lib, "-q").code()).isZero();
        assertThat(repair(wheel.toString(), "-o", tmp.resolve("b").toString(), "--lib-dir", lib, "-q").code()).isZero();
        Path a = wheels(tmp.resolve("a")).get(0);
        Path b = wheels(tmp.resolve("b")).get(0);
        assertThat(a.getFileName()).isEqualTo(b.getFileName());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        Path out = tmp.resolve("out");
        Run r = repair(wheel.toString(), "-o", out.toString(), "--lib-dir", tmp.resolve("fx/foo").toString(), "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("would write repdemo-0.1.0-").contains("manylinux_2_26",
                "bundle libfoo.so.1 from " + tmp.resolve("fx/foo/libfoo.so.1") + " (--lib-dir ",
                "bundle libbar.so.1 from " + tmp.resolve("fx/lib/libbar.so.1") + " (DT_RUNPATH ",
                "rewrite repdemo/_demo");
        assertThat(out).doesNotExist();
    }

    @Test
    void aLibraryNobodyCanFindIsOneLineExit2NamingWhoNeedsItAndNothingIsWritten() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        Path out = tmp.resolve("out");
        Run r = repair(wheel.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cannot find libfoo.so.1 (needed by repdemo/_demo.",
                "--lib-dir");
        assertThat(out).doesNotExist();
    }

    @Test
    void platBelowWhatTheBinariesNeedIsRefusedAndOneTheyMeetIsUsed() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        String lib = tmp.resolve("fx/foo").toString();
        String arch = archOf(wheel);
        Run low = repair(wheel.toString(), "-o", tmp.resolve("low").toString(), "--lib-dir", lib, "--plat", "manylinux2014_" + arch);
        assertThat(low.code()).isEqualTo(2);
        assertThat(low.err()).contains("--plat manylinux2014_" + arch + ": the repaired binaries need glibc 2.25");
        assertThat(tmp.resolve("low")).doesNotExist();
        Run ok = repair(wheel.toString(), "-o", tmp.resolve("ok").toString(), "--lib-dir", lib, "--plat", "manylinux_2_28_" + arch);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(wheels(tmp.resolve("ok")).get(0).getFileName().toString()).endsWith("-manylinux_2_28_" + arch + ".whl");
    }

    @Test
    void anExcludedLibraryStaysOutAndIsNotAFindingOfTheRepairedWheel() throws Exception {
        Path wheel = RepairFixtures.build(tmp.resolve("fx"));
        Run r = repair(wheel.toString(), "-o", tmp.resolve("out").toString(), "--lib-dir", tmp.resolve("fx/foo").toString(),
                "--exclude", "libbar*");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bundle libfoo.so.1", "note: libbar.so.1 left out (--exclude)").doesNotContain("bundle libbar");
        Path repaired = wheels(tmp.resolve("out")).get(0);
        try (ZipFile z = new ZipFile(repaired.toFile())) {
            assertThat(z.stream().map(e -> e.getName()).filter(n -> n.contains("libbar"))).isEmpty();
        }
    }

    @Test
    void fixNOfAnAuditRunsRepairAsTheFindingsMachineFix() throws Exception {
        Path built = RepairFixtures.build(tmp.resolve("fx"));
        // the module whose RUNPATH finds libfoo, alone in a wheel: no --lib-dir needed
        String suffix = suffixOf(built).replace("_demo", "");
        Path dist = tmp.resolve("dist");
        Path wheel = dist.resolve(built.getFileName());
        dev.wheelwright.wheel.WheelWriter.write(wheel, List.of(
                new dev.wheelwright.wheel.WheelWriter.Entry("repdemo/_demo_rpath" + suffix,
                        Files.readAllBytes(tmp.resolve("fx/build/repdemo/_demo_rpath" + suffix)), 0755),
                dev.wheelwright.wheel.WheelWriter.Entry.text("repdemo/__init__.py", "from ._demo_rpath import value\n"),
                new dev.wheelwright.wheel.WheelWriter.Entry("repdemo-0.1.0.dist-info/METADATA", member(built, "repdemo-0.1.0.dist-info/METADATA")),
                new dev.wheelwright.wheel.WheelWriter.Entry("repdemo-0.1.0.dist-info/WHEEL", member(built, "repdemo-0.1.0.dist-info/WHEEL"))),
                "repdemo-0.1.0.dist-info");
        String state = System.getProperty("wheelwright.stateDir");
        System.setProperty("wheelwright.stateDir", tmp.resolve("state").toString());
        try {
            StringWriter aout = new StringWriter();
            int audit = Main.run(new String[] {"audit", wheel.toString()}, new PrintWriter(aout, true), new PrintWriter(new StringWriter(), true));
            assertThat(aout.toString()).contains("plain-linux-tag");
            assertThat(audit).isEqualTo(ExitCode.FINDINGS); // a plain linux tag is an error for a wheel meant for an index
            StringWriter fout = new StringWriter();
            StringWriter ferr = new StringWriter();
            int plan = Main.run(new String[] {"fix", "1"}, new PrintWriter(fout, true), new PrintWriter(ferr, true));
            assertThat(plan).as(ferr.toString()).isZero();
            assertThat(fout.toString()).contains("would write repdemo-0.1.0-", "bundle libfoo.so.1");
            assertThat(dist.resolve("wheelhouse")).doesNotExist();
            int applied = Main.run(new String[] {"fix", "1", "--apply"}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(ferr, true));
            assertThat(applied).as(ferr.toString()).isZero();
            assertThat(wheels(dist.resolve("wheelhouse"))).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).contains("-manylinux_2_26_"));
        } finally {
            if (state == null) {
                System.clearProperty("wheelwright.stateDir");
            } else {
                System.setProperty("wheelwright.stateDir", state);
            }
        }
    }

    private static String tagOf(Path wheel) {
        return wheel.getFileName().toString().split("-")[2];
    }

    private static String archOf(Path wheel) {
        String n = wheel.getFileName().toString();
        return n.substring(n.indexOf("-linux_") + 7, n.length() - 4);
    }

    private static String suffixOf(Path wheel) throws Exception {
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            return z.stream().map(e -> e.getName()).filter(n -> n.startsWith("repdemo/_demo.")).findFirst().orElseThrow()
                    .substring("repdemo/_demo".length());
        }
    }
}
