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
 * <p>Rules read it in {@code when:} conditions as the root {@code deps} (see rules/README.md):
 * {@code deps.trees} with each tree's {@code target} and {@code nodes} (every node, flat),
 * {@code deps.problems}, {@code deps.targetsFrom}.
 *
 * @param subject  what was resolved (a project folder or "requirements")
 * @param sources  where packages were looked up, in order
 * @param trees    one tree per target, in the order the targets were given
 * @param problems the index pages and files that could not be read, each with the dependencies
 *                 that needed it
 * @param targetsFrom where the targets came from, for the report ("--target", "the built-in
 *                 defaults", "targets from .github/workflows/wheels.yml ..."); null when not said
 */
public record DependencyReport(String subject, List<String> sources, List<TargetTree> trees, List<IndexProblem> problems,
        String targetsFrom) {

    public DependencyReport {
        sources = List.copyOf(sources);
        trees = List.copyOf(trees);
        problems = List.copyOf(problems);
    }

    /** The same report, saying where its targets came from. */
    public DependencyReport withTargetsFrom(String from) {
        return new DependencyReport(subject, sources, trees, problems, from);
    }

    /**
     * The top-level requirements of one target and their subtrees.
     *
     * @param target the target
     * @param roots  the top-level requirements that apply there, with their subtrees
     * @param nodes  every node, depth first, repeated nodes included (derived from {@code roots};
     *               a flat list so that conditions need no recursion)
     */
    public record TargetTree(Target target, List<DepNode> roots, List<DepNode> nodes) {
        public TargetTree {
            roots = List.copyOf(roots);
            List<DepNode> all = new ArrayList<>();
            for (DepNode r : roots) {
                walk(r, all);
            }
            nodes = List.copyOf(all);
        }

        public TargetTree(Target target, List<DepNode> roots) {
            this(target, roots, List.of());
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
