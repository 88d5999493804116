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
    void unknownPackageIsNoMatchAndUnreachableIndexIsOneLine() throws Exception {
        Run r = run("--index", idx(), "--target", "win_amd64", "no-such-package");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("no-such-package → no match  not found in any index");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run dead = run("--index", "http://127.0.0.1:" + port + "/simple/", "--retries", "0", "--target", "win_amd64", "ffilib");
        assertThat(dead.code()).isEqualTo(2);
        assertThat(dead.out()).contains("ffilib → error");
        assertThat(dead.err()).startsWith("wheelwright: http://127.0.0.1:" + port + "/simple/ffilib/: cannot reach the index: ")
                .hasLineCount(1);
    }

    @Test
    void offlineUsesTheCacheAndAMissIsAnError() {
        assertThat(run("--index", idx(), "--target", "win_amd64", "purelib").code()).isZero();
        Run off = run("--index", idx(), "--offline", "--target", "win_amd64", "purelib");
        assertThat(off.code()).isZero();
        assertThat(off.out()).contains("purelib → 2.0 py3-none-any");
        Run miss = run("--index", idx(), "--offline", "--target", "win_amd64", "newpy");
        assertThat(miss.code()).isEqualTo(2);
        assertThat(miss.err()).isEqualTo("wheelwright: " + idx() + "newpy/: not in the cache and --offline is set\n");
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
    }
}
