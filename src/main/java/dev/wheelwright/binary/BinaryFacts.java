package dev.wheelwright.binary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BinaryInfo} as plain maps and lists in the BINARY shape of cli.md (for any JSON
 * renderer), and as readable text lines in the manner of lipo -info, otool -l and readelf -d.
 * Field names are part of the JSON contract: add, never rename.
 */
public final class BinaryFacts {
    private BinaryFacts() {}

    public static Map<String, Object> toJson(BinaryInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", info.path());
        m.put("format", info.format().id());
        m.put("fat", info.fat());
        List<Object> slices = new ArrayList<>();
        for (Slice s : info.slices()) {
            if (s instanceof MachOSlice x) {
                slices.add(machO(x));
            } else if (s instanceof ElfSlice x) {
                slices.add(elf(x));
            } else if (s instanceof PeSlice x) {
                slices.add(pe(x));
            }
        }
        m.put("slices", slices);
        return m;
    }

    private static Map<String, Object> machO(MachOSlice s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", s.arch());
        m.put("cputype", s.cputype());
        m.put("cpusubtype", s.cpusubtype());
        m.put("filetype", s.filetype());
        m.put("minos", s.minos());
        m.put("sdk", s.sdk());
        m.put("platform", s.platform());
        m.put("dylibs", s.dylibNames());
        m.put("rpaths", s.rpaths());
        m.put("installName", s.installName());
        m.put("codeSignature", s.codeSignature());
        m.put("uuid", s.uuid());
        m.put("offset", s.offset());
        m.put("size", s.size());
        m.put("align", s.align());
        m.put("flags", s.flags());
        List<Object> libs = new ArrayList<>();
        for (MachOSlice.Dylib d : s.dylibs()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", d.name());
            l.put("kind", d.kind());
            l.put("currentVersion", d.currentVersion());
            l.put("compatibilityVersion", d.compatibilityVersion());
            libs.add(l);
        }
        m.put("linkedLibraries", libs);
        if (s.signature() != null) {
            Map<String, Object> sig = new LinkedHashMap<>();
            sig.put("adhoc", s.signature().adhoc());
            sig.put("linkerSigned", s.signature().linkerSigned());
            sig.put("identifier", s.signature().identifier());
            m.put("signature", sig);
        } else {
            m.put("signature", null);
        }
        m.put("segments", s.segments());
        List<Object> syms = new ArrayList<>();
        for (MachOSlice.ImportedSymbol u : s.undefinedSymbols()) {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("name", u.name());
            y.put("library", u.library());
            syms.add(y);
        }
        m.put("undefinedSymbols", syms);
        List<Object> tools = new ArrayList<>();
        for (MachOSlice.BuildTool t : s.buildTools()) {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("tool", t.tool());
            y.put("version", t.version());
            tools.add(y);
        }
        m.put("buildTools", tools);
        return m;
    }

    private static Map<String, Object> elf(ElfSlice s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", s.arch());
        m.put("class", s.elfClass());
        m.put("needed", s.needed());
        m.put("soname", s.soname());
        m.put("rpath", s.rpath());
        m.put("runpath", s.runpath());
        m.put("glibcMax", s.glibcMax());
        m.put("manylinux", s.manylinux());
        m.put("endian", s.littleEndian() ? "little" : "big");
        m.put("machine", s.machine());
        m.put("type", s.type());
        m.put("interpreter", s.interpreter());
        m.put("musl", s.musl());
        List<Object> needs = new ArrayList<>();
        for (ElfSlice.VersionNeed n : s.versionNeeds()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("library", n.library());
            v.put("version", n.version());
            needs.add(v);
        }
        m.put("versionNeeds", needs);
        return m;
    }

    private static Map<String, Object> pe(PeSlice s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", s.arch());
        m.put("imports", s.imports());
        m.put("machine", s.machine());
        m.put("characteristics", s.characteristics());
        m.put("dll", s.dll());
        m.put("subsystem", s.subsystem());
        return m;
    }

    /** A readable summary, one fact per line, without a trailing blank line. */
    public static List<String> toText(BinaryInfo info) {
        List<String> out = new ArrayList<>();
        String kind = switch (info.format()) {
            case MACHO -> info.fat() ? "Mach-O universal binary with " + info.slices().size() + " architecture"
                    + (info.slices().size() == 1 ? "" : "s") : "Mach-O";
            case ELF -> "ELF";
            case PE -> "PE";
        };
        out.add(info.path() + ": " + kind + " (" + String.join(", ", info.archs()) + ")");
        for (Slice s : info.slices()) {
            if (s instanceof MachOSlice x) {
                machOText(x, info.fat(), out);
            } else if (s instanceof ElfSlice x) {
                elfText(x, out);
            } else if (s instanceof PeSlice x) {
                peText(x, out);
            }
        }
        return out;
    }

    private static void machOText(MachOSlice s, boolean fat, List<String> out) {
        String in = "  ";
        out.add(in + "arch " + s.arch() + (fat ? " (offset " + s.offset() + ", size " + s.size() + ", align 2^" + s.align() + ")" : ""));
        in = "    ";
        out.add(in + "filetype " + s.filetype() + ", flags 0x" + Integer.toHexString(s.flags()));
        if (s.platform() != null) {
            out.add(in + "platform " + s.platform() + ", minos " + s.minos() + ", sdk " + (s.sdk() == null ? "n/a" : s.sdk())
                    + (s.buildTools().isEmpty() ? "" : ", built by " + String.join(", ",
                            s.buildTools().stream().map(t -> t.tool() + " " + t.version()).toList())));
        } else {
            out.add(in + "no LC_BUILD_VERSION or LC_VERSION_MIN_* (minimum OS unknown)");
        }
        if (s.installName() != null) {
            out.add(in + "install name " + s.installName());
        }
        for (MachOSlice.Dylib d : s.dylibs()) {
            out.add(in + "links " + d.name() + " (compatibility version " + d.compatibilityVersion()
                    + ", current version " + d.currentVersion() + (d.kind().equals("load") ? "" : ", " + d.kind()) + ")");
        }
        for (String r : s.rpaths()) {
            out.add(in + "rpath " + r);
        }
        if (s.uuid() != null) {
            out.add(in + "uuid " + s.uuid());
        }
        if (!s.codeSignature()) {
            out.add(in + "code signature: none");
        } else if (s.signature() != null) {
            List<String> f = new ArrayList<>();
            if (s.signature().adhoc()) {
                f.add("ad-hoc");
            }
            if (s.signature().linkerSigned()) {
                f.add("linker-signed");
            }
            out.add(in + "code signature: " + (f.isEmpty() ? "present" : String.join(", ", f))
                    + (s.signature().identifier() != null ? " (identifier " + s.signature().identifier() + ")" : ""));
        }
        out.add(in + "segments " + String.join(" ", s.segments()));
        out.add(in + "undefined symbols " + s.undefinedSymbols().size());
    }

    private static void elfText(ElfSlice s, List<String> out) {
        String in = "  ";
        out.add(in + "class ELF" + s.elfClass() + ", " + (s.littleEndian() ? "little" : "big") + " endian, type "
                + s.type() + ", machine " + s.machine() + " (" + s.arch() + ")");
        if (s.interpreter() != null) {
            out.add(in + "interpreter " + s.interpreter());
        }
        if (s.soname() != null) {
            out.add(in + "soname " + s.soname());
        }
        for (String n : s.needed()) {
            out.add(in + "needs " + n);
        }
        if (s.rpath() != null) {
            out.add(in + "rpath " + s.rpath());
        }
        if (s.runpath() != null) {
            out.add(in + "runpath " + s.runpath());
        }
        if (!s.versionNeeds().isEmpty()) {
            Map<String, List<String>> byLib = new LinkedHashMap<>();
            for (ElfSlice.VersionNeed n : s.versionNeeds()) {
                byLib.computeIfAbsent(n.library(), k -> new ArrayList<>()).add(n.version());
            }
            byLib.forEach((lib, vs) -> out.add(in + "versions from " + lib + ": " + String.join(" ", vs)));
        }
        out.add(in + "glibc " + (s.glibcMax() == null ? "none required" : s.glibcMax() + " or newer")
                + (s.musl() ? ", links musl" : ""));
        out.add(in + "manylinux " + (s.manylinux() == null ? "none (see needed libraries and symbol versions)" : s.manylinux()));
    }

    private static void peText(PeSlice s, List<String> out) {
        String in = "  ";
        out.add(in + "machine 0x" + Integer.toHexString(s.machine()) + " (" + s.arch() + "), "
                + (s.dll() ? "DLL" : "executable") + ", characteristics 0x" + Integer.toHexString(s.characteristics())
                + (s.subsystem() != null ? ", subsystem " + s.subsystem() : ""));
        for (String i : s.imports()) {
            out.add(in + "imports " + i);
        }
    }
}
