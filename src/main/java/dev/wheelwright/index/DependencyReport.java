package dev.wheelwright.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency trees of one project (or requirement list) for several targets: the facts the
 * WW-D rules read, and what {@code deps} prints.
 *
 * @param subject  what was resolved (a project folder or "requirements")
 * @param sources  where packages were looked up, in order
 * @param trees    one tree per target, in the order the targets were given
 */
public record DependencyReport(String subject, List<String> sources, List<TargetTree> trees) {

    public DependencyReport {
        sources = List.copyOf(sources);
        trees = List.copyOf(trees);
    }

    /** The top-level requirements of one target and their subtrees. */
    public record TargetTree(Target target, List<DepNode> roots) {
        public TargetTree {
            roots = List.copyOf(roots);
        }

        /** Every node, depth first, repeated nodes included. */
        public List<DepNode> nodes() {
            List<DepNode> out = new ArrayList<>();
            for (DepNode r : roots) {
                walk(r, out);
            }
            return out;
        }

        /** The first (resolved, non-repeated) node of a name. */
        public Optional<DepNode> find(String name) {
            return nodes().stream().filter(n -> n.name().equals(name) && !n.repeated()).findFirst();
        }

        private static void walk(DepNode n, List<DepNode> out) {
            out.add(n);
            for (DepNode c : n.children()) {
                walk(c, out);
            }
        }
    }

    /** Dependency names across all targets, in first-seen order (the matrix rows). */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (TargetTree t : trees) {
            for (DepNode n : t.nodes()) {
                names.add(n.name());
            }
        }
        return List.copyOf(names);
    }

    /** The matrix: name to (target label to node), absent when a target does not need it. */
    public Map<String, Map<String, DepNode>> matrix() {
        Map<String, Map<String, DepNode>> m = new LinkedHashMap<>();
        for (String name : names()) {
            Map<String, DepNode> row = new LinkedHashMap<>();
            for (TargetTree t : trees) {
                t.find(name).ifPresent(n -> row.put(t.target().label(), n));
            }
            m.put(name, row);
        }
        return m;
    }
}
