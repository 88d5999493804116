package dev.wheelwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Finding.FindingFix;
import dev.wheelwright.rules.Finding.Suppression;
import dev.wheelwright.rules.Location;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.Severity;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class RenderersTest {

    static final List<Finding> FINDINGS = List.of(
            new Finding("WW-B017", "python-headers-missing", Severity.ERROR, "Python.h missing",
                    "Building pyyaml needs the headers: 100% <sure>, \"quoted\" & more\nsecond line",
                    new Location.FileLine("logs/build arm64.log", 19), List.of("fatal error: Python.h: No such file \u001B[0m"),
                    new FindingFix("Install python3-dev", null), null, "pyyaml"),
            new Finding("WW-W005", "pyc-in-wheel", Severity.WARNING, "pyc files", "3 .pyc files",
                    new Location.WheelMember("dist/x-1.0-py3-none-any.whl", "x/__pycache__/a.cpython-39.pyc", null), List.of(),
                    new FindingFix("Exclude __pycache__", "exclude-pyc"), new Suppression("pyproject.toml", "tests ship pyc")),
            new Finding("WW-M004", "arm64-unsigned", Severity.INFO, "unsigned", "slice unsigned",
                    new Location.WheelMember("x.whl", "x/_ext.so", "arm64"), List.of("a", "b"), null, null),
            new Finding("WW-P009", "build-system-missing", Severity.WARNING, "no build-system", "no [build-system]",
                    new Location.PathLocation("pyproject.toml"), List.of(), null, null));

    static FindingsReport report() {
        List<RuleDefinition> rules = RuleCatalog.load(List.of()).rules();
        return new FindingsReport("wheelwright", "0.1.0", FINDINGS, rules);
    }

    static String render(FindingsRenderer r) throws Exception {
        StringWriter w = new StringWriter();
        r.render(report(), w);
        return w.toString();
    }

    static Path sarifSchema() {
        // the SARIF schema is not part of this repository (no licence in the file); read it from beside it
        for (String p : new String[] {"../shared/schemas/sarif-schema-2.1.0.json", "../../shared/schemas/sarif-schema-2.1.0.json"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        String env = System.getenv("SARIF_SCHEMA");
        return env != null && Files.isRegularFile(Path.of(env)) ? Path.of(env) : null;
    }

    @Test
    void sarifValidatesAgainstTheSchemaAndCarriesRulesFixesAndSuppressions() throws Exception {
        String sarif = render(new SarifRenderer());
        JsonNode doc = new ObjectMapper().readTree(sarif);
        JsonNode run = doc.path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules.findValuesAsText("id")).contains("WW-B001", "WW-B016", "WW-B017", "WW-B018", "WW-W005", "WW-M004");
        for (JsonNode r : rules) {
            assertThat(r.path("help").path("text").asText()).as(r.path("id").asText()).isNotBlank();
        }
        JsonNode b017 = rules.get(run.path("results").path(0).path("ruleIndex").asInt());
        assertThat(b017.path("id").asText()).isEqualTo("WW-B017");
        assertThat(b017.path("help").path("markdown").asText()).contains("## Why it matters").contains("**Fix:**");
        JsonNode r0 = run.path("results").path(0);
        assertThat(r0.path("level").asText()).isEqualTo("error");
        assertThat(r0.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("logs/build%20arm64.log");
        assertThat(r0.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(19);
        JsonNode r1 = run.path("results").path(1);
        assertThat(r1.path("suppressions").path(0).path("justification").asText()).isEqualTo("tests ship pyc");
        assertThat(r1.path("suppressions").path(0).path("kind").asText()).isEqualTo("external");
        assertThat(run.path("results").path(2).path("level").asText()).isEqualTo("note");

        Path schemaFile = sarifSchema();
        Assumptions.assumeTrue(schemaFile != null, "SARIF 2.1.0 schema not found beside the repository");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ByteArrayInputStream(Files.readAllBytes(schemaFile)));
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        // and the validator does reject a broken document, so the check above means something
        ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("results").path(0)).put("level", "fatal");
        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    void junitIsWellFormedXmlWithFailuresSkipsAndPassingRules() throws Exception {
        String xml = render(new JunitRenderer());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var suite = (org.w3c.dom.Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(d.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo(FINDINGS.get(0).message());
        int rules = RuleCatalog.load(List.of()).size();
        int ruleCasesWithoutFindings = (int) RuleCatalog.load(List.of()).rules().stream()
                .filter(r -> FINDINGS.stream().noneMatch(f -> f.rule().equals(r.id()))).count();
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(FINDINGS.size() + ruleCasesWithoutFindings);
        assertThat(rules).isPositive();
    }

    @Test
    void githubEscapesDataAndPropertiesAndSkipsSuppressed() throws Exception {
        String gh = render(new GithubRenderer());
        List<String> lines = gh.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("::error file=logs/build arm64.log,line=19,title=WW-B017 python-headers-missing%3A Python.h missing"
                + "::Building pyyaml needs the headers: 100%25 <sure>, \"quoted\" & more%0Asecond line%0AFix: Install python3-dev");
        assertThat(lines.get(1)).startsWith("::notice file=x.whl,title=WW-M004").contains("::x.whl!x/_ext.so[arm64]: slice unsigned");
        assertThat(lines.get(2)).startsWith("::warning file=pyproject.toml,title=");
        String summary = GithubRenderer.summary(report());
        assertThat(summary).contains("| severity | rule |").contains("suppressed: tests ship pyc").contains("100% &lt;sure&gt;").doesNotContain("\nsecond line");
    }

    @Test
    void textGroupsBySeverityAndListsSuppressedLast() throws Exception {
        String text = render(new TextRenderer(false));
        assertThat(text.indexOf("1 error")).isLessThan(text.indexOf("1 warning")).isLessThan(text.indexOf("1 info"));
        assertThat(text.indexOf("suppressed\n")).isGreaterThan(text.indexOf("arm64-unsigned"));
        assertThat(text).contains("ignored (pyproject.toml): tests ship pyc").endsWith("1 error, 1 warning, 1 info, 1 suppressed\n");
        assertThat(text).doesNotContain("\u001B[1m");
        assertThat(text).contains("logs/build arm64.log:19  package pyyaml\n");
        assertThat(text).containsOnlyOnce("package ");
        assertThat(render(new TextRenderer(true))).contains("\u001B[31m");
    }

    @Test
    void jsonAndHtmlRender() throws Exception {
        JsonNode j = new ObjectMapper().readTree(render(new JsonRenderer()));
        assertThat(j.path("summary").path("warning").asInt()).isEqualTo(1);
        assertThat(j.path("summary").path("suppressed").asInt()).isEqualTo(1);
        assertThat(j.path("findings").path(2).path("location").path("arch").asText()).isEqualTo("arm64");
        assertThat(j.path("findings").path(3).path("location").path("path").asText()).isEqualTo("pyproject.toml");
        assertThat(j.path("findings").path(0).path("package").asText()).isEqualTo("pyyaml");
        assertThat(j.path("findings").path(2).has("package")).isFalse(); // only when the input names one
        JsonNode sarif = new ObjectMapper().readTree(render(new SarifRenderer()));
        assertThat(sarif.path("runs").path(0).path("results").path(0).path("properties").path("package").asText()).isEqualTo("pyyaml");
        assertThat(sarif.path("runs").path(0).path("results").path(2).path("properties").has("package")).isFalse();
        String html = render(new HtmlRenderer());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("&lt;sure&gt;").doesNotContain("<sure>");
        assertThat(Stream.of(FindingsRenderer.FORMATS.toArray(new String[0])).map(f -> FindingsRenderer.forFormat(f, false)))
                .doesNotContainNull();
    }

    @Test
    void equalFindingsGetTheirOwnNumbers() throws Exception {
        Finding f = new Finding("WW-P001", "legacy-setup-py-build", Severity.WARNING, "legacy", "no pyproject.toml",
                new Location.FileLine("setup.py", 3), List.of(), null, null);
        Finding g = new Finding("WW-P001", "legacy-setup-py-build", Severity.WARNING, "legacy", "no pyproject.toml",
                new Location.FileLine("setup.py", 3), List.of(), null, null);
        StringWriter w = new StringWriter();
        new TextRenderer(false).render(new FindingsReport("wheelwright", "0.1.0", List.of(f, g), List.of()), w);
        assertThat(w.toString()).contains("explain 1 (this finding)").contains("explain 2 (this finding)");
    }

    /** A finding about a whole file (line 0: unknown) has a null line in JSON and no region in SARIF, never line 0. */
    @Test
    void aWholeFileFindingHasNoLineZero() throws Exception {
        Finding whole = new Finding("WW-P001", "legacy-setup-py-build", Severity.WARNING, "legacy", "no pyproject.toml",
                new Location.FileLine("proj/setup.py", 0), List.of(), null, null);
        FindingsReport r = new FindingsReport("wheelwright", "0.1.0", List.of(whole), RuleCatalog.load(List.of()).rules());
        StringWriter json = new StringWriter();
        new JsonRenderer().render(r, json);
        JsonNode loc = new ObjectMapper().readTree(json.toString()).path("findings").path(0).path("location");
        assertThat(loc.path("file").asText()).isEqualTo("proj/setup.py");
        assertThat(loc.has("line")).isTrue();
        assertThat(loc.get("line").isNull()).isTrue();
        StringWriter sarif = new StringWriter();
        new SarifRenderer().render(r, sarif);
        JsonNode phys = new ObjectMapper().readTree(sarif.toString()).path("runs").path(0).path("results").path(0)
                .path("locations").path(0).path("physicalLocation");
        assertThat(phys.path("artifactLocation").path("uri").asText()).isEqualTo("proj/setup.py");
        assertThat(phys.path("region").path("startLine").asInt(1)).isPositive();
    }

    static final BuildTargets BUILDS = new BuildTargets(List.of(
            new BuildTargets.Target("x86_64", "succeeded", 0, 12.34, "wheelhouse/logs/x86_64.log",
                    List.of("wheelhouse/x-1.0-cp39-cp39-macosx_10_9_x86_64.whl"), null, null),
            new BuildTargets.Target("arm64", "failed", 1, 3.0, "wheelhouse/logs/arm64.log", List.of(), "build exited with code 1",
                    new BuildTargets.Cause("WW-B018", "library-headers-missing", "The C header ffi.h is missing <sure>",
                            "wheelhouse/logs/arm64.log:19")),
            new BuildTargets.Target("i686", "not-built", null, null, null, List.of(), "this host cannot run i686 code", null)));

    static String renderBuild(FindingsRenderer r) throws Exception {
        StringWriter w = new StringWriter();
        r.render(report().withBuilds(BUILDS), w);
        return w.toString();
    }

    @Test
    void aBuildReportCarriesItsTargetsInEveryStructuredFormat() throws Exception {
        JsonNode j = new ObjectMapper().readTree(renderBuild(new JsonRenderer()));
        JsonNode b = j.path("builds");
        assertThat(b).hasSize(3);
        assertThat(b.path(0).path("status").asText()).isEqualTo("succeeded");
        assertThat(b.path(0).path("seconds").asDouble()).isEqualTo(12.3);
        assertThat(b.path(0).path("wheels").path(0).asText()).endsWith("macosx_10_9_x86_64.whl");
        assertThat(b.path(1).path("exitCode").asInt()).isEqualTo(1);
        assertThat(b.path(1).path("cause").path("name").asText()).isEqualTo("library-headers-missing");
        assertThat(b.path(1).path("cause").path("location").asText()).isEqualTo("wheelhouse/logs/arm64.log:19");
        assertThat(b.path(2).path("status").asText()).isEqualTo("not-built");
        assertThat(b.path(2).path("exitCode").isNull()).isTrue();
        assertThat(b.path(2).path("log").isNull()).isTrue();
        assertThat(j.path("findings")).hasSize(FINDINGS.size());
        assertThat(new ObjectMapper().readTree(render(new JsonRenderer())).has("builds")).as("no builds outside a build").isFalse();

        JsonNode sarif = new ObjectMapper().readTree(renderBuild(new SarifRenderer()));
        assertThat(sarif.path("runs").path(0).path("properties").path("builds").path(1).path("status").asText()).isEqualTo("failed");
        Path schemaFile = sarifSchema();
        if (schemaFile != null) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(new ByteArrayInputStream(Files.readAllBytes(schemaFile)));
            assertThat(schema.validate(sarif)).isEmpty();
        }

        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(renderBuild(new JunitRenderer()).getBytes(StandardCharsets.UTF_8)));
        var suite = (org.w3c.dom.Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).as("3 findings + 1 failed build").isEqualTo("4");
        assertThat(suite.getAttribute("skipped")).as("1 suppressed + 1 not built").isEqualTo("2");
        var cases = d.getElementsByTagName("testcase");
        List<String> buildCases = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            var e = (org.w3c.dom.Element) cases.item(i);
            if (e.getAttribute("classname").equals("build")) {
                buildCases.add(e.getAttribute("name") + ":" + e.getElementsByTagName("failure").getLength()
                        + e.getElementsByTagName("skipped").getLength());
            }
        }
        assertThat(buildCases).containsExactly("x86_64:00", "arm64:10", "i686:01");

        BuildTargets noCause = new BuildTargets(List.of(new BuildTargets.Target("arm64", "timed-out", null, 1800.0,
                "wheelhouse/logs/arm64.log", List.of(), "build timed out after 30m", null)));
        StringWriter gh = new StringWriter();
        new GithubRenderer().render(new FindingsReport("wheelwright", "0.1.0", List.of(), List.of(), noCause), gh);
        assertThat(gh.toString()).isEqualTo("::error file=wheelhouse/logs/arm64.log,title=build arm64 timed-out::build timed out after 30m"
                + "%0ANo rule recognises the cause: the first error in the log is the place to start.\n");
        assertThat(GithubRenderer.summary(report().withBuilds(BUILDS))).contains("| arm64 | failed | build exited with code 1 — `WW-B018`");
        assertThat(renderBuild(new GithubRenderer())).as("a cause found by a rule is annotated by its finding")
                .doesNotContain("title=build arm64");

        // with no finding, the text and the summary still say that a target did not build
        StringWriter quiet = new StringWriter();
        new TextRenderer(false).render(new FindingsReport("wheelwright", "0.1.0", List.of(), List.of(), noCause), quiet);
        assertThat(quiet.toString()).contains("No rule found a problem, but 1 of 1 target was not built (arm64: timed-out).")
                .doesNotContain("No problems found");
        assertThat(GithubRenderer.summary(new FindingsReport("wheelwright", "0.1.0", List.of(), List.of(), noCause)))
                .contains("No rule found a problem, but 1 of 1 target was not built (arm64: timed-out).");

        String html = renderBuild(new HtmlRenderer());
        assertThat(html).contains("<h2>Builds</h2>").contains("build exited with code 1").contains("&lt;")
                .contains("x-1.0-cp39-cp39-macosx_10_9_x86_64.whl").doesNotContain("<sure>");
    }

    /** A report that knows its run: started in {@code /home/ci/repo/sub}, whose git root is {@code /home/ci/repo}. */
    static FindingsReport reportWithRun(int exitCode) {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-02T03:04:05Z");
        RunInfo run = new RunInfo("doctor", "sub/proj logs/build arm64.log", t0, t0.plusMillis(1234), exitCode,
                java.util.Map.of("project files", 2L), List.of(new RunInfo.Policy("manylinux", "2_28", "--manylinux")),
                Path.of("/home/ci/repo").toAbsolutePath().toString(), Path.of("/home/ci/repo/sub").toAbsolutePath().toString());
        return report().withRun(run);
    }

    @Test
    void sarifForCodeScanningHasFingerprintsCategoryInvocationAndRepositoryRelativeUris() throws Exception {
        StringWriter w = new StringWriter();
        new SarifRenderer().render(reportWithRun(1), w);
        JsonNode doc = new ObjectMapper().readTree(w.toString());
        assertThat(CodeScanningRequirements.problems(doc)).isEmpty();
        Path schemaFile = sarifSchema();
        if (schemaFile != null) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(new ByteArrayInputStream(Files.readAllBytes(schemaFile)));
            assertThat(schema.validate(doc)).isEmpty();
        }
        JsonNode run = doc.path("runs").path(0);
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("wheelwright/doctor/sub/proj/");
        JsonNode inv = run.path("invocations").path(0);
        assertThat(inv.path("exitCode").asInt()).isEqualTo(1);
        assertThat(inv.path("executionSuccessful").asBoolean()).isTrue();
        assertThat(inv.path("startTimeUtc").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(inv.path("endTimeUtc").asText()).isEqualTo("2026-01-02T03:04:06.234Z");
        assertThat(inv.path("properties").path("policies").path(0).path("source").asText()).isEqualTo("--manylinux");
        assertThat(run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText())
                .isEqualTo(Path.of("/home/ci/repo").toAbsolutePath().toUri().toString() + "/");
        // paths from the working folder become paths from the repository root
        JsonNode log = run.path("results").path(0).path("locations").path(0).path("physicalLocation").path("artifactLocation");
        assertThat(log.path("uri").asText()).isEqualTo("sub/logs/build%20arm64.log");
        assertThat(log.path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        JsonNode logArtifact = run.path("artifacts").path(log.path("index").asInt());
        assertThat(logArtifact.path("description").path("text").asText()).contains("log");
        JsonNode wheel = run.path("results").path(1).path("locations").path(0).path("physicalLocation").path("artifactLocation");
        assertThat(wheel.path("uri").asText()).isEqualTo("sub/dist/x-1.0-py3-none-any.whl");
        assertThat(run.path("artifacts").path(wheel.path("index").asInt()).path("description").path("text").asText()).contains("wheel");
        assertThat(run.path("artifacts").path(wheel.path("index").asInt()).path("roles").path(0).asText()).isEqualTo("analysisTarget");
        // a project file is a file of the repository, not an artifact of the run
        JsonNode project = run.path("results").path(3).path("locations").path(0).path("physicalLocation");
        assertThat(project.path("artifactLocation").path("uri").asText()).isEqualTo("sub/pyproject.toml");
        assertThat(project.path("artifactLocation").has("index")).isFalse();
        assertThat(project.path("region").path("startLine").asInt()).isEqualTo(1);
        // rules: the rule's own page in this project, tags with the family
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            assertThat(rule.path("helpUri").asText()).as(rule.path("id").asText())
                    .startsWith(SarifRenderer.INFO_URI + "/blob/main/rules/").endsWith("/README.md");
        }
        JsonNode b017 = run.path("tool").path("driver").path("rules").get(run.path("results").path(0).path("ruleIndex").asInt());
        assertThat(b017.path("helpUri").asText()).endsWith("/rules/build/WW-B017-python-headers-missing/README.md");
        assertThat(b017.path("properties").path("tags").toString()).contains("\"WW-B\"").contains("\"build\"");
        assertThat(b017.path("properties").path("references").isArray()).isTrue();
        // fingerprints: stable, distinct, and blind to the line and to temporary folders
        List<String> prints = new java.util.ArrayList<>();
        run.path("results").forEach(r -> prints.add(r.path("partialFingerprints").path("wheelwright/v1").asText()));
        assertThat(prints).doesNotHaveDuplicates().allMatch(p -> p.matches("[0-9a-f]{64}"));
        StringWriter again = new StringWriter();
        new SarifRenderer().render(reportWithRun(1), again);
        assertThat(new ObjectMapper().readTree(again.toString()).path("runs").path(0).path("results").findValues("partialFingerprints"))
                .isEqualTo(run.path("results").findValues("partialFingerprints"));
        SarifLocations where = new SarifLocations(reportWithRun(1).run());
        Finding f = FINDINGS.get(0);
        Finding moved = f.at(new Location.FileLine("logs/build arm64.log", 400));
        assertThat(where.fingerprint(moved)).isEqualTo(where.fingerprint(f));
        Finding otherEvidence = new Finding(f.rule(), f.name(), f.severity(), f.title(), f.message(), f.location(),
                List.of("fatal error: Python.h: something else"), f.fix(), null, f.packageName());
        assertThat(where.fingerprint(otherEvidence)).isNotEqualTo(where.fingerprint(f));
        assertThat(SarifLocations.normalisedEvidence("cc -I/tmp/pip-build-env-k2j3h4/include x.c:12:5: error at 2024-05-01T10:00:00Z"))
                .isEqualTo(SarifLocations.normalisedEvidence("cc -I/tmp/pip-build-env-zz99/include x.c:40:1: error at 2025-01-01T00:00:00Z"));
        // a wheel in another folder is the same wheel
        Finding wheelElsewhere = FINDINGS.get(2).at(new Location.WheelMember("/elsewhere/x.whl", "x/_ext.so", "arm64"));
        assertThat(where.fingerprint(wheelElsewhere)).isEqualTo(where.fingerprint(FINDINGS.get(2)));
    }

    @Test
    void htmlGroupsFindingsBySubjectAndNeedsNothingFromTheNetwork() throws Exception {
        StringWriter w = new StringWriter();
        new HtmlRenderer().render(reportWithRun(1), w);
        String html = w.toString();
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=").doesNotContain("<link");
        assertThat(html).contains("<title>doctor sub/proj logs/build arm64.log — wheelwright</title>");
        assertThat(html).contains("data-kind=\"log\"").contains("data-kind=\"wheel\"").contains("data-kind=\"binary\"")
                .contains("data-kind=\"project file\"");
        assertThat(html).contains("<form id=\"filters\" hidden>").contains("<option value=\"WW-B017\">WW-B017 python-headers-missing</option>");
        assertThat(html).contains("data-filter=\"suppressed\"").contains("data-filter=\"error\" data-rule=\"WW-B017\"");
        assertThat(html).contains("<pre><code>fatal error: Python.h: No such file </code></pre>");
        assertThat(html).contains("href=\"#rule-WW-B017\"").contains("id=\"rule-WW-B017\"").contains("## Why it matters");
        assertThat(html).contains("<th>project files</th>").contains("<td>1.2 s</td>").contains("<td>manylinux</td>");
        assertThat(html).contains("1 error</span>").contains("1 suppressed</span>");
        // each finding appears once, in one group
        assertThat(html.split("<article class=\"finding", -1)).hasSize(FINDINGS.size() + 1);
    }
}
