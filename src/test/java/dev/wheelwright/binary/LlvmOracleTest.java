package dev.wheelwright.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares what wheelwright reads with what LLVM's own tools print for every fixture:
 * {@code llvm-objdump --macho --private-headers --arch=all} for Mach-O, {@code llvm-readelf -h -d -V}
 * for ELF and {@code llvm-readobj --coff-imports} for PE. Skipped when the tools are absent.
 */
class LlvmOracleTest {

    static Stream<Path> fixtures() throws Exception {
        return Fixtures.goodBinaries().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void agreesWithLlvm(Path file) throws Exception {
        BinaryInfo info = BinaryReader.read(file);
        switch (info.format()) {
            case MACHO -> checkMachO(file, info);
            case ELF -> checkElf(file, info);
            case PE -> checkPe(file, info);
        }
    }

    /** What objdump prints for one slice. */
    static final class OSlice {
        String arch;
        String filetype;
        List<String> dylibs = new ArrayList<>();
        List<String> rpaths = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        String installName;
        String uuid;
        String minos;
        String sdk;
        boolean codeSignature;
        List<MachOSlice.BuildTool> tools = new ArrayList<>();
        String pendingTool;
    }

    private static final Pattern ARCH = Pattern.compile(".* \\(architecture (\\S+)\\):$");
    private static final Pattern CMD = Pattern.compile("^\\s+cmd (LC_\\w+)$");
    private static final Pattern FIELD = Pattern.compile("^\\s*(name|path|uuid|minos|sdk|version|segname|tool) (.*?)( \\(offset \\d+\\))?$");

    static List<OSlice> parseObjdump(String text) {
        List<OSlice> slices = new ArrayList<>();
        OSlice cur = null;
        String cmd = null;
        boolean headerNext = false;
        for (String line : text.split("\n")) {
            Matcher a = ARCH.matcher(line);
            if (a.matches()) {
                cur = new OSlice();
                cur.arch = a.group(1);
                slices.add(cur);
                continue;
            }
            if (line.equals("Mach header")) {
                if (cur == null || cur.filetype != null) {
                    cur = new OSlice();
                    slices.add(cur);
                }
                headerNext = true;
                continue;
            }
            if (headerNext && !line.trim().startsWith("magic")) {
                String[] cols = line.trim().split("\\s+");
                cur.filetype = cols[4].toLowerCase();
                headerNext = false;
                continue;
            }
            if (line.equals("Section")) {
                cmd = "Section";
                continue;
            }
            Matcher c = CMD.matcher(line);
            if (c.matches()) {
                cmd = c.group(1);
                if (cmd.equals("LC_CODE_SIGNATURE")) {
                    cur.codeSignature = true;
                }
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (f.matches() && cmd != null) {
                String key = f.group(1);
                String value = f.group(2).trim();
                switch (cmd) {
                    case "LC_LOAD_DYLIB", "LC_LOAD_WEAK_DYLIB", "LC_REEXPORT_DYLIB", "LC_LAZY_LOAD_DYLIB",
                            "LC_LOAD_UPWARD_DYLIB" -> {
                        if (key.equals("name")) {
                            cur.dylibs.add(value);
                        }
                    }
                    case "LC_ID_DYLIB" -> {
                        if (key.equals("name")) {
                            cur.installName = value;
                        }
                    }
                    case "LC_RPATH" -> cur.rpaths.add(value);
                    case "LC_UUID" -> cur.uuid = value;
                    case "LC_SEGMENT", "LC_SEGMENT_64" -> {
                        if (key.equals("segname")) {
                            cur.segments.add(value);
                        }
                    }
                    case "LC_BUILD_VERSION" -> {
                        if (key.equals("minos")) {
                            cur.minos = value;
                        } else if (key.equals("sdk")) {
                            cur.sdk = value;
                        } else if (key.equals("tool")) {
                            cur.pendingTool = value;
                        } else if (key.equals("version") && cur.pendingTool != null) {
                            cur.tools.add(new MachOSlice.BuildTool(cur.pendingTool, value));
                            cur.pendingTool = null;
                        }
                    }
                    case "LC_VERSION_MIN_MACOSX" -> {
                        if (key.equals("version")) {
                            cur.minos = value;
                        } else if (key.equals("sdk")) {
                            cur.sdk = value;
                        }
                    }
                    default -> { }
                }
            }
        }
        return slices;
    }

    private static void checkMachO(Path file, BinaryInfo info) throws Exception {
        Optional<Path> objdump = Fixtures.tool("llvm-objdump");
        assumeTrue(objdump.isPresent(), "llvm-objdump not installed");
        List<OSlice> expected = parseObjdump(Fixtures.run(List.of(objdump.get().toString(), "--macho",
                "--private-headers", "--arch=all", file.toString())));
        assertThat(info.slices()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            OSlice o = expected.get(i);
            MachOSlice s = (MachOSlice) info.slices().get(i);
            if (o.arch != null) {
                assertThat(s.arch()).as("arch").isEqualTo(o.arch);
            }
            assertThat(s.filetype()).as("filetype").isEqualTo(o.filetype);
            assertThat(s.dylibNames()).as("dylibs").isEqualTo(o.dylibs);
            assertThat(s.rpaths()).as("rpaths").isEqualTo(o.rpaths);
            assertThat(s.installName()).as("install name").isEqualTo(o.installName);
            assertThat(s.uuid()).as("uuid").isEqualTo(o.uuid);
            assertThat(s.minos()).as("minos").isEqualTo(o.minos);
            assertThat(s.sdk()).as("sdk").isEqualTo("n/a".equals(o.sdk) ? null : o.sdk);
            assertThat(s.codeSignature()).as("code signature").isEqualTo(o.codeSignature);
            assertThat(s.segments()).as("segments").isEqualTo(o.segments);
            assertThat(s.buildTools()).as("build tools").isEqualTo(o.tools);
        }
    }

    private static final Pattern DYN = Pattern.compile("\\((NEEDED|SONAME|RPATH|RUNPATH)\\)\\s+.*\\[(.*)]$");
    private static final Pattern VN_FILE = Pattern.compile("Version: \\d+\\s+File: (\\S+)\\s+Cnt");
    private static final Pattern VN_NAME = Pattern.compile("^\\s+0x[0-9a-f]+:\\s+Name: (\\S+)\\s+Flags");

    private static void checkElf(Path file, BinaryInfo info) throws Exception {
        Optional<Path> readelf = Fixtures.tool("llvm-readelf");
        assumeTrue(readelf.isPresent(), "llvm-readelf not installed");
        String text = Fixtures.run(List.of(readelf.get().toString(), "-h", "-d", "-V", file.toString()));
        ElfSlice s = (ElfSlice) info.slices().get(0);
        List<String> needed = new ArrayList<>();
        String soname = null;
        String rpath = null;
        String runpath = null;
        List<ElfSlice.VersionNeed> needs = new ArrayList<>();
        String vnFile = null;
        int elfClass = 0;
        String type = null;
        for (String line : text.split("\n")) {
            if (line.trim().startsWith("Class:")) {
                elfClass = line.contains("ELF64") ? 64 : 32;
            }
            if (line.trim().startsWith("Type:")) {
                type = line.trim().split("\\s+")[1].toLowerCase();
            }
            Matcher d = DYN.matcher(line);
            if (d.find()) {
                switch (d.group(1)) {
                    case "NEEDED" -> needed.add(d.group(2));
                    case "SONAME" -> soname = d.group(2);
                    case "RPATH" -> rpath = d.group(2);
                    default -> runpath = d.group(2);
                }
            }
            Matcher f = VN_FILE.matcher(line);
            if (f.find()) {
                vnFile = f.group(1);
            }
            Matcher n = VN_NAME.matcher(line);
            if (n.find()) {
                needs.add(new ElfSlice.VersionNeed(vnFile, n.group(1)));
            }
        }
        assertThat(s.elfClass()).as("class").isEqualTo(elfClass);
        assertThat(s.type()).as("type").isEqualTo(type);
        assertThat(s.needed()).as("needed").isEqualTo(needed);
        assertThat(s.soname()).as("soname").isEqualTo(soname);
        assertThat(s.rpath()).as("rpath").isEqualTo(rpath);
        assertThat(s.runpath()).as("runpath").isEqualTo(runpath);
        assertThat(s.versionNeeds()).as("version needs").isEqualTo(needs);
    }

    private static final Pattern PE_NAME = Pattern.compile("^\\s+Name: (\\S+)$");
    private static final Pattern PE_ARCH = Pattern.compile("^Arch: (\\S+)$");

    private static void checkPe(Path file, BinaryInfo info) throws Exception {
        Optional<Path> readobj = Fixtures.tool("llvm-readobj");
        assumeTrue(readobj.isPresent(), "llvm-readobj not installed");
        String text = Fixtures.run(List.of(readobj.get().toString(), "--coff-imports", file.toString()));
        List<String> names = new ArrayList<>();
        String arch = null;
        for (String line : text.split("\n")) {
            Matcher m = PE_NAME.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
            Matcher a = PE_ARCH.matcher(line);
            if (a.matches()) {
                arch = a.group(1);
            }
        }
        PeSlice s = (PeSlice) info.slices().get(0);
        assertThat(s.imports()).as("imports").isEqualTo(names);
        // readobj names the machine as LLVM's triple arch does.
        String expectedArch = switch (arch) {
            case "x86_64" -> "amd64";
            case "i386" -> "x86";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        assertThat(s.arch()).as("arch").isEqualTo(expectedArch);
    }
}
