package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.binary.pe.PePatcher;
import dev.wheelwright.binary.pe.PeReader;
import dev.wheelwright.repair.PeFixtures;
import dev.wheelwright.repair.RepairFixtures;
import dev.wheelwright.repair.WheelRepairer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repair} of a Windows wheel made with mingw-w64 and clang/lld: the module imports foo.dll
 * (which imports bar.dll) and python312.dll and delay-loads baz.dll. LLVM's tools read the
 * rewritten tables, pefile verifies the checksums, Wine loads the repaired module.
 */
class RepairPeTest {
    private static final String MODULE = "pedemo/_demo.cp312-win_amd64.pyd";

    @TempDir
    Path tmp;

    Path wheel;
    Path fx;

    @BeforeEach
    void fixtures() throws Exception {
        fx = tmp.resolve("fx");
        wheel = PeFixtures.build(fx);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static byte[] member(Path wheel, String name) throws Exception {
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            ZipEntry e = z.getEntry(name);
            assertThat(e).as(name).isNotNull();
            return z.getInputStream(e).readAllBytes();
        }
    }

    private static List<String> names(Path wheel) throws Exception {
        try (ZipFile z = new ZipFile(wheel.toFile())) {
            return z.stream().map(ZipEntry::getName).toList();
        }
    }

    /** delvewheel's mangled name, computed here from the fixture files: sha256(hashes of mangled imports + NUL each, then the bytes)[:32]. */
    private static String mangled(Path dll, String... importHashes) throws Exception {
        return dll.getFileName().toString().replace(".dll", "-" + hash(dll, importHashes) + ".dll");
    }

    private static String hash(Path dll, String... importHashes) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String h : importHashes) {
            sha.update(h.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
        }
        sha.update(Files.readAllBytes(dll));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    private String[] libDirs() {
        return new String[] {"--lib-dir", fx.resolve("foo").toString(), "--lib-dir", fx.resolve("lib").toString()};
    }

    private Path repair(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("repair", wheel.toString(), "-o", out.toString()));
        args.addAll(List.of(libDirs()));
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, args.toArray(String[]::new));
        assertThat(code).as(o + "\n" + e).isZero();
        return out.resolve("pedemo-0.1.0-cp312-cp312-win_amd64.whl");
    }

    /** The CheckSum llvm-objdump -p reads from the optional header. */
    private static long objdumpChecksum(Path file) throws Exception {
        String p = RepairFixtures.run(RepairFixtures.tool("llvm-objdump").toString(), "-p", file.toString());
        Matcher m = Pattern.compile("CheckSum\\s+([0-9a-fA-F]+)").matcher(p);
        assertThat(m.find()).as(p).isTrue();
        return Long.parseLong(m.group(1), 16);
    }

    /** pefile's verdict on the checksum (an implementation that is not ours), when /usr/bin/python3 has pefile. */
    private static void pefileAgrees(Path... files) throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pefile").start();
        assumeTrue(probe.waitFor() == 0, "pefile (python3-pefile) is not installed");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c",
                "import pefile, sys\nfor f in sys.argv[1:]:\n    pe = pefile.PE(f)\n"
                        + "    print(f, pe.OPTIONAL_HEADER.CheckSum == pe.generate_checksum() != 0)"));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        String out = RepairFixtures.run(cmd.toArray(String[]::new));
        assertThat(out.lines().filter(l -> l.endsWith(" True")).count()).as(out).isEqualTo(files.length);
    }

    @Test
    void repairedWheelBundlesTheDllsUnderDelvewheelsNamesRewritesTheImportsAndAuditsClean() throws Exception {
        byte[] before = Files.readAllBytes(wheel);
        Path repaired = repair(tmp.resolve("out"));
        assertThat(Files.readAllBytes(wheel)).isEqualTo(before);
        String bar = mangled(fx.resolve("lib/bar.dll"));
        String barHash = hash(fx.resolve("lib/bar.dll"));
        String foo = mangled(fx.resolve("foo/foo.dll"), barHash);
        String baz = mangled(fx.resolve("lib/baz.dll"));
        assertThat(names(repaired)).contains("pedemo.libs/" + bar, "pedemo.libs/" + foo, "pedemo.libs/" + baz, MODULE,
                "pedemo/__init__.py", "pedemo-0.1.0.dist-info/sboms/wheelwright.cdx.json");
        assertThat(names(repaired)).noneMatch(n -> n.toLowerCase(Locale.ROOT).contains("python312"));

        Path x = tmp.resolve("x");
        Files.createDirectories(x);
        Path mod = x.resolve("_demo.pyd");
        Files.write(mod, member(repaired, MODULE));
        Path fooOut = x.resolve(foo);
        Files.write(fooOut, member(repaired, "pedemo.libs/" + foo));
        Path barOut = x.resolve(bar);
        Files.write(barOut, member(repaired, "pedemo.libs/" + bar));
        String readobj = RepairFixtures.tool("llvm-readobj").toString();
        String imports = RepairFixtures.run(readobj, "--coff-imports", mod.toString());
        assertThat(imports).contains("Name: " + foo, "Name: python312.dll", "Name: KERNEL32.dll");
        assertThat(imports).doesNotContain("Name: foo.dll", "Name: baz.dll");
        assertThat(imports.substring(imports.indexOf("DelayImport"))).contains("Name: " + baz);
        assertThat(RepairFixtures.run(readobj, "--coff-imports", fooOut.toString())).contains("Name: " + bar).doesNotContain("Name: bar.dll");
        // the checksum: what LLVM reads equals our computation, and pefile agrees
        for (Path f : List.of(mod, fooOut)) {
            long sum = objdumpChecksum(f);
            assertThat(sum).isNotZero().isEqualTo(PePatcher.checksum(Files.readAllBytes(f)));
        }
        pefileAgrees(mod, fooOut);
        // bar.dll imports nothing bundled: its bytes are the original's
        assertThat(Files.readAllBytes(barOut)).isEqualTo(Files.readAllBytes(fx.resolve("lib/bar.dll")));

        String init = new String(member(repaired, "pedemo/__init__.py"), StandardCharsets.UTF_8);
        assertThat(init).contains("os.add_dll_directory(libs_dir)", "os.pardir, 'pedemo.libs'")
                .doesNotContain(".load-order"); // cp312 only: no fallback for older Pythons
        Path initFile = x.resolve("__init__.py");
        Files.writeString(initFile, init);
        // __future__ still opens the module after the docstring: compile() refuses it anywhere else
        RepairFixtures.run("/usr/bin/python3", "-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", initFile.toString());
        assertThat(init.indexOf("from __future__")).isLessThan(init.indexOf("_wheelwright_patch"));

        String sbom = new String(member(repaired, "pedemo-0.1.0.dist-info/sboms/wheelwright.cdx.json"), StandardCharsets.UTF_8);
        assertThat(sbom).contains(fx.resolve("foo/foo.dll").toString(), "pedemo.libs/" + bar, "\"name\" : \"baz.dll\"");

        StringWriter aout = new StringWriter();
        int audit = run(aout, new StringWriter(), "audit", repaired.toString());
        assertThat(audit).as(aout.toString()).isZero();
    }

    @Test
    void theRepairedModuleLoadsUnderWineFromTheBundledFolderAlone() throws Exception {
        PeFixtures.wine();
        Path repaired = repair(tmp.resolve("out"));
        Path site = tmp.resolve("site");
        try (ZipFile z = new ZipFile(repaired.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                Path p = site.resolve(e.getName());
                Files.createDirectories(p.getParent());
                Files.write(p, z.getInputStream(e).readAllBytes());
            }
        }
        // nothing outside the wheel: the original DLLs are gone
        for (String f : List.of("foo/foo.dll", "lib/bar.dll", "lib/baz.dll")) {
            Files.delete(fx.resolve(f));
        }
        Path prefix = Path.of(System.getProperty("java.io.tmpdir"), "wheelwright-test-wine-prefix");
        PeFixtures.Loaded ok = PeFixtures.load(fx, prefix, site.resolve(MODULE), site.resolve("pedemo.libs"));
        assertThat(ok.out()).as(ok.out()).contains("demo_value 142");
        assertThat(ok.code()).isZero();
        // without the folder __init__.py adds, Windows finds none of them
        PeFixtures.Loaded without = PeFixtures.load(fx, prefix, site.resolve(MODULE));
        assertThat(without.code()).as(without.out()).isNotZero();
        assertThat(without.out()).contains("failed: 126"); // ERROR_MOD_NOT_FOUND
    }

    @Test
    void sameInputTwiceGivesIdenticalBytesAndSourceDateEpochStampsEveryMember() throws Exception {
        Path a = repair(tmp.resolve("a"));
        Path b = repair(tmp.resolve("b"));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        WheelRepairer.Options options = new WheelRepairer.Options(List.of(fx.resolve("foo"), fx.resolve("lib")), List.of(), null, null, null);
        WheelRepairer.Plan plan = WheelRepairer.plan(wheel, options);
        Path c = WheelRepairer.write(plan, tmp.resolve("c"), WheelRepairer.timestamp("1700000000"));
        Path d = WheelRepairer.write(WheelRepairer.plan(wheel, options), tmp.resolve("d"), WheelRepairer.timestamp("1700000000"));
        assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(d)).isNotEqualTo(Files.readAllBytes(a));
        LocalDateTime expected = LocalDateTime.ofEpochSecond(1700000000L, 0, ZoneOffset.UTC); // 2023-11-14T22:13:20
        try (ZipFile z = new ZipFile(c.toFile())) {
            assertThat(z.stream().map(ZipEntry::getTimeLocal).distinct().toList()).containsExactly(expected);
        }
        // before 1980: clamped to zip's first date, with a note
        WheelRepairer.Timestamp early = WheelRepairer.timestamp("86400");
        assertThat(early.note()).contains("clamped to 315532800");
        Path e = WheelRepairer.write(plan, tmp.resolve("e"), early);
        try (ZipFile z = new ZipFile(e.toFile())) {
            assertThat(z.stream().map(ZipEntry::getTimeLocal).distinct().toList()).containsExactly(LocalDateTime.of(1980, 1, 1, 0, 0));
        }
        assertThat(WheelRepairer.timestamp("9999999999").note()).contains("clamped to 4354819198");
        assertThat(WheelRepairer.timestamp("").millis()).isNull();
        assertThatThrownBy(() -> WheelRepairer.timestamp("1.7e9")).isInstanceOf(WheelwrightException.class)
                .hasMessage("SOURCE_DATE_EPOCH '1.7e9': not a whole number of seconds since 1970-01-01T00:00:00Z");
    }

    /** The CLI in a JVM of its own, with SOURCE_DATE_EPOCH in its environment. */
    private static RepairFixtures.Result cli(String sourceDateEpoch, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.wheelwright.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SOURCE_DATE_EPOCH", sourceDateEpoch);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new RepairFixtures.Result(p.waitFor(), out, err);
    }

    @Test
    void theCommandReadsSourceDateEpochFromItsEnvironment() throws Exception {
        List<String> args = new ArrayList<>(List.of("repair", wheel.toString(), "-o", tmp.resolve("sde").toString()));
        args.addAll(List.of(libDirs()));
        RepairFixtures.Result ok = cli("1600000000", args.toArray(String[]::new));
        assertThat(ok.code()).as(ok.err()).isZero();
        try (ZipFile z = new ZipFile(tmp.resolve("sde/pedemo-0.1.0-cp312-cp312-win_amd64.whl").toFile())) {
            assertThat(z.stream().map(ZipEntry::getTimeLocal).distinct().toList())
                    .containsExactly(LocalDateTime.ofEpochSecond(1600000000L, 0, ZoneOffset.UTC));
        }
        RepairFixtures.Result early = cli("0", args.toArray(String[]::new));
        assertThat(early.code()).as(early.err()).isZero();
        assertThat(early.out()).contains("note: SOURCE_DATE_EPOCH 0 is before 1980");
        RepairFixtures.Result bad = cli("yesterday", "repair", wheel.toString(), "-o", tmp.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("wheelwright: SOURCE_DATE_EPOCH 'yesterday': not a whole number of seconds since 1970-01-01T00:00:00Z");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("repair", wheel.toString(), "-o", out.toString(), "--dry-run"));
        args.addAll(List.of(libDirs()));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, args.toArray(String[]::new))).as(e.toString()).isZero();
        String foo = mangled(fx.resolve("foo/foo.dll"), hash(fx.resolve("lib/bar.dll")));
        assertThat(o.toString()).contains("would write pedemo-0.1.0-cp312-cp312-win_amd64.whl (win_amd64)",
                "bundle foo.dll from " + fx.resolve("foo/foo.dll") + " (--lib-dir " + fx.resolve("foo") + ") as pedemo.libs/" + foo
                        + ", needed by " + MODULE,
                "bundle bar.dll from " + fx.resolve("lib/bar.dll"), "needed by foo.dll",
                "rewrite " + MODULE + ": foo.dll -> " + foo,
                "rewrite pedemo/__init__.py: os.add_dll_directory(pedemo.libs)");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDllNobodyCanFindIsOneLineExit2NamingWhoNeedsItAndNothingIsWritten() throws Exception {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "repair", wheel.toString(), "-o", tmp.resolve("out").toString(), "--lib-dir", fx.resolve("foo").toString());
        assertThat(code).isEqualTo(2);
        String line = e.toString().strip();
        assertThat(line).doesNotContain("\n").contains("cannot find", "baz.dll (needed by " + MODULE + ")", "bar.dll (needed by foo.dll)");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anExcludedDllStaysOutAndTheModuleStillNamesIt() throws Exception {
        Path repaired = repair(tmp.resolve("out"), "--exclude", "BAZ.dll");
        assertThat(names(repaired)).noneMatch(n -> n.startsWith("pedemo.libs/baz"));
        PeSlice pe = (PeSlice) PeReader.read("m", member(repaired, MODULE)).slices().get(0);
        assertThat(pe.imports()).contains("baz.dll", "python312.dll").anyMatch(n -> n.startsWith("foo-"));
    }

    @Test
    void aRepairedWheelRepairedAgainBundlesNothingAndPatchesNothingTwice() throws Exception {
        Path once = repair(tmp.resolve("once"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, "repair", once.toString(), "-o", tmp.resolve("twice").toString())).as(e.toString()).isZero();
        assertThat(o.toString()).contains("nothing to bundle").doesNotContain("rewrite");
        Path twice = tmp.resolve("twice").resolve(once.getFileName());
        assertThat(member(twice, MODULE)).isEqualTo(member(once, MODULE));
        assertThat(member(twice, "pedemo/__init__.py")).isEqualTo(member(once, "pedemo/__init__.py"));
    }

    private Path customWheel(String tag, dev.wheelwright.wheel.WheelWriter.Entry... entries) throws Exception {
        Path p = tmp.resolve("custom/pedemo-0.1.0-" + tag + ".whl");
        List<dev.wheelwright.wheel.WheelWriter.Entry> m = new ArrayList<>(List.of(entries));
        m.add(dev.wheelwright.wheel.WheelWriter.Entry.text("pedemo-0.1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: pedemo\nVersion: 0.1.0\n"));
        m.add(dev.wheelwright.wheel.WheelWriter.Entry.text("pedemo-0.1.0.dist-info/WHEEL",
                "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: " + tag + "\n"));
        dev.wheelwright.wheel.WheelWriter.write(p, m, "pedemo-0.1.0.dist-info");
        return p;
    }

    @Test
    void aDllOfTheWheelBesideTheModuleIsUsedWhereItIsAndItsOwnImportsAreBundled() throws Exception {
        byte[] pyd = Files.readAllBytes(fx.resolve("build/" + MODULE));
        Path w = customWheel("cp312-cp312-win_amd64",
                new dev.wheelwright.wheel.WheelWriter.Entry(MODULE, pyd, 0755),
                new dev.wheelwright.wheel.WheelWriter.Entry("pedemo/FOO.DLL", Files.readAllBytes(fx.resolve("foo/foo.dll")), 0755),
                dev.wheelwright.wheel.WheelWriter.Entry.text("pedemo/__init__.py", ""));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "repair", w.toString(), "-o", tmp.resolve("out").toString(), "--lib-dir", fx.resolve("lib").toString());
        assertThat(code).as(o + "\n" + e).isZero();
        String bar = mangled(fx.resolve("lib/bar.dll"));
        assertThat(o.toString()).contains("bundle bar.dll from " + fx.resolve("lib/bar.dll"), "needed by pedemo/FOO.DLL",
                "rewrite pedemo/FOO.DLL: bar.dll -> " + bar).doesNotContain("bundle foo.dll");
        Path repaired = tmp.resolve("out").resolve(w.getFileName());
        assertThat(((PeSlice) PeReader.read("m", member(repaired, MODULE)).slices().get(0)).imports()).contains("foo.dll");
        assertThat(((PeSlice) PeReader.read("f", member(repaired, "pedemo/FOO.DLL")).slices().get(0)).imports()).contains(bar);
    }

    @Test
    void aDllTheWheelCarriesInAnotherFolderIsLeftForThePackageWithANote() throws Exception {
        byte[] pyd = Files.readAllBytes(fx.resolve("build/" + MODULE));
        Path w = customWheel("cp312-cp312-win_amd64",
                new dev.wheelwright.wheel.WheelWriter.Entry(MODULE, pyd, 0755),
                new dev.wheelwright.wheel.WheelWriter.Entry("pedemo/bin/foo.dll", Files.readAllBytes(fx.resolve("foo/foo.dll")), 0755),
                dev.wheelwright.wheel.WheelWriter.Entry.text("pedemo/__init__.py", ""));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "repair", w.toString(), "-o", tmp.resolve("out").toString(), "--lib-dir", fx.resolve("lib").toString());
        assertThat(code).as(o + "\n" + e).isZero();
        assertThat(o.toString()).contains("note: " + MODULE + " imports foo.dll, which the wheel carries as pedemo/bin/foo.dll",
                "rewrite pedemo/bin/foo.dll: bar.dll -> " + mangled(fx.resolve("lib/bar.dll"))).doesNotContain("bundle foo.dll");
        // and audit agrees: a copy in the wheel is not external
        StringWriter aout = new StringWriter();
        assertThat(run(aout, new StringWriter(), "audit", tmp.resolve("out").resolve(w.getFileName()).toString())).as(aout.toString()).isZero();
    }

    @Test
    void aTopLevelModuleGetsItsDllsBesideItAndOlderPythonsALoadOrderFile() throws Exception {
        byte[] pyd = Files.readAllBytes(fx.resolve("build/" + MODULE));
        Path w = customWheel("cp39-cp39-win_amd64",
                new dev.wheelwright.wheel.WheelWriter.Entry("_demo.cp39-win_amd64.pyd", pyd, 0755),
                dev.wheelwright.wheel.WheelWriter.Entry.text("pedemo/__init__.py", "import os\n"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> args = new ArrayList<>(List.of("repair", w.toString(), "-o", tmp.resolve("out").toString()));
        args.addAll(List.of(libDirs()));
        assertThat(run(o, e, args.toArray(String[]::new))).as(o + "\n" + e).isZero();
        Path repaired = tmp.resolve("out").resolve(w.getFileName());
        String foo = mangled(fx.resolve("foo/foo.dll"), hash(fx.resolve("lib/bar.dll")));
        String platlib = "pedemo-0.1.0.data/platlib/";
        assertThat(names(repaired)).contains(platlib + foo, platlib + mangled(fx.resolve("lib/bar.dll")), platlib + ".load-order-pedemo-0.1.0")
                .noneMatch(n -> n.startsWith("pedemo.libs/"));
        String order = new String(member(repaired, platlib + ".load-order-pedemo-0.1.0"), StandardCharsets.UTF_8);
        assertThat(order.lines()).containsExactlyInAnyOrder(foo, mangled(fx.resolve("lib/bar.dll")), mangled(fx.resolve("lib/baz.dll")));
        String init = new String(member(repaired, "pedemo/__init__.py"), StandardCharsets.UTF_8);
        assertThat(init).contains("os.pardir, '.'", "'.load-order-pedemo-0.1.0'").endsWith("import os\n");
    }

    @Test
    void auditFindsTheExternalDllsAndFixNHandsTheWheelToRepair() throws Exception {
        String state = System.getProperty("wheelwright.stateDir");
        System.setProperty("wheelwright.stateDir", tmp.resolve("state").toString());
        try {
            StringWriter aout = new StringWriter();
            int audit = run(aout, new StringWriter(), "audit", wheel.toString());
            assertThat(aout.toString()).contains("external-dll", "imports foo.dll", "imports baz.dll").doesNotContain("imports python312.dll");
            assertThat(audit).isEqualTo(ExitCode.FINDINGS);
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = run(o, e, "fix", "1");
            // fix runs repair without --lib-dir: it names what it cannot find and how to point it there
            assertThat(code).isEqualTo(2);
            assertThat(e.toString()).contains("cannot find foo.dll (needed by " + MODULE + ")", "add --lib-dir DIR");
        } finally {
            if (state == null) {
                System.clearProperty("wheelwright.stateDir");
            } else {
                System.setProperty("wheelwright.stateDir", state);
            }
        }
    }

    @Test
    void platOfAnotherMachineIsRefused() throws Exception {
        List<String> args = new ArrayList<>(List.of("repair", wheel.toString(), "-o", tmp.resolve("out").toString(), "--plat", "win32"));
        args.addAll(List.of(libDirs()));
        StringWriter e = new StringWriter();
        assertThat(run(new StringWriter(), e, args.toArray(String[]::new))).isEqualTo(2);
        assertThat(e.toString().strip()).isEqualTo("wheelwright: --plat win32: the repaired binaries are win_amd64");
        assertThat(tmp.resolve("out")).doesNotExist();
        try (Stream<Path> s = Files.list(fx.resolve("dist"))) {
            assertThat(s.count()).isEqualTo(1);
        }
    }
}
