package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.cli.InstalledWheel.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .pre-commit-hooks.yaml through {@code pre-commit try-repo} on fixture projects, with the
 * installed wheel's {@code wheelwright} on PATH (the hooks are {@code language: system}).
 * Skipped, saying so, when pre-commit or git is not installed (Debian: apt-get install pre-commit).
 */
class PreCommitIT {
    static final Path REPO = Path.of("").toAbsolutePath();

    Map<String, String> env;

    @BeforeEach
    void tools(@TempDir Path home) throws Exception {
        Assumptions.assumeTrue(InstalledWheel.onPath("git"), "git is not installed");
        Assumptions.assumeTrue(InstalledWheel.onPath("pre-commit"), "pre-commit is not installed (Debian: apt-get install pre-commit)");
        Assumptions.assumeTrue(Files.exists(REPO.resolve(".git")), "pre-commit try-repo needs a git checkout, and " + REPO + " is not one");
        env = new HashMap<>(InstalledWheel.env(false));
        env.put("PATH", InstalledWheel.venv().resolve("bin") + ":" + env.get("PATH"));
        env.put("PRE_COMMIT_HOME", home.resolve("pre-commit").toString());
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "t");
        env.put("GIT_AUTHOR_EMAIL", "t@example.org");
        env.put("GIT_COMMITTER_NAME", "t");
        env.put("GIT_COMMITTER_EMAIL", "t@example.org");
    }

    Path project(Path tmp, String fixture) throws Exception {
        Path dir = tmp.resolve("project");
        ActionIT.copy(Path.of("testdata/projects", fixture), dir);
        Run init = InstalledWheel.run(dir, env, "git", "init", "-q");
        assertThat(init.code()).as(init.both()).isZero();
        Run add = InstalledWheel.run(dir, env, "git", "add", "-A");
        assertThat(add.code()).as(add.both()).isZero();
        return dir;
    }

    Run tryRepo(Path project, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "pre-commit";
        cmd[1] = "try-repo";
        cmd[2] = REPO.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return InstalledWheel.run(project, env, cmd);
    }

    @Test
    void theHooksAreDeclaredAsTheIssueAsks() throws Exception {
        JsonNode hooks = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve(".pre-commit-hooks.yaml").toFile());
        assertThat(hooks.get(0).get("id").asText()).isEqualTo("wheelwright-doctor");
        assertThat(hooks.get(1).get("id").asText()).isEqualTo("wheelwright-audit");
        assertThat(hooks.get(1).get("stages").get(0).asText()).isEqualTo("manual");
        String files = hooks.get(0).get("files").asText();
        for (String path : new String[] {"pyproject.toml", "setup.py", "setup.cfg", ".github/workflows/wheels.yml", "sub/pyproject.toml"}) {
            assertThat(java.util.regex.Pattern.compile(files).matcher(path).find()).as(path).isTrue();
        }
        assertThat(java.util.regex.Pattern.compile(files).matcher("src/fastcrc/__init__.py").find()).isFalse();
    }

    @Test
    void doctorFailsOnALegacyProjectNamingTheFinding(@TempDir Path tmp) throws Exception {
        Path project = project(tmp, "legacy-cffi");
        Run r = tryRepo(project, "wheelwright-doctor", "--all-files");
        assertThat(r.code()).as(r.both()).isEqualTo(1);
        assertThat(r.out()).containsPattern("wheelwright doctor\\.+Failed").contains("WW-P002 setup-requires-conflict");
    }

    @Test
    void doctorPassesOnACleanProjectAndSkipsWhenNoProjectFileChanged(@TempDir Path tmp) throws Exception {
        Path project = project(tmp, "modern-clean");
        Run r = tryRepo(project, "wheelwright-doctor", "--all-files");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).containsPattern("wheelwright doctor\\.+Passed");
        Run only = tryRepo(project, "wheelwright-doctor", "--files", "README.md");
        assertThat(only.code()).as(only.both()).isZero();
        assertThat(only.out()).containsPattern("wheelwright doctor\\.+\\(no files to check\\)Skipped");
    }

    @Test
    void auditRunsOnlyInTheManualStage(@TempDir Path tmp) throws Exception {
        Path project = project(tmp, "modern-clean");
        Files.createDirectories(project.resolve("dist"));
        Files.copy(InstalledWheel.wheel(), project.resolve("dist").resolve(InstalledWheel.wheel().getFileName()));
        Run manual = tryRepo(project, "wheelwright-audit", "--all-files", "--hook-stage", "manual");
        assertThat(manual.code()).as(manual.both()).isZero();
        assertThat(manual.out()).containsPattern("wheelwright audit\\.+Passed");
        Run commit = tryRepo(project, "wheelwright-audit", "--all-files");
        assertThat(commit.out()).doesNotContainPattern("wheelwright audit\\.+(Passed|Failed)");
    }
}
