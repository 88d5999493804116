package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RetiredTables;
import dev.wheelwright.rules.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** WW-P021: CI builds on an end-of-life manylinux image (manylinux1, manylinux2010, manylinux_2_24; rules/tables/retired-manylinux-images.json): one finding per image and file. */
public final class RetiredManylinuxImageCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        ProjectFacts p = facts.get(ProjectFacts.class).orElse(null);
        if (p == null || (p.ci().isEmpty() && p.pyproject() == null)) {
            return; // (no CI job and no pyproject.toml: the table is not parsed, as for doctor on a log alone)
        }
        RetiredTables table = RetiredTables.builtIn();
        Map<String, List<Located<String>>> at = new LinkedHashMap<>();
        Map<String, RetiredTables.RetiredImage> entry = new LinkedHashMap<>();
        java.util.function.BiConsumer<String, Located<String>> add = (image, where) -> table.image(image).ifPresent(r -> {
            String key = where.file() + "\n" + r.policy();
            List<Located<String>> l = at.computeIfAbsent(key, k -> new ArrayList<>());
            Located<String> item = new Located<>(image, where.file(), where.line());
            if (!l.contains(item)) {
                l.add(item);
            }
            entry.put(key, r);
        });
        for (CiRun run : p.ci()) {
            run.env().forEach((k, v) -> {
                if (k.matches("CIBW_MANYLINUX_[A-Z0-9_]+_IMAGE")) {
                    add.accept(v.value(), v);
                }
            });
            for (Located<String> b : run.builders()) {
                if (b.value().startsWith("docker ")) {
                    add.accept(b.value().substring("docker ".length()), b);
                }
            }
        }
        if (p.pyproject() != null) {
            for (String arch : List.of("x86_64", "i686", "aarch64", "ppc64le", "s390x", "pypy-x86_64", "pypy-i686", "pypy-aarch64")) {
                for (String path : List.of("manylinux-" + arch + "-image", "linux.manylinux-" + arch + "-image")) {
                    p.pyproject().cibuildwheelOption(path).ifPresent(v -> add.accept(String.valueOf(v), new Located<>(String.valueOf(v),
                            p.pyproject().file(), p.pyproject().keyLine(
                                    path.startsWith("linux.") ? "tool.cibuildwheel.linux" : "tool.cibuildwheel", path.replace("linux.", "")))));
                }
            }
        }
        for (Map.Entry<String, List<Located<String>>> e : at.entrySet()) {
            RetiredTables.RetiredImage r = entry.get(e.getKey());
            Located<String> first = e.getValue().get(0);
            List<String> evidence = new ArrayList<>();
            e.getValue().forEach(l -> evidence.add(l.file() + ":" + l.line() + ": " + l.value()));
            hits.add(ProjectCheckSupport.at(first), ProjectCheckSupport.values(
                    "image", first.value(), "policy", r.policy(), "eol", r.eol().toString(), "replacement", r.replacement()), evidence);
        }
    }
}
