package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.shell.ShellSession;
import dev.wheelwright.wheel.ArchiveLimitException;
import dev.wheelwright.wheel.ArchiveLimits;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelReader;
import dev.wheelwright.wheel.SdistFacts;
import dev.wheelwright.wheel.SdistReader;
import dev.wheelwright.wheel.SdistSet;
import dev.wheelwright.wheel.WheelSet;
import java.io.IOException;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code audit WHEEL...}: reads each wheel once (a folder stands for the {@code .whl} files in
 * it), then runs the wheel and binary rules over them: tags against contents against binaries,
 * RECORD integrity, and the policy given by the flags.
 */
@Command(name = "audit",
        description = "Audit built wheels: file name and WHEEL tags against the binaries inside, RECORD, "
                + "Mach-O/ELF/PE facts, and an optional policy (archs, oldest macOS, manylinux, Java).",
        mixinStandardHelpOptions = true)
public final class AuditCommand implements Callable<Integer>, ShellSession.Aware {
    // Mach-O arch names (lipo's), the vocabulary of --require-archs as of delocate-wheel's.
    private static final Set<String> MACHO_ARCHS = Set.of("arm64", "arm64e", "x86_64", "x86_64h", "i386", "ppc", "ppc64");

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    FindingsOptions findingsOptions;

    @Parameters(arity = "0..*", paramLabel = "WHEEL",
            description = "Wheel files, or folders whose *.whl files are audited (in the shell, none: the last build's wheels).")
    List<Path> wheels = new ArrayList<>();

    @Option(names = "--require-archs", paramLabel = "ARCHS", split = ",",
            description = "Every Mach-O binary must hold these archs, e.g. arm64,x86_64.")
    List<String> requireArchs = new ArrayList<>();

    @Option(names = "--min-macos", paramLabel = "VERSION", description = "The wheels must install and load on this macOS, e.g. 11.0.")
    String minMacos;

    @Option(names = "--manylinux", paramLabel = "POLICY", description = "The wheels must meet this manylinux policy, e.g. 2_28 or manylinux2014.")
    String manylinux;

    @Option(names = "--java", paramLabel = "N",
            description = "Bundled jars must run on this Java release (default: METADATA's Requires-External: java (>=N)).")
    Integer java;

    private ShellSession session;

    @Option(names = "--max-uncompressed", paramLabel = "SIZE",
            description = "Refuse a wheel whose members hold more than SIZE uncompressed (default 8G; e.g. 500M, 16G).")
    String maxUncompressed;

    @Option(names = "--target", paramLabel = "PLATFORM",
            description = "A platform some wheel must install on, e.g. macosx_11_0_arm64 (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--project", paramLabel = "DIR",
            description = "The project whose pyproject.toml sets the policy ([tool.wheelwright], else [tool.cibuildwheel]); "
                    + "default: the current folder. Flags win over it.")
    Path projectDir;

    @Override
    public void attach(ShellSession s) {
        this.session = s;
    }

    @Override
    public Integer call() throws IOException {
        Instant started = Instant.now();
        FindingsOutput.validateBeforeWork(common, findingsOptions);
        // the project in the current folder sets policy for its wheels; flags win
        if (projectDir != null && !Files.isDirectory(projectDir)) {
            throw new WheelwrightException("--project " + projectDir + ": " + (Files.exists(projectDir) ? "not a folder" : "no such folder"));
        }
        dev.wheelwright.project.WheelwrightSettings settings = dev.wheelwright.project.WheelwrightSettings.read(
                projectDir == null ? Path.of("pyproject.toml") : projectDir.resolve("pyproject.toml"));
        List<dev.wheelwright.report.RunInfo.Policy> sources = new ArrayList<>();
        AuditPolicy policy = policy(settings, sources);
        ArchiveLimits limits = limits();
        List<Path> files = expand(InspectCommand.orLastBuild(spec, wheels, session, "WHEEL"), true);
        WheelSet set;
        try (AuditProgress progress = AuditProgress.start(spec.commandLine().getErr(), files.size(), totalSize(files), common.quiet)) {
            set = readSet(files.stream().filter(f -> !SdistReader.isSdist(String.valueOf(f.getFileName()))).toList(),
                    limits, progress, files.stream().anyMatch(f -> SdistReader.isSdist(String.valueOf(f.getFileName()))));
        }
        // source distributions (.tar.gz): read one by one, each streamed once
        List<SdistFacts> sdists = new ArrayList<>();
        for (Path f : files) {
            if (SdistReader.isSdist(String.valueOf(f.getFileName()))) {
                sdists.add(new SdistReader(limits).read(f, f.toString()));
            }
        }
        Facts facts = Facts.builder().put(WheelSet.class, set).put(SdistSet.class, new SdistSet(sdists))
                .put(AuditPolicy.class, policy).build();
        RuleCatalog catalog = RuleCatalog.load(common.rules);
        FindingsOutput output = FindingsOutput.of(spec, common, findingsOptions).started(started)
                .subject(wheels.isEmpty() ? "the last build's wheels" : String.join(" ", wheels.stream().map(Path::toString).toList()))
                .policies(sources);
        projectSettings(output, settings, findingsOptions);
        counts(output, set);
        output.suppressions(catalog);
        List<RuleDefinition> rules = catalog.reading(Set.of(Reads.WHEEL, Reads.BINARY));
        List<Finding> findings = RuleEngine.run(rules, facts);
        if (session != null) {
            session.recordFindings("audit", output.prepared(catalog, rules, findings));
        }
        if (common.format.equals("text") && common.output == null && !common.quiet) {
            // auditwheel-style one line per wheel above the findings
            List<Finding> shown = output.prepared(catalog, rules, findings);
            java.io.PrintWriter out = spec.commandLine().getOut();
            AuditVerdicts.lines(set, shown).forEach(out::println);
            AuditVerdicts.sdistLines(sdists, shown).forEach(out::println);
            out.println();
        }
        return output.report(catalog, rules, findings);
    }

    private AuditPolicy policy() {
        return policy(dev.wheelwright.project.WheelwrightSettings.none(), new ArrayList<>());
    }

    /** A policy value and what set it: a flag ({@code --manylinux}) or a project setting. */
    private record Given<T>(T value, String label, String source) {
        /** The first words of an error about this value, naming the flag or the file and key. */
        String bad(String text, String problem) {
            return label.startsWith("--") ? label + " " + text + ": " + problem : label + ": '" + text + "': " + problem;
        }
    }

    private <T> Given<T> given(String flag, T cli, boolean cliGiven, dev.wheelwright.project.WheelwrightSettings settings,
                               String key, java.util.function.Function<Object, T> convert) {
        if (cliGiven) {
            return new Given<>(cli, flag, flag);
        }
        dev.wheelwright.project.WheelwrightSettings.Setting s = settings.get(key);
        if (s != null) {
            return new Given<>(convert.apply(s.value()), s.where(), s.source());
        }
        return null;
    }

    private boolean matched(String option) {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    /**
     * The audit policy: each flag given on the command line wins; a flag not given takes the
     * project's {@code [tool.wheelwright]} key, or what its {@code [tool.cibuildwheel]} says. Adds
     * each policy in effect, with its source, to {@code sources}; a bad value is one error naming
     * the flag, or the file and key.
     */
    AuditPolicy policy(dev.wheelwright.project.WheelwrightSettings settings, List<dev.wheelwright.report.RunInfo.Policy> sources) {
        List<String> archs = new ArrayList<>();
        Given<List<String>> ra = given("--require-archs", requireArchs, !requireArchs.isEmpty() || matched("--require-archs"),
                settings, "require-archs", AuditCommand::strings);
        if (ra != null) {
            for (String a : ra.value()) {
                String arch = a.strip();
                if (arch.isEmpty()) {
                    continue;
                }
                if (!MACHO_ARCHS.contains(arch)) {
                    throw new WheelwrightException(ra.bad(String.join(",", ra.value()), "unknown arch '" + arch
                            + "' (expected Mach-O arch names: arm64, x86_64, arm64e, x86_64h, i386, ppc, ppc64)"));
                }
                if (!archs.contains(arch)) {
                    archs.add(arch);
                }
            }
            if (archs.isEmpty()) {
                throw new WheelwrightException(ra.label().startsWith("--") ? "--require-archs '" + String.join(",", ra.value())
                        + "': no arch given (expected e.g. arm64,x86_64)" : ra.label() + ": no arch given (expected e.g. arm64,x86_64)");
            }
            sources.add(new dev.wheelwright.report.RunInfo.Policy("require-archs", String.join(",", archs), ra.source()));
        }
        Given<String> mm = given("--min-macos", minMacos, minMacos != null, settings, "min-macos", String::valueOf);
        String min = null;
        if (mm != null) {
            if (!mm.value().matches("1\\d(\\.\\d+){0,2}|[2-9]\\d(\\.\\d+){0,2}")) {
                throw new WheelwrightException(mm.bad(mm.value(), "not a macOS version (expected e.g. 10.13 or 11.0)"));
            }
            min = mm.value().contains(".") ? mm.value() : mm.value() + ".0";
            sources.add(new dev.wheelwright.report.RunInfo.Policy("min-macos", min, mm.source()));
        }
        String glibc = null;
        Given<String> ml = given("--manylinux", manylinux, manylinux != null, settings, "manylinux", String::valueOf);
        if (ml != null) {
            try {
                glibc = AuditPolicy.parseManylinux(ml.value());
            } catch (IllegalArgumentException e) {
                throw new WheelwrightException(ml.label().startsWith("--") ? "--manylinux " + e.getMessage()
                        : ml.label() + ": " + e.getMessage());
            }
            sources.add(new dev.wheelwright.report.RunInfo.Policy("manylinux", ml.value(), ml.source()));
        }
        Given<Integer> jv = given("--java", java, java != null, settings, "java", o -> (Integer) o);
        if (jv != null) {
            if (jv.value() < 1 || jv.value() > 99) {
                throw new WheelwrightException(jv.bad(String.valueOf(jv.value()), "not a Java feature release (expected e.g. 8, 11, 17)"));
            }
            sources.add(new dev.wheelwright.report.RunInfo.Policy("java", String.valueOf(jv.value()), jv.source()));
        }
        List<String> platforms;
        Given<List<String>> tg = given("--target", targets, !targets.isEmpty(), settings, "targets", AuditCommand::strings);
        if (tg == null) {
            platforms = List.of();
        } else if (tg.label().startsWith("--")) {
            platforms = targetPlatforms(tg.value());
        } else {
            platforms = new ArrayList<>();
            for (String t : tg.value()) {
                try {
                    dev.wheelwright.spec.Platforms.compatible(t);
                } catch (dev.wheelwright.spec.InvalidPlatformException e) {
                    throw new WheelwrightException(tg.label() + ": " + e.getMessage());
                }
                if (!platforms.contains(t)) {
                    platforms.add(t);
                }
            }
        }
        if (tg != null) {
            sources.add(new dev.wheelwright.report.RunInfo.Policy("targets", String.join(",", platforms), tg.source()));
        }
        return new AuditPolicy(archs, min, glibc, jv == null ? 0 : jv.value(), platforms);
    }

    /**
     * The settings of {@code [tool.wheelwright]} that are not audit policy: {@code fail-on} (when
     * the command line does not give it) and {@code local}; both named in the report with their source.
     */
    static void projectSettings(FindingsOutput output, dev.wheelwright.project.WheelwrightSettings settings, FindingsOptions options) {
        dev.wheelwright.project.WheelwrightSettings.Setting failOn = settings.get("fail-on");
        if (failOn != null) {
            output.failOn(failOn.text());
        }
        dev.wheelwright.project.WheelwrightSettings.Setting local = settings.get("local");
        if (options.local) {
            output.policy("local", "true", "--local");
        } else if (local != null && Boolean.TRUE.equals(local.value())) {
            options.local = true;
            output.policy("local", "true", local.source());
        }
    }

    /** What a set of wheels holds, for the report's counts: wheels, members, binaries, slices. */
    static void counts(FindingsOutput output, WheelSet set) {
        long members = 0;
        long binaries = 0;
        long slices = 0;
        for (WheelFacts w : set.wheels()) {
            members += w.members().size();
            binaries += w.binaries().size();
            for (WheelFacts.WheelBinary b : w.binaries()) {
                slices += b.info().slices().size();
            }
        }
        output.checked("wheels", set.wheels().size() + set.refused().size()).checked("members", members)
                .checked("binaries", binaries).checked("slices", slices);
    }

    /** --target values, checked and deduplicated; a bad one is a usage error naming it. */
    static List<String> targetPlatforms(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String t : given) {
            for (String p : t.split(",")) {
                String platform = p.strip();
                if (platform.isEmpty()) {
                    continue;
                }
                try {
                    dev.wheelwright.spec.Platforms.compatible(platform);
                } catch (dev.wheelwright.spec.InvalidPlatformException e) {
                    throw new WheelwrightException("--target " + platform + ": " + e.getMessage());
                }
                if (!out.contains(platform)) {
                    out.add(platform);
                }
            }
        }
        return out;
    }

    /** The wheel files named on the command line, a folder standing for its *.whl files (sorted), each once. */
    static List<Path> expand(List<Path> args) throws IOException {
        return expand(args, false);
    }

    /** As {@link #expand(List)}; with {@code sdists}, a folder stands for its *.tar.gz files too. */
    static List<Path> expand(List<Path> args, boolean sdists) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> whls = s.filter(f -> (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".whl")
                            || (sdists && SdistReader.isSdist(f.getFileName().toString()))) && Files.isRegularFile(f)).sorted().toList();
                    if (whls.isEmpty()) {
                        throw new WheelwrightException(p + (sdists ? ": no .whl or .tar.gz files in this folder" : ": no .whl files in this folder"));
                    }
                    out.addAll(whls);
                }
            } else {
                out.add(p);
            }
        }
        // the same wheel named twice (a glob and its folder, ./x and x) is audited once
        java.util.Set<Path> seen = new java.util.HashSet<>();
        return out.stream().filter(p -> seen.add(p.toAbsolutePath().normalize())).toList();
    }

    /** --max-uncompressed SIZE: bytes, or a number with K, M, G or T (powers of 1024). */
    private ArchiveLimits limits() {
        ArchiveLimits limits = ArchiveLimits.defaults();
        if (maxUncompressed == null) {
            return limits;
        }
        try {
            return limits.withMaxTotalSize(parseSize(maxUncompressed));
        } catch (IllegalArgumentException e) {
            throw new WheelwrightException("--max-uncompressed " + maxUncompressed + ": " + e.getMessage());
        }
    }

    static long parseSize(String text) {
        Matcher m = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:i?B)?\\s*").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (expected bytes, or e.g. 500M, 16G)");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("out of range");
        }
        return (long) bytes;
    }

    private static long totalSize(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // an unreadable file is reported when it is read
            }
        }
        return n;
    }

    /**
     * Reads the wheels, several at a time; results keep the order given, and when wheels are
     * unreadable the first one in that order is the one reported.
     */
    static List<WheelFacts> readAll(List<Path> files) {
        WheelSet set = readSet(files, ArchiveLimits.defaults(), AuditProgress.none());
        if (!set.refused().isEmpty()) {
            WheelSet.RefusedArchive r = set.refused().get(0);
            throw new WheelwrightException(r.archive() + ": " + r.reason());
        }
        return set.wheels();
    }

    /**
     * Reads the wheels on every core, each streamed once; results keep the order given. A wheel
     * over an archive limit is refused (a finding) and the others are still audited; any other
     * unreadable wheel stops the run (the first one in the order given is reported), as does a
     * batch in which every wheel was refused: then nothing could be audited.
     */
    static WheelSet readSet(List<Path> files, ArchiveLimits limits, AuditProgress progress) {
        return readSet(files, limits, progress, false);
    }

    /** As {@link #readSet(List, ArchiveLimits, AuditProgress)}; {@code others}: sdists are audited too, so no wheels is fine. */
    static WheelSet readSet(List<Path> files, ArchiveLimits limits, AuditProgress progress, boolean others) {
        WheelReader reader = new WheelReader(limits);
        Object[] results = new Object[files.size()];
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audit-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        Path p = files.get(i);
                        try {
                            results[i] = reader.read(p, p.toString());
                        } catch (RuntimeException e) {
                            results[i] = e;
                        }
                        progress.finished(sizeOf(p));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WheelwrightException("audit interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<WheelFacts> out = new ArrayList<>(files.size());
        List<WheelSet.RefusedArchive> refused = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            Object r = results[i];
            if (r instanceof ArchiveLimitException e) {
                String display = files.get(i).toString();
                String reason = e.getMessage().startsWith(display + ": ") ? e.getMessage().substring(display.length() + 2) : e.getMessage();
                Path name = files.get(i).getFileName();
                refused.add(new WheelSet.RefusedArchive(display, name == null ? display : name.toString(), e.limit(), reason));
            } else if (r instanceof RuntimeException e) {
                throw e;
            } else {
                out.add((WheelFacts) r);
            }
        }
        if (out.isEmpty() && !refused.isEmpty() && !others) {
            WheelSet.RefusedArchive r = refused.get(0);
            throw new WheelwrightException(r.archive() + ": " + r.reason()
                    + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more refused: nothing could be audited)" : ""));
        }
        return new WheelSet(out, refused);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
