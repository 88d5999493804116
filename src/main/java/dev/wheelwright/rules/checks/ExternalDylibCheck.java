package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.binary.Slice;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mach-O binary that links a library by an absolute path outside the OS (anything but
 * /usr/lib and /System, which every Mac has): the library exists on the build machine
 * (Homebrew's /usr/local/opt or /opt/homebrew, a CI toolcache) and on few users' machines, so the
 * import fails with "Library not loaded". delocate copies such libraries into the wheel and
 * rewrites the paths.
 */
public final class ExternalDylibCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.MACHO)) {
                Map<String, List<String>> archsByLib = new LinkedHashMap<>();
                for (Slice s : b.info().slices()) {
                    for (String lib : ((MachOSlice) s).dylibNames()) {
                        if (external(lib)) {
                            archsByLib.computeIfAbsent(lib, k -> new ArrayList<>()).add(s.arch());
                        }
                    }
                }
                archsByLib.forEach((lib, archs) -> hits.add(
                        WheelChecks.at(w, b.member(), archs.size() == 1 && b.info().slices().size() > 1 ? archs.get(0) : null),
                        WheelChecks.values(w, "member", b.member(), "dylib", lib, "archs", String.join(", ", archs)),
                        List.of("LC_LOAD_DYLIB " + lib + " (" + String.join(", ", archs) + ")")));
            }
        }
    }

    /** Absolute and not a library that ships with macOS. */
    static boolean external(String lib) {
        return lib.startsWith("/") && !lib.startsWith("/usr/lib/") && !lib.startsWith("/System/");
    }
}
