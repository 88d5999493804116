package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.index.FixtureIndex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepsCommandTest {
    static FixtureIndex index;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        index = FixtureIndex.standard();
    }

    @AfterAll
    static void stop() {
        index.close();
    }

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("deps", "--isolated", "--no-color", "--cache-dir", tmp.resolve("cache").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private String idx() {
        return index.simpleUrl().toString();
    }

    @Test
    void textShowsTreeMatrixAndFinding() {
        Run r = run("--index", idx(), "--target", "macosx_11_0_arm64", "--target", "win_amd64", "--python", "3.9",
                "purelib", "ffilib<1.2");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero(); // WW-D001 is a warning; --fail-on error
        assertThat(r.out()).contains("cp39-macosx_11_0_arm64\n  requirements\n  ├── purelib → 2.0 py3-none-any\n"
                + "  │   └── ffilib>=1.0 → 1.1.0 sdist only (wheel from 1.2.0) (already resolved)\n"
                + "  └── ffilib<1.2 → 1.1.0 sdist only (wheel from 1.2.0)");
        assertThat(r.out()).containsPattern("dependency +cp39-macosx_11_0_arm64 +cp39-win_amd64\n"
                + "purelib +2\\.0 py3-none-any +2\\.0 py3-none-any\n"
                + "ffilib +1\\.1\\.0 sdist only \\(wheel from 1\\.2\\.0\\) +1\\.1\\.0 sdist only\n"
                + "winonly +- +1\\.0 py3-none-win_amd64\n");
        assertThat(r.out()).contains("WW-D001 dependency-no-wheel-for-target",
                "ffilib 1.1.0 has no macosx_11_0_arm64 wheel for Python 3.9; 1.2.0 is the first version that has one",
                "fix: Move ffilib to a version that has a macosx_11_0_arm64 wheel (require ffilib>=1.2.0), or build that wheel yourself",
                "ffilib 1.1.0 has no win_amd64 wheel for Python 3.9; no version has one");
        assertThat(run("--index", idx(), "--target", "macosx_11_0_arm64", "--python", "3.9", "--fail-on", "warning",
                "ffilib<1.2").code()).isEqualTo(1);
    }

    @Test
    void jsonAndHtml() throws Exception {
        Run r = run("--index", idx(), "--target", "macosx_11_0_arm64", "--python", "3.9", "--format", "json", "purelib");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("tool").path("name").asText()).isEqualTo("wheelwright");
        JsonNode tree = doc.path("targets").get(0).path("tree");
        assertThat(tree.get(0).path("children").get(0).path("tag").asText()).isEqualTo("cp39-cp39-macosx_11_0_arm64");
        assertThat(doc.path("matrix").path("rows").get(1).path("cells").path("cp39-macosx_11_0_arm64").path("status").asText())
                .isEqualTo("wheel");
        assertThat(doc.path("findings")).isEmpty();
        assertThat(doc.path("summary").path("warning").asInt()).isZero();

        Path html = tmp.resolve("deps.html");
        Run h = run("--index", idx(), "--target", "win_amd64", "--python", "3.9", "--format", "html", "-o", html.toString(), "purelib");
        assertThat(h.out()).isEmpty();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<td class=\"sdist\">1.2.0 sdist only</td>", "WW-D001");
    }

    @Test
    void projectFolderWithBuildRequirementsAndExtras() throws Exception {
        Path proj = tmp.resolve("proj");
        Files.createDirectories(proj);
        Files.writeString(proj.resolve("pyproject.toml"), """
                [build-system]
                requires = ["ffilib==1.1.0"]
                build-backend = "setuptools.build_meta"
                [project]
                name = "demo"
                version = "1"
                dependencies = ["newpy"]
                [project.optional-dependencies]
                win = ["winonly"]
                """);
        Run r = run("--index", idx(), "--target", "macosx_11_0_arm64", "--python", "3.9", "--extra", "win", proj.toString());
        assertThat(r.out()).contains("  build requirements\n  └── ffilib==1.1.0 → 1.1.0 sdist only (wheel from 1.2.0)",
                "newpy → 1.0 py3-none-any", "winonly → 1.0 no match",
                "WW-D002 build-dependency-no-wheel-for-target",
                "build dependency ffilib 1.1.0 has no macosx_11_0_arm64 wheel for Python 3.9; 1.2.0 is the first version that has one",
                "winonly 1.0 has no macosx_11_0_arm64 wheel for Python 3.9; no version has one",
                "fix: Raise ffilib in the build requirements to a version that has a macosx_11_0_arm64 wheel (require ffilib>=1.2.0)",
                "fix: Move winonly to a version that has a macosx_11_0_arm64 wheel (none is published yet)");
        assertThat(run("--index", idx(), "--extra", "nope", proj.toString()).err())
                .isEqualTo("wheelwright: " + proj + ": no extra named 'nope' in the project\n");
    }

    @Test
    void unknownPackageIsAnErrorFindingNamingTheUrlLookedAt() throws Exception {
        Run r = run("--index", idx(), "--target", "win_amd64", "no-such-package");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("no-such-package → no match  not found in any index (looked at " + idx() + "no-such-package/)",
                "WW-D004 dependency-not-found",
                "dependency no-such-package cannot be installed on cp312-win_amd64: not found in any index (looked at "
                        + idx() + "no-such-package/)");
        assertThat(run("--index", idx(), "--target", "win_amd64", "--fail-on", "never", "no-such-package").code()).isZero();
    }

    @Test
    void unreachableIndexIsAFindingAndOneStderrLinePerUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + port + "/simple/";
        Run r = run("--index", dead, "--retries", "0", "--target", "win_amd64", "ffilib", "purelib");
        assertThat(r.code()).isEqualTo(1); // WW-D003 is an error; --fail-on error
        assertThat(r.out()).contains("ffilib → error", "purelib → error",
                "could not read " + dead + "ffilib/: cannot reach the index",
                "WW-D003 package-index-unreachable",
                dead + ": cannot reach the index: ");
        assertThat(r.out()).containsPattern("; not resolved: ffilib, purelib\n");
        assertThat(r.err().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("wheelwright: " + dead))
                .anyMatch(l -> l.startsWith("wheelwright: " + dead + "purelib/: cannot reach the index: "));
        assertThat(run("--index", dead, "--retries", "0", "--target", "win_amd64", "--fail-on", "never", "ffilib").code()).isZero();

        Run json = run("--index", dead, "--retries", "0", "--target", "win_amd64", "--format", "json", "ffilib");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("problems").get(0).path("url").asText()).isEqualTo(dead + "ffilib/");
        assertThat(doc.path("problems").get(0).path("kind").asText()).isEqualTo("page");
        assertThat(doc.path("problems").get(0).path("packages").get(0).asText()).isEqualTo("ffilib");
        assertThat(doc.path("findings").get(0).path("rule").asText()).isEqualTo("WW-D003");
        assertThat(doc.path("findings").get(0).path("severity").asText()).isEqualTo("error");
        assertThat(doc.path("summary").path("error").asInt()).isEqualTo(1);

        Path html = tmp.resolve("dead.html");
        run("--index", dead, "--retries", "0", "--target", "win_amd64", "--format", "html", "-o", html.toString(), "ffilib");
        assertThat(Files.readString(html)).contains("<h2>Could not read</h2>", "<code>" + dead + "ffilib/</code>: cannot reach the index",
                "WW-D003 package-index-unreachable");

        Run sarif = run("--index", dead, "--retries", "0", "--target", "win_amd64", "--format", "sarif", "ffilib");
        JsonNode result = new ObjectMapper().readTree(sarif.out()).path("runs").get(0).path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("WW-D003");
        assertThat(result.path("message").path("text").asText()).startsWith(dead + "ffilib/: cannot reach the index");
    }

    @Test
    void anExtraIndexThatFailsIsReportedWhileTheMainIndexStillAnswers() throws Exception {
        try (FixtureIndex broken = new FixtureIndex()) {
            broken.wheel("ffilib", "9.0", "py3-none-any", List.of(), null, null, true);
            broken.malformedPage("ffilib");
            Run r = run("--index", idx(), "--extra-index-url", broken.simpleUrl().toString(), "--target", "macosx_11_0_arm64",
                    "--python", "3.9", "ffilib");
            assertThat(r.out()).contains("ffilib → 1.2.0 cp39-cp39-macosx_11_0_arm64", "WW-D003",
                    broken.simpleUrl() + "ffilib/: malformed JSON project page",
                    "looked up in the other sources instead: ffilib");
            assertThat(r.err()).startsWith("wheelwright: " + broken.simpleUrl() + "ffilib/: malformed JSON project page").hasLineCount(1);
            assertThat(r.code()).isEqualTo(1);
        }
    }

    @Test
    void offlineUsesTheCacheAndAMissIsAFinding() {
        assertThat(run("--index", idx(), "--target", "win_amd64", "purelib").code()).isZero();
        Run off = run("--index", idx(), "--offline", "--target", "win_amd64", "purelib");
        assertThat(off.code()).isZero();
        assertThat(off.out()).contains("purelib → 2.0 py3-none-any");
        Run miss = run("--index", idx(), "--offline", "--target", "win_amd64", "newpy");
        assertThat(miss.code()).isEqualTo(1);
        assertThat(miss.err()).isEqualTo("wheelwright: " + idx() + "newpy/: not in the cache and --offline is set\n");
        assertThat(miss.out()).contains("WW-D003", idx() + "newpy/: not in the cache and --offline is set; not resolved: newpy");
    }

    /** A project whose CI builds cp39 wheels on an Apple silicon runner and on Linux x86_64, with setup_requires in setup.py. */
    private Path ciProject() throws Exception {
        Path proj = tmp.resolve("ciproj");
        Path wf = Files.createDirectories(proj.resolve(".github/workflows"));
        Files.writeString(wf.resolve("wheels.yml"), """
                on: push
                jobs:
                  wheels:
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [macos-14, ubuntu-22.04]
                    steps:
                      - uses: actions/checkout@v4
                      - uses: pypa/cibuildwheel@v2.21.3
                        env:
                          CIBW_BUILD: "cp39-*"
                          CIBW_SKIP: "*-musllinux_*"
                """);
        Files.writeString(proj.resolve("setup.py"), """
                from setuptools import setup
                setup(name="demo", version="1.0",
                      setup_requires=["ffilib==1.1.0"],
                      install_requires=["purelib"])
                """);
        return proj;
    }

    @Test
    void defaultTargetsComeFromTheProjectsCiAndSetupRequiresIsABuildRequirement() throws Exception {
        Path proj = ciProject();
        Run r = run("--index", idx(), proj.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Dependencies of " + proj.resolve("setup.py"),
                "targets from .github/workflows/wheels.yml; Python from CIBW_BUILD in .github/workflows/wheels.yml",
                "cp39-macosx_11_0_arm64\n  build requirements\n  ├── ffilib==1.1.0 → 1.1.0 sdist only (wheel from 1.2.0)",
                "cp39-manylinux_2_17_x86_64\n  build requirements\n  ├── ffilib==1.1.0 → 1.1.0 cp39-cp39-manylinux_2_17_x86_64",
                // no [build-system]: pip's default build requirement
                "  └── setuptools>=40.8.0 → 70.0.0 py3-none-any",
                "build dependency ffilib 1.1.0 has no macosx_11_0_arm64 wheel for Python 3.9; 1.2.0 is the first version that has one");
        // cibuildwheel 2.x builds i686 beside x86_64 on an x86_64 Linux runner (auto archs before 3.0)
        assertThat(r.out()).containsPattern("dependency +cp39-macosx_11_0_arm64 +cp39-manylinux_2_17_x86_64 +cp39-manylinux_2_17_i686\n");
        assertThat(r.out()).doesNotContain("win_amd64", "cp312");
        // the findings are kept for explain N, numbered as the report shows them
        assertThat(MainTest.run("explain", "1").out()).startsWith("WW-D00");
        assertThat(java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(n -> MainTest.run("explain", String.valueOf(n)).out()))
                .anySatisfy(e -> assertThat(e).startsWith("WW-D00").contains("ffilib 1.1.0 has no macosx_11_0_arm64 wheel"));

        Run json = run("--index", idx(), "--format", "json", proj.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("targetsFrom").asText()).startsWith("targets from .github/workflows/wheels.yml");
        assertThat(doc.path("targets")).extracting(t -> t.path("label").asText())
                .containsExactly("cp39-macosx_11_0_arm64", "cp39-manylinux_2_17_x86_64", "cp39-manylinux_2_17_i686");

        Path html = tmp.resolve("ci.html");
        run("--index", idx(), "--format", "html", "-o", html.toString(), proj.toString());
        assertThat(Files.readString(html)).contains("Targets from .github/workflows/wheels.yml");

        // --target wins over CI; --python replaces CI's Python versions.
        Run explicit = run("--index", idx(), "--target", "win_amd64", proj.toString());
        assertThat(explicit.out()).contains("targets from --target\n", "cp312-win_amd64").doesNotContain("cp39-macosx_11_0_arm64");
        Run py = run("--index", idx(), "--python", "3.12", proj.toString());
        assertThat(py.out()).contains("Python from --python", "cp312-macosx_11_0_arm64", "cp312-manylinux_2_17_x86_64");
    }

    @Test
    void helpSaysWhereTargetsComeFromAndWhatTheExitCodesMean() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("the wheels its CI builds with cibuildwheel",
                "universal2 resolves both thin archs", "The report says where its targets came from",
                "WW-D003 (an index, find-links location or metadata file could not be read",
                "--fail-on never gives 0");
    }

    @Test
    void aComputedSetupRequiresIsAWarningOnStderr() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("computed"));
        Files.writeString(proj.resolve("setup.py"), """
                from setuptools import setup
                setup(name="x", setup_requires=open("reqs.txt").read().split(), install_requires=["purelib"])
                """);
        Run r = run("--index", idx(), "--target", "win_amd64", proj.toString());
        assertThat(r.err()).isEqualTo("wheelwright: warning: " + proj.resolve("setup.py")
                + ":2: setup_requires is computed when setup.py runs; not read\n");
        assertThat(r.out()).contains("purelib → 2.0 py3-none-any");
    }

    @Test
    void declaredTargetsComeBeforeCiTargets() throws Exception {
        Path proj = ciProject();
        Files.writeString(proj.resolve("pyproject.toml"), "[tool.wheelwright]\ntargets = [\"win_amd64\"]\n");
        Run r = run("--index", idx(), proj.toString());
        assertThat(r.out()).contains("targets from [tool.wheelwright] targets in " + proj.resolve("pyproject.toml"), "cp312-win_amd64")
                .doesNotContain("cp39-macosx_11_0_arm64");
        Files.writeString(proj.resolve("pyproject.toml"), "[tool.wheelwright]\ntargets = [\"win_sparc\"]\n");
        Run bad = run("--index", idx(), proj.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("wheelwright: ").contains("win_sparc");
    }

    @Test
    void withoutCiTargetsTheBuiltInDefaultsAreUsedAndSaidSo() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(proj.resolve("pyproject.toml"), "[project]\nname = \"x\"\ndependencies = [\"purelib\"]\n");
        Run r = run("--index", idx(), proj.toString());
        assertThat(r.out()).contains("built-in default targets (no cibuildwheel build found in the project's CI configuration)",
                "cp312-manylinux_2_17_x86_64", "cp312-win_amd64");
    }

    @Test
    void badProjectFilesAreOneLineAndExitTwo() throws Exception {
        Path proj = ciProject();
        Files.writeString(proj.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"\n");
        Run r = run("--index", idx(), proj.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wheelwright: " + proj.resolve("pyproject.toml") + ":").contains("malformed TOML").hasLineCount(1);
        assertThat(r.out()).isEmpty();

        Files.delete(proj.resolve("pyproject.toml"));
        Files.writeString(proj.resolve(".github/workflows/broken.yml"), "jobs: [unclosed\n");
        Run ci = run("--index", idx(), proj.toString());
        assertThat(ci.code()).isEqualTo(2);
        assertThat(ci.err()).startsWith("wheelwright: " + proj.resolve(".github/workflows/broken.yml"))
                .contains("malformed CI configuration").hasLineCount(1);
        // The CI files do not matter when the targets are given.
        assertThat(run("--index", idx(), "--target", "win_amd64", proj.toString()).code()).isZero();
    }

    @Test
    void userRulesReadTheDependencyReportAsDeps() throws Exception {
        Path rule = Files.createDirectories(tmp.resolve("my-rules/WW-D900-sdist-only-build-requirement"));
        Files.writeString(rule.resolve("rule.yaml"), """
                id: WW-D900
                name: sdist-only-build-requirement
                severity: error
                title: A build requirement would be built from source
                reads: deps
                when: "any(deps.trees, t -> any(t.nodes, n -> n.kind == 'build' && n.status == 'sdist only')) && deps.problems.isEmpty() && deps.targetsFrom startsWith 'targets from'"
                message: "a build requirement of {deps.subject} has only an sdist"
                """);
        Path proj = ciProject();
        Run r = run("--index", idx(), "--format", "json", "--rules", tmp.resolve("my-rules").toString(), proj.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("findings")).extracting(f -> f.path("rule").asText()).contains("WW-D900");
        assertThat(r.code()).isEqualTo(1);
        // On x86_64 Linux ffilib 1.1.0 has a wheel: the condition is false there.
        Run linux = run("--index", idx(), "--target", "manylinux_2_17_x86_64", "--python", "3.9", "--format", "json",
                "--rules", tmp.resolve("my-rules").toString(), proj.toString());
        assertThat(linux.out()).doesNotContain("WW-D900");
    }

    @Test
    void pathsAreTakenAsProjectsOrRefusedOnOneLine() throws Exception {
        Path proj = ciProject();
        Run viaFile = run("--index", idx(), "--target", "win_amd64", proj.resolve("setup.py").toString());
        assertThat(viaFile.out()).contains("Dependencies of " + proj.resolve("setup.py"), "purelib → 2.0 py3-none-any");
        Path missing = tmp.resolve("nope");
        assertThat(run("--index", idx(), missing.toString()).err()).isEqualTo("wheelwright: " + missing + ": no such directory\n");
        Path reqs = Files.writeString(tmp.resolve("reqs.txt"), "purelib\n");
        Run file = run("--index", idx(), reqs.toString());
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).isEqualTo("wheelwright: " + reqs + ": a file, not a project folder (read a requirements file with -r "
                + reqs + ")\n");
        assertThat(run("--index", idx(), proj.toString(), "purelib").err())
                .isEqualTo("wheelwright: " + proj + ": a project folder is given alone, without requirement strings or -r\n");
    }

    @Test
    void requirementsFilesAreReadAsPipReadsThem() throws Exception {
        Files.createDirectories(tmp.resolve("reqs/sub"));
        Files.writeString(tmp.resolve("reqs/sub/more.txt"), "purelib  # nested\n-c constraints.txt\n");
        Path main = Files.writeString(tmp.resolve("reqs/requirements.txt"), "--index-url " + idx() + "\n-r sub/more.txt\n"
                + "ffilib==1.2.0 \\\n    --hash=sha256:" + "0".repeat(64) + "\n");
        // The file's --index-url acts after the command line's, as in pip.
        Run r = run("--index", "http://127.0.0.1:1/simple/", "--target", "macosx_11_0_arm64", "--python", "3.9", "-r", main.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("sources: " + idx() + "\n", "├── purelib → 2.0 py3-none-any",
                "└── ffilib==1.2.0 → 1.2.0 cp39-cp39-macosx_11_0_arm64");
        assertThat(r.err()).isEqualTo("wheelwright: warning: " + tmp.resolve("reqs/sub/more.txt")
                + ":2: constraints file constraints.txt is not applied (deps resolves requirements only)\n");

        Path bad = Files.writeString(tmp.resolve("bad.txt"), "purelib\nffilib >=> 1 --hash=sha256:00\n");
        Run b = run("--index", idx(), "-r", bad.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).startsWith("wheelwright: " + bad + ":2: invalid requirement 'ffilib >=> 1'").hasLineCount(1);
    }

    @Test
    void aCacheFolderThatCannotBeWrittenIsOneWarningAndTheReportStillComesOut() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"deps", "--isolated", "--no-color", "--cache-dir", blocker.resolve("http").toString(),
                "--index", idx(), "--target", "win_amd64", "--python", "3.9", "winonly"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("winonly → 1.0 py3-none-win_amd64");
        assertThat(err.toString()).startsWith("wheelwright: warning: " + blocker.resolve("http") + ": cannot write the HTTP cache (")
                .endsWith("); responses are not cached\n").hasLineCount(1);
    }

    @Test
    void findLinksFolderWithoutIndex() throws Exception {
        Path links = tmp.resolve("links");
        index.writeFiles(links);
        Run r = run("--no-index", "--find-links", links.toString(), "--target", "macosx_11_0_arm64", "--python", "3.9", "purelib");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("sources: " + links, "ffilib>=1.0 → 1.2.0 cp39-cp39-macosx_11_0_arm64");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Run badReq = run("--index", idx(), "--target", "macosx_11_0_arm64", "ffilib >=> 1");
        assertThat(badReq.code()).isEqualTo(2);
        assertThat(badReq.err()).startsWith("wheelwright: Invalid requirement").contains("ffilib >=> 1").hasLineCount(1);
        Run bad = run("--index", idx(), "--target", "beos_x86", "ffilib");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("wheelwright: ").contains("beos_x86").hasLineCount(1);
        assertThat(run("--index", "ftp://x/simple", "ffilib").err())
                .isEqualTo("wheelwright: ftp://x/simple: index URL must be http, https or file\n");
        Run timeout = run("--index", idx(), "--timeout", "0", "ffilib");
        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.err()).isEqualTo("wheelwright: --timeout 0: must be a positive number of seconds\n");
        assertThat(run("--index", idx(), "--retries", "-1", "ffilib").err()).isEqualTo("wheelwright: --retries -1: must be 0 or more\n");
    }
}
