package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.Location;
import dev.wheelwright.spec.Platforms;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.WheelFilename;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --target PLATFORM}: some wheel of the set must install on each target machine, judged
 * by platform tag as pip judges it (the target's compatible platforms, in packaging's order, or
 * {@code any}). A release without one leaves every user there to build from the sdist.
 */
public final class NoWheelForTargetCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        AuditPolicy policy = WheelChecks.policy(facts);
        if (policy.targets().isEmpty()) {
            return;
        }
        List<WheelFacts> all = WheelChecks.wheels(facts);
        // A folder may hold the wheels of several projects (a --find-links folder, a monorepo's
        // wheelhouse): each project must serve each target, so one project's pure wheel does not
        // cover another's missing platform wheel.
        Map<String, List<WheelFacts>> byProject = new java.util.TreeMap<>();
        for (WheelFacts w : all) {
            byProject.computeIfAbsent(project(w), k -> new java.util.ArrayList<>()).add(w);
        }
        if (byProject.isEmpty()) {
            byProject.put("", List.of());
        }
        for (Map.Entry<String, List<WheelFacts>> group : byProject.entrySet()) {
            List<WheelFacts> wheels = group.getValue();
            Set<String> have = new TreeSet<>();
            for (WheelFacts w : wheels) {
                have.addAll(platforms(w));
            }
            String folder = wheels.isEmpty() ? "." : folder(wheels.get(0));
            for (String target : policy.targets()) {
                Set<String> accepted = new HashSet<>(Platforms.compatible(target));
                accepted.add("any"); // PEP 425: pure wheels install everywhere
                if (have.stream().noneMatch(accepted::contains)) {
                    List<String> evidence = new java.util.ArrayList<>();
                    if (byProject.size() > 1) {
                        evidence.add("project " + group.getKey() + ": " + String.join(" ", wheels.stream().map(WheelFacts::filename).toList()));
                    }
                    evidence.add("wheel platforms: " + (have.isEmpty() ? "none" : String.join(" ", have)));
                    evidence.add("accepted on " + target + ": " + String.join(" ", WheelChecks.firstFew(
                            Platforms.compatible(target), 6)));
                    hits.add(new Location.PathLocation(folder),
                            Map.of("target", target, "have", have.isEmpty() ? "none" : String.join(", ", have),
                                    "count", String.valueOf(wheels.size())),
                            evidence);
                }
            }
        }
    }

    /** The project a wheel belongs to: its PEP 503 name from the file name (the text before the first '-' if that does not parse). */
    private static String project(WheelFacts w) {
        try {
            return dev.wheelwright.spec.Names.canonicalize(WheelFilename.parse(w.filename()).distribution());
        } catch (RuntimeException e) {
            int dash = w.filename().indexOf('-');
            return dev.wheelwright.spec.Names.canonicalize(dash > 0 ? w.filename().substring(0, dash) : w.filename());
        }
    }

    private static Set<String> platforms(WheelFacts w) {
        Set<String> out = new TreeSet<>();
        try {
            for (Tag t : WheelFilename.parse(w.filename()).tags()) {
                out.add(t.platform());
            }
        } catch (RuntimeException e) {
            // an invalid file name is WW-W016's finding; it installs nowhere
        }
        return out;
    }

    private static String folder(WheelFacts w) {
        Path parent = Path.of(w.wheel()).getParent();
        return parent == null ? "." : parent.toString();
    }
}
