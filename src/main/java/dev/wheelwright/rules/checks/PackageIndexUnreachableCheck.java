package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.index.IndexProblem;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WW-D003: an index page, find-links location or metadata file could not be read. One hit per
 * source and reason (an unreachable index fails the same way for every project page), located at
 * the project file (or requirements) being resolved, as the other WW-D findings, so that SARIF
 * and annotations point at a file; the message names the URL and the evidence lists each URL.
 *
 * <p>Values: {@code url} (the failing URL, or the source when several of its URLs failed the same
 * way), {@code source}, {@code reason}, {@code packages} (comma separated), {@code consequence}
 * (a sentence: which dependencies could not be looked up there, which were not resolved at all,
 * or whose dependencies are unknown).
 */
public final class PackageIndexUnreachableCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        DependencyReport report = facts.get(DependencyReport.class).orElse(null);
        if (report == null) {
            return;
        }
        Map<String, List<IndexProblem>> groups = new LinkedHashMap<>();
        for (IndexProblem p : report.problems()) {
            groups.computeIfAbsent(p.kind() + "\n" + p.source() + "\n" + p.reason(), k -> new ArrayList<>()).add(p);
        }
        Set<String> unresolved = unresolved(report);
        for (List<IndexProblem> group : groups.values()) {
            IndexProblem first = group.get(0);
            Set<String> pkgs = new LinkedHashSet<>();
            group.forEach(p -> pkgs.addAll(p.packages()));
            String url = group.size() == 1 ? first.url() : first.source();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("url", url);
            v.put("source", first.source());
            v.put("reason", first.reason());
            v.put("packages", String.join(", ", pkgs));
            v.put("consequence", consequence(first.kind(), pkgs, unresolved));
            List<String> evidence = new ArrayList<>();
            group.forEach(p -> evidence.add(p.message()));
            hits.add(new Location.PathLocation(report.subject()), v, evidence);
        }
    }

    private static String consequence(IndexProblem.Kind kind, Set<String> pkgs, Set<String> unresolved) {
        String names = String.join(", ", pkgs);
        if (kind == IndexProblem.Kind.METADATA) {
            return "the dependencies of " + names + " are unknown, so their subtrees are missing from the report";
        }
        List<String> lost = pkgs.stream().filter(unresolved::contains).toList();
        if (lost.size() == pkgs.size()) {
            return "not resolved: " + names;
        }
        return "looked up in the other sources instead: " + names
                + (lost.isEmpty() ? "" : "; not resolved: " + String.join(", ", lost));
    }

    /** Names that no source could give on some target (status error). */
    private static Set<String> unresolved(DependencyReport report) {
        Set<String> out = new LinkedHashSet<>();
        for (DependencyReport.TargetTree t : report.trees()) {
            for (DepNode n : t.nodes()) {
                if (n.status() == DepNode.Status.ERROR) {
                    out.add(n.name());
                }
            }
        }
        return out;
    }
}
