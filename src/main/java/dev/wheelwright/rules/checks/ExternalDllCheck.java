package dev.wheelwright.rules.checks;

import dev.wheelwright.binary.BinaryFormat;
import dev.wheelwright.binary.PeSlice;
import dev.wheelwright.binary.pe.WindowsDlls;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.WheelFacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An extension module (.pyd) that imports a DLL which is neither Windows' own, nor the
 * interpreter's (python3X.dll, the C runtime its tags ship), nor any file of the wheel: as
 * delvewheel judges it ({@link WindowsDlls}). A copy anywhere in the wheel counts, since a package
 * may add its own folder with os.add_dll_directory at import time. Windows then fails the import
 * with "DLL load failed while importing ...: The specified module could not be found."
 */
public final class ExternalDllCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        WindowsDlls table = WindowsDlls.builtin();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            Set<String> python = new LinkedHashSet<>();
            Set<String> abi = new LinkedHashSet<>();
            Set<String> platforms = new LinkedHashSet<>();
            try {
                for (Tag t : WheelFilename.parse(w.filename()).tags()) {
                    python.add(t.interpreter());
                    abi.add(t.abi());
                    platforms.add(t.platform());
                }
            } catch (RuntimeException e) {
                // a malformed file name is the filename rules' finding; judge without the interpreter's DLLs
            }
            Set<String> shipped = platforms.size() == 1 ? table.shippedByInterpreter(python, abi, platforms.iterator().next()) : Set.of();
            Set<String> inWheel = new LinkedHashSet<>();
            for (String f : WheelChecks.fileNames(w)) {
                inWheel.add(f.substring(f.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
            }
            for (WheelFacts.WheelBinary b : WheelChecks.binaries(w, BinaryFormat.PE)) {
                if (!b.member().toLowerCase(Locale.ROOT).endsWith(".pyd")) {
                    continue;
                }
                PeSlice p = (PeSlice) b.info().slices().get(0);
                for (String dll : new LinkedHashSet<>(p.imports())) {
                    String lower = dll.toLowerCase(Locale.ROOT);
                    if (table.isSystem(lower, p.arch()) || shipped.contains(lower) || inWheel.contains(lower)) {
                        continue;
                    }
                    hits.add(WheelChecks.at(w, b.member()),
                            WheelChecks.values(w, "member", b.member(), "dll", dll),
                            List.of("imports " + dll + " (" + p.arch() + ")"));
                }
            }
        }
    }
}
