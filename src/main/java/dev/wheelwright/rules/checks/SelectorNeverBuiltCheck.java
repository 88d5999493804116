package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiBuildSelector;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RunnerImages;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WW-P023: a cibuildwheel build selector ({@code CIBW_BUILD}, {@code [tool.cibuildwheel].build})
 * names a platform that no job using it builds, e.g. {@code cp39-win_arm64} while every Windows job
 * builds the default archs (AMD64 and x86 on an x64 runner; ARM64 only when asked for). The selector
 * matches nothing there, cibuildwheel builds nothing for it, and the wheels the author listed never
 * exist.
 *
 * <p>Judged per selector (one place): a token counts as never built when its platform part names a
 * real cibuildwheel platform ({@code win_arm64}, {@code manylinux_aarch64}, {@code macosx_arm64}, ...)
 * and none of the jobs that read this selector builds that platform. The rule stays quiet when
 * any of those jobs has archs, selectors or a runner only a run knows, and when a non-GitHub CI
 * file (read for CIBW_* only) may use the selector.
 */
public final class SelectorNeverBuiltCheck implements Check {
    /** cibuildwheel's platform identifiers for macOS, Linux and Windows (cibuildwheel's build-platforms table). */
    static final List<String> PLATFORMS = List.of(
            "macosx_x86_64", "macosx_arm64", "macosx_universal2",
            "manylinux_x86_64", "manylinux_i686", "manylinux_aarch64", "manylinux_ppc64le", "manylinux_s390x", "manylinux_armv7l", "manylinux_riscv64",
            "musllinux_x86_64", "musllinux_i686", "musllinux_aarch64", "musllinux_ppc64le", "musllinux_s390x", "musllinux_armv7l", "musllinux_riscv64",
            "win32", "win_amd64", "win_arm64");

    private record Group(Located<String> where, String from, List<CiRun> runs) {}

    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null) {
            return;
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (CiRun run : p.ci()) {
            if (!run.usesCibuildwheel()) {
                continue;
            }
            Located<String> where = run.envVar("CIBW_BUILD").orElse(null);
            String from = "CIBW_BUILD";
            if (where == null && p.pyproject() != null) {
                Object v = p.pyproject().cibuildwheelOption("build").orElse(null);
                if (v != null) {
                    String text = v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
                    where = new Located<>(text, p.pyproject().file(), p.pyproject().keyLine("tool.cibuildwheel", "build"));
                    from = "[tool.cibuildwheel] build";
                }
            }
            if (where == null || where.value().isBlank()) {
                continue;
            }
            String key = where.file() + ":" + where.line() + ":" + where.value();
            String f = from;
            Located<String> w = where;
            groups.computeIfAbsent(key, k -> new Group(w, f, new ArrayList<>())).runs().add(run);
        }
        for (Group g : groups.values()) {
            if (!known(g, p)) {
                continue;
            }
            Set<String> built = new LinkedHashSet<>();
            Map<String, Set<String>> archsByOs = new LinkedHashMap<>();
            boolean unmodelled = false;
            for (BuildTarget t : p.targets()) {
                if (g.runs().contains(t.run())) {
                    List<CiPlatforms.Platform> pls = CiPlatforms.of(t, p.pyproject());
                    unmodelled |= pls.isEmpty();
                    pls.forEach(pl -> built.add(pl.identifier()));
                    archsByOs.computeIfAbsent(t.os(), k -> new LinkedHashSet<>()).add(t.arch());
                }
            }
            if (built.isEmpty() || unmodelled) {
                continue; // an arch wheelwright does not model, or nothing known to compare with
            }
            boolean versionKnown = g.runs().stream().allMatch(r -> r.cibuildwheel() != null);
            List<String> never = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>();
            for (String token : g.where().value().strip().split("\\s+")) {
                int dash = token.indexOf('-');
                if (dash < 0) {
                    continue;
                }
                List<String> named = PLATFORMS.stream().filter(pl -> CiBuildSelector.matchesAny(token.substring(dash + 1), pl)).toList();
                if (named.isEmpty() || named.stream().anyMatch(built::contains)) {
                    continue;
                }
                if (!versionKnown && named.stream().anyMatch(n -> n.endsWith("_i686"))) {
                    continue; // cibuildwheel before 3.0 built i686 by default on x86_64 Linux: the version decides
                }
                never.add(token);
                missing.addAll(named);
            }
            if (never.isEmpty()) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            evidence.add(g.where().file() + ":" + g.where().line() + ": " + g.from() + " " + g.where().value().strip());
            Set<String> jobs = new LinkedHashSet<>();
            for (CiRun run : g.runs()) {
                jobs.add("'" + run.job() + "'");
            }
            archsByOs.forEach((os, archs) -> evidence.add("jobs reading it build " + os + " " + String.join(", ", archs)));
            hits.add(ProjectCheckSupport.at(g.where()), ProjectCheckSupport.values(
                    "selector", g.from(),
                    "tokens", String.join(", ", never),
                    "platforms", String.join(", ", missing),
                    "jobs", (jobs.size() == 1 ? "job " : "jobs ") + String.join(", ", jobs)), evidence);
        }
    }

    /** Every job reading the selector has known archs, selectors and runner; no other CI file may read it. */
    private static boolean known(Group g, ProjectFacts p) {
        for (CiRun run : g.runs()) {
            if (run.runner() == null || RunnerImages.builtIn().find(run.runner().value()).isEmpty()) {
                return false;
            }
            String os = RunnerImages.builtIn().find(run.runner().value()).get().os();
            String platform = run.cibwPlatform();
            if (platform != null && !platform.equals("auto")) {
                os = platform;
            }
            if (run.archsUnknown(os) || run.selectorsUnknown(os)) {
                return false;
            }
        }
        if (g.from().startsWith("[tool")) {
            // pyproject's selector is read by every cibuildwheel run, also those of CI files read for CIBW_* only
            return p.ci().stream().noneMatch(r -> r.usesCibuildwheel() && r.runner() == null);
        }
        return true;
    }
}
