package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WW-D004: a requirement that no source can satisfy for a reason other than the target's
 * platform: the project is on no index (every page a 404), no version matches the specifier,
 * every matching version is yanked, or Requires-Python excludes the target's Python. pip stops
 * there with "No matching distribution found". One hit per requirement and reason, listing the
 * targets where it happens. Platform gaps are WW-D001/WW-D002's; unreadable indexes WW-D003's.
 *
 * <p>Values: {@code package}, {@code requirement}, {@code reason} (the resolver's note),
 * {@code targets} (labels, comma separated), {@code kind} ("build requirement" or "dependency").
 */
public final class DependencyNotFoundCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        DependencyReport report = facts.get(DependencyReport.class).orElse(null);
        if (report == null) {
            return;
        }
        record Key(String requirement, DepNode.Kind kind, String reason) {}
        Map<Key, List<String>> targets = new LinkedHashMap<>();
        Map<Key, DepNode> nodes = new LinkedHashMap<>();
        for (DependencyReport.TargetTree t : report.trees()) {
            for (DepNode n : t.nodes()) {
                if (n.status() != DepNode.Status.NO_MATCH || n.missingForTarget() || n.repeated()) {
                    continue;
                }
                Key k = new Key(n.requirement(), n.kind(), n.note() == null ? "no usable file" : n.note());
                nodes.putIfAbsent(k, n);
                List<String> ts = targets.computeIfAbsent(k, x -> new ArrayList<>());
                if (!ts.contains(t.target().label())) {
                    ts.add(t.target().label());
                }
            }
        }
        for (Map.Entry<Key, List<String>> e : targets.entrySet()) {
            DepNode n = nodes.get(e.getKey());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("package", n.name());
            v.put("requirement", n.requirement());
            v.put("reason", e.getKey().reason());
            v.put("targets", String.join(", ", e.getValue()));
            v.put("kind", n.kind() == DepNode.Kind.BUILD ? "build requirement" : "dependency");
            hits.add(new Location.PathLocation(report.subject()), v,
                    List.of(n.requirement() + " -> no match (" + e.getKey().reason() + ")"));
        }
    }
}
