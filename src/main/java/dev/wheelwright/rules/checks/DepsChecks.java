package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shared walk of the WW-D checks: every dependency of one kind (runtime or build) that has no
 * wheel for a target, once per name, version and target, with the chain that pulled it in.
 *
 * <p>Values for the rule's placeholders: {@code package}, {@code version}, {@code target} (the
 * platform tag), {@code python}, {@code requirement} (as written by its parent), {@code via}
 * (the chain from a top-level requirement), {@code first_wheel} (the first newer version with
 * such a wheel, or ""), {@code availability} and {@code upgrade} (sentences built from those
 * facts for the message and the fix: "require pkg>=V" or "none is published yet").
 */
final class DepsChecks {
    private DepsChecks() {}

    static void run(Facts facts, Check.Hits hits, DepNode.Kind kind) {
        DependencyReport report = facts.get(DependencyReport.class).orElse(null);
        if (report == null) {
            return;
        }
        for (DependencyReport.TargetTree tree : report.trees()) {
            Set<String> seen = new HashSet<>();
            for (DepNode root : tree.roots()) {
                walk(root, new ArrayList<>(), tree, kind, seen, hits, report);
            }
        }
    }

    private static void walk(DepNode n, List<DepNode> chain, DependencyReport.TargetTree tree, DepNode.Kind kind,
            Set<String> seen, Check.Hits hits, DependencyReport report) {
        if (n.kind() == kind && n.missingForTarget() && !n.repeated() && seen.add(n.name() + " " + n.version())) {
            hits.add(new Location.PathLocation(report.subject()), values(n, chain, tree), evidence(n, chain));
        }
        chain.add(n);
        for (DepNode c : n.children()) {
            walk(c, chain, tree, kind, seen, hits, report);
        }
        chain.remove(chain.size() - 1);
    }

    private static Map<String, Object> values(DepNode n, List<DepNode> chain, DependencyReport.TargetTree tree) {
        String target = tree.target().platform();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("package", n.name());
        v.put("version", n.version());
        v.put("target", target);
        v.put("python", tree.target().python());
        v.put("requirement", n.requirement());
        v.put("via", via(n, chain));
        v.put("first_wheel", n.firstWheelVersion() == null ? "" : n.firstWheelVersion());
        v.put("availability", n.firstWheelVersion() != null
                ? n.firstWheelVersion() + " is the first version that has one"
                : "no version has one");
        v.put("upgrade", n.firstWheelVersion() != null
                ? "require " + n.name() + ">=" + n.firstWheelVersion()
                : "none is published yet");
        return v;
    }

    private static String via(DepNode n, List<DepNode> chain) {
        if (chain.isEmpty()) {
            return "required directly";
        }
        StringBuilder sb = new StringBuilder("required by ");
        for (int i = chain.size() - 1; i >= 0; i--) {
            DepNode p = chain.get(i);
            sb.append(p.name()).append(p.version() == null ? "" : " " + p.version());
            if (i > 0) {
                sb.append(" < ");
            }
        }
        return sb.toString();
    }

    private static List<String> evidence(DepNode n, List<DepNode> chain) {
        List<String> ev = new ArrayList<>();
        ev.add(n.requirement() + " -> " + (n.file() != null ? n.file() : n.status().label())
                + (n.note() != null ? " (" + n.note() + ")" : ""));
        if (!chain.isEmpty()) {
            ev.add(via(n, chain));
        }
        return ev;
    }
}
