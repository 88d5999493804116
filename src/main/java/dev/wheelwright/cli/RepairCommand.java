package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.repair.WheelRepairer;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.wheel.ArchiveLimits;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code repair WHEEL... -o DIR}: bundles the external libraries a wheel's binaries need (the
 * applied fix of external-shared-library), then audits what it wrote: a repaired wheel that still
 * has a finding repair exists to remove is deleted and the command fails with it.
 */
@Command(name = "repair",
        description = {
            "Bundle into each wheel the shared libraries its binaries need from outside the wheel and outside the "
                + "target policy, rename them, rewrite the binaries in pure Java, and write the wheel anew under the tag "
                + "it then meets; then audit the result.",
            "ELF: libraries are found as ld.so finds them (RPATH, --lib-dir, LD_LIBRARY_PATH, RUNPATH, ld.so.cache, "
                + "the default folders under --sysroot), copied to <name>.libs/ as <base>-<sha256[:8]>.<rest>.",
            "PE: DLLs are found as Windows finds them (the importer's folder, --lib-dir, PATH; system, API-set and "
                + "python3X DLLs stay), copied to <name>.libs/ under delvewheel's mangled names; __init__.py adds the folder "
                + "with os.add_dll_directory.",
            "Members are stamped SOURCE_DATE_EPOCH when it is set (clamped to zip's 1980-2107), else 1980-01-02."},
        mixinStandardHelpOptions = true)
public final class RepairCommand implements Callable<Integer> {
    /** The findings repair removes; one left in its output fails the run. */
    static final Set<String> REPAIRED = Set.of("external-shared-library", "plain-linux-tag", "external-dylib", "external-dll",
            "unresolved-rpath");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "WHEEL", description = "Wheels to repair (never modified).")
    List<Path> wheels = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", required = true,
            description = "Folder for the repaired wheels (created if missing).")
    Path outDir;

    @Option(names = "--lib-dir", paramLabel = "DIR", description = "A folder searched for libraries before LD_LIBRARY_PATH, DYLD_LIBRARY_PATH or PATH (repeatable).")
    List<Path> libDirs = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Never bundle libraries whose name matches, e.g. 'libcuda.so*' (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--plat", paramLabel = "TAG", description = "The platform tag to give the wheel, e.g. manylinux_2_17_x86_64; "
            + "refused if the repaired binaries need more (default: the oldest policy they meet).")
    String plat;

    @Option(names = "--sysroot", paramLabel = "DIR", description = "Root of ld.so.cache and the default library folders (default: /).")
    Path sysroot;

    @Option(names = "--dry-run", description = "Print what would be bundled, from where, under which name, and the tag; write nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--no-color", description = "Accepted for symmetry with the other commands: repair never colours its output.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        for (Path d : libDirs) {
            if (!Files.isDirectory(d)) {
                throw new WheelwrightException("--lib-dir " + d + ": no such folder");
            }
        }
        if (sysroot != null && !Files.isDirectory(sysroot)) {
            throw new WheelwrightException("--sysroot " + sysroot + ": no such folder");
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new WheelwrightException("-o " + outDir + ": not a folder");
        }
        WheelRepairer.Options options = new WheelRepairer.Options(libDirs, excludes, plat, sysroot,
                System.getenv("LD_LIBRARY_PATH"));
        return repair(AuditCommand.expand(wheels), options, outDir, dryRun, quiet, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /**
     * Plans every wheel (a library that cannot be found stops the run before anything is written),
     * then writes and audits each; {@code fix} runs the same path.
     */
    static int repair(List<Path> files, WheelRepairer.Options options, Path outDir, boolean dryRun, boolean quiet,
                      PrintWriter out, PrintWriter err) throws IOException {
        // SOURCE_DATE_EPOCH (reproducible-builds.org) stamps the members; a malformed one stops the run here
        WheelRepairer.Timestamp time = WheelRepairer.timestamp(System.getenv("SOURCE_DATE_EPOCH"));
        List<WheelRepairer.Plan> plans = new ArrayList<>();
        for (Path w : files) {
            plans.add(WheelRepairer.plan(w, options));
        }
        if (dryRun) {
            plans.forEach(p -> print(out, p, null));
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        RuleCatalog catalog = RuleCatalog.load(List.of());
        List<RuleDefinition> rules = catalog.reading(Set.of(Reads.WHEEL, Reads.BINARY));
        for (WheelRepairer.Plan p : plans) {
            Path written = WheelRepairer.write(p, outDir, time);
            List<Finding> left = audit(written, rules).stream().filter(f -> !onlyExcluded(f, p.excluded())).toList();
            if (!left.isEmpty()) {
                Files.deleteIfExists(written);
                for (Finding f : left) {
                    err.println(written + ": still " + f.name() + " after repair: " + f.message());
                }
                code = ExitCode.FINDINGS;
                continue;
            }
            if (!quiet) {
                print(out, p, written);
                if (time.note() != null) {
                    out.println("  note: " + time.note());
                }
            }
        }
        return code;
    }

    /**
     * A finding whose every DT_NEEDED (ELF) or "imports X (arch)" (PE, any case) evidence line
     * names a library the user excluded: what --exclude asked for.
     */
    private static boolean onlyExcluded(Finding f, List<String> excluded) {
        List<String> libs = f.evidence().stream().filter(e -> e.startsWith("DT_NEEDED ")).map(e -> e.substring(10)).toList();
        if (libs.isEmpty()) {
            List<String> lower = excluded.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).toList();
            List<String> dlls = f.evidence().stream().filter(e -> e.startsWith("imports ") && e.contains(" ("))
                    .map(e -> e.substring(8, e.indexOf(" (")).toLowerCase(java.util.Locale.ROOT)).toList();
            return !dlls.isEmpty() && lower.containsAll(dlls);
        }
        return excluded.containsAll(libs);
    }

    private static List<Finding> audit(Path wheel, List<RuleDefinition> rules) {
        WheelSet set = AuditCommand.readSet(List.of(wheel), ArchiveLimits.defaults(), AuditProgress.none());
        Facts facts = Facts.builder().put(WheelSet.class, set).put(AuditPolicy.class, AuditPolicy.none()).build();
        return RuleEngine.run(rules, facts).stream().filter(f -> REPAIRED.contains(f.name())).toList();
    }

    private static void print(PrintWriter out, WheelRepairer.Plan p, Path written) {
        out.println((written == null ? "would write " : "wrote ") + (written == null ? p.filename() : written)
                + " (" + String.join(".", p.tags()) + ")");
        for (WheelRepairer.Bundled b : p.bundled()) {
            out.println("  bundle " + b.name() + " from " + b.source() + " (" + b.how() + ") as " + b.member()
                    + ", needed by " + String.join(", ", b.neededBy()));
        }
        p.patched().forEach((m, what) -> out.println("  rewrite " + m + ": " + what));
        for (String n : p.notes()) {
            out.println("  note: " + n);
        }
        if (p.bundled().isEmpty()) {
            out.println("  nothing to bundle");
        }
    }
}
