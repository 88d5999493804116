package dev.wheelwright.rules.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.index.FixtureIndex;
import dev.wheelwright.index.HttpFetcher;
import dev.wheelwright.index.IndexProblem;
import dev.wheelwright.index.PackageFinder;
import dev.wheelwright.index.Resolver;
import dev.wheelwright.index.SimpleRepository;
import dev.wheelwright.index.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deps case is {@code cases/<slug>.deps.yaml}: an index described as data, served for real over
 * HTTP on 127.0.0.1 by {@link FixtureIndex} (tiny real wheels, PEP 691 JSON, PEP 658 metadata),
 * the requirements to resolve, and the targets:
 *
 * <pre>
 * subject: pyproject.toml            # the location findings point at
 * requirements: ["ffilib&lt;1.2"]        # runtime requirements
 * build-requirements: ["setuptools"]  # build requirements
 * targets: [{platform: macosx_11_0_arm64, python: "3.9"}]
 * index:
 *   ffilib:
 *     - version: 1.1.0
 *       files: [sdist, cp39-cp39-macosx_10_9_x86_64]   # "sdist" or a wheel's tag triple
 *       requires: []                                   # Requires-Dist of its wheels
 *       requires-python: ">=3.8"                       # optional
 *       yanked: "reason"                               # optional
 * fail:                                # optional: make the index fail for a project
 *   ffilib: page-500                   # page-500, malformed-page or metadata-500
 * </pre>
 *
 * <p>The fixture index listens on a new port each run; in the report it is renamed
 * {@value #CASE_INDEX} so that expected messages can quote URLs.
 */
public final class DepsCaseLoader implements CaseLoader {

    @Override
    public Facts load(Path caseInput, Path ruleDir) throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(caseInput.toFile());
        try (FixtureIndex index = new FixtureIndex()) {
            var projects = root.path("index").fields();
            while (projects.hasNext()) {
                var p = projects.next();
                for (JsonNode release : p.getValue()) {
                    String version = release.path("version").asText();
                    List<String> requires = strings(release.path("requires"));
                    String requiresPython = release.hasNonNull("requires-python") ? release.get("requires-python").asText() : null;
                    String yanked = release.hasNonNull("yanked") ? release.get("yanked").asText() : null;
                    for (String file : strings(release.path("files"))) {
                        if (file.equals("sdist")) {
                            index.sdist(p.getKey(), version, requiresPython, yanked);
                        } else {
                            index.wheel(p.getKey(), version, file, requires, requiresPython, yanked, true);
                        }
                    }
                }
            }
            var fail = root.path("fail").fields();
            while (fail.hasNext()) {
                var f = fail.next();
                switch (f.getValue().asText()) {
                    case "page-500" -> index.failPage(f.getKey());
                    case "malformed-page" -> index.malformedPage(f.getKey());
                    case "metadata-500" -> index.failMetadata(f.getKey());
                    default -> throw new IllegalArgumentException(caseInput + ": unknown failure '" + f.getValue().asText()
                            + "' (page-500, malformed-page or metadata-500)");
                }
            }
            HttpFetcher http = new HttpFetcher(null, false, 1, Duration.ofMillis(1), Duration.ofSeconds(10));
            PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(index.simpleUrl(), http)), http);
            List<Resolver.Root> roots = new ArrayList<>();
            strings(root.path("build-requirements")).forEach(r -> roots.add(new Resolver.Root(r, DepNode.Kind.BUILD)));
            strings(root.path("requirements")).forEach(r -> roots.add(new Resolver.Root(r, DepNode.Kind.RUNTIME)));
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : root.path("targets")) {
                targets.add(new Target(t.path("platform").asText(), t.path("python").asText("3.12"), t.path("impl").asText("cp")));
            }
            DependencyReport report = new Resolver(finder).resolve(root.path("subject").asText("pyproject.toml"), roots, targets);
            return Facts.builder().put(DependencyReport.class, stableUrls(report, index.simpleUrl().resolve("/").toString())).build();
        }
    }

    /** The index URL as expected files write it: the fixture's port changes from run to run. */
    public static final String CASE_INDEX = "http://index.test/simple/";
    private static final String CASE_HOST = "http://index.test/";

    /** The report with the fixture's real URL replaced by {@link #CASE_INDEX} wherever it is quoted. */
    static DependencyReport stableUrls(DependencyReport r, String real) {
        java.util.function.UnaryOperator<String> fix = s -> s == null ? null : s.replace(real, CASE_HOST);
        List<DependencyReport.TargetTree> trees = r.trees().stream()
                .map(t -> new DependencyReport.TargetTree(t.target(), t.roots().stream().map(n -> stableUrls(n, fix)).toList()))
                .toList();
        List<IndexProblem> problems = r.problems().stream()
                .map(p -> new IndexProblem(p.kind(), fix.apply(p.url()), fix.apply(p.source()), fix.apply(p.reason()), p.packages()))
                .toList();
        return new DependencyReport(r.subject(), r.sources().stream().map(fix).toList(), trees, problems, r.targetsFrom());
    }

    private static DepNode stableUrls(DepNode n, java.util.function.UnaryOperator<String> fix) {
        return new DepNode(n.name(), n.requirement(), n.kind(), n.version(), n.status(), n.file(), n.tag(), n.missingForTarget(),
                n.firstWheelVersion(), fix.apply(n.note()), n.repeated(), n.children().stream().map(c -> stableUrls(c, fix)).toList());
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
