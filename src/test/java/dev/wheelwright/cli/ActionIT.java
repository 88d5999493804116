package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wheelwright.cli.InstalledWheel.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * action.yml run the way a GitHub runner runs a composite action, without GitHub: its shell
 * steps in order, with bash as the runner starts it ({@code bash --noprofile --norc -eo pipefail
 * FILE}), in a workspace folder, with the GITHUB_* and RUNNER_* variables and files a runner sets,
 * the {@code ${{ }}} expressions of each step's env resolved from the inputs and the outputs of
 * earlier steps, and GITHUB_PATH applied between steps. {@code uses:} steps (setup-java,
 * upload-sarif) are not run: this JVM's Java stands for setup-java's. Needs the packaged wheel.
 */
class ActionIT {
    static final Path ACTION = Path.of("action.yml").toAbsolutePath();
    static final Pattern EXPR = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

    static JsonNode action;
    static Path runnerTemp;
    static Map<String, Map<String, String>> installOutputs = new HashMap<>();

    record StepRun(Run run, Map<String, String> outputs, String summary, Path workspace) {}

    @BeforeAll
    static void install(@TempDir Path tmp) throws Exception {
        InstalledWheel.python(); // skipped, naming python3, when it cannot make a venv
        action = new ObjectMapper(new YAMLFactory()).readTree(ACTION.toFile());
        runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
        StepRun installed = runSteps(Map.of(), tmp.resolve("install"), "install", "install");
        assertThat(installed.run().code()).as(installed.run().both()).isZero();
        assertThat(installed.run().out()).contains("wheelwright " + Version.VERSION);
        assertThat(installed.outputs()).containsKey("wheelwright");
    }

    @Test
    void theActionDeclaresItsInputsAndSetsUpJava() {
        assertThat(action.get("runs").get("using").asText()).isEqualTo("composite");
        for (String input : List.of("command", "args", "java-version", "sarif", "fail-on")) {
            assertThat(action.get("inputs").has(input)).as(input).isTrue();
        }
        List<String> uses = new ArrayList<>();
        action.get("runs").get("steps").forEach(s -> {
            if (s.has("uses")) {
                uses.add(s.get("uses").asText());
            }
        });
        assertThat(uses).anyMatch(u -> u.startsWith("actions/setup-java@"))
                .anyMatch(u -> u.startsWith("github/codeql-action/upload-sarif@"));
        assertThat(action.get("runs").get("steps").get(0).get("with").get("java-version").asText()).isEqualTo("${{ inputs.java-version }}");
    }

    @Test
    void doctorAnnotatesTheProjectWritesTheSummaryAndFailsOnAnError(@TempDir Path tmp) throws Exception {
        StepRun r = runSteps(Map.of("command", "doctor", "args", "."), tmp, "run", "run");
        assertThat(r.run().code()).as(r.run().both()).isEqualTo(1);
        List<String> annotations = r.run().out().lines().filter(l -> l.startsWith("::")).toList();
        assertThat(annotations).isNotEmpty().anyMatch(l -> l.startsWith("::error ") && l.contains("file=setup.py"));
        assertThat(r.summary()).isNotBlank().contains("error");
        assertThat(r.outputs()).containsEntry("exit-code", "1").doesNotContainKey("sarif");
    }

    @Test
    void failOnNeverKeepsTheAnnotationsAndPasses(@TempDir Path tmp) throws Exception {
        StepRun r = runSteps(Map.of("command", "doctor", "args", ".", "fail-on", "never"), tmp, "run", "run");
        assertThat(r.run().code()).as(r.run().both()).isZero();
        assertThat(r.run().out()).contains("::error ");
        assertThat(r.outputs()).containsEntry("exit-code", "0");
    }

    @Test
    void sarifIsWrittenWhenAsked(@TempDir Path tmp) throws Exception {
        StepRun r = runSteps(Map.of("command", "doctor", "args", "'.'", "sarif", "reports/ww.sarif"), tmp, "run", "run");
        assertThat(r.run().code()).as(r.run().both()).isEqualTo(1);
        assertThat(r.outputs()).containsEntry("sarif", "reports/ww.sarif").containsEntry("exit-code", "1");
        JsonNode sarif = new ObjectMapper().readTree(r.workspace().resolve("reports/ww.sarif").toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs").get(0).get("results").size()).isPositive();
    }

    @Test
    void aCommandWithoutFindingsIsRefusedInOneAnnotation(@TempDir Path tmp) throws Exception {
        StepRun r = runSteps(Map.of("command", "tags", "args", "--python 3.12 --platform win_amd64"), tmp, "run", "run");
        assertThat(r.run().code()).isEqualTo(2);
        assertThat(r.run().out().strip()).startsWith("::error ").contains("'tags' is not one of doctor, audit, deps, build");
        assertThat(r.outputs()).containsEntry("exit-code", "2");
    }

    @Test
    void badArgumentsAreExitTwo(@TempDir Path tmp) throws Exception {
        StepRun r = runSteps(Map.of("command", "audit", "args", "no-such-dir/"), tmp, "run", "run");
        assertThat(r.run().code()).as(r.run().both()).isEqualTo(2);
        assertThat(r.run().err()).contains("no-such-dir");
        assertThat(r.outputs()).containsEntry("exit-code", "2");
    }

    /**
     * Runs the shell steps from step id {@code from} to {@code to} in a fresh workspace holding a
     * copy of testdata/projects/legacy-cffi; returns the last step's run and outputs.
     */
    static StepRun runSteps(Map<String, String> given, Path tmp, String from, String to) throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        action.get("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(),
                e.getValue().has("default") ? e.getValue().get("default").asText() : ""));
        inputs.putAll(given);
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        copy(Path.of("testdata/projects/legacy-cffi"), workspace);
        Path files = Files.createDirectories(tmp.resolve("runner-files"));
        Path summary = Files.createFile(files.resolve("step_summary"));
        Path pathFile = Files.createFile(files.resolve("path"));
        String path = Path.of(System.getProperty("java.home"), "bin") + ":/usr/local/bin:/usr/bin:/bin";
        boolean running = false;
        StepRun last = null;
        for (JsonNode step : action.get("runs").get("steps")) {
            String id = step.has("id") ? step.get("id").asText() : "";
            running |= id.equals(from);
            if (!running || !step.has("run")) {
                continue;
            }
            assertThat(step.get("shell").asText()).as("step " + id + " shell").isEqualTo("bash");
            Path output = Files.createFile(files.resolve("output-" + id));
            Path script = Files.writeString(files.resolve("step-" + id + ".sh"), step.get("run").asText());
            Map<String, String> env = new HashMap<>();
            env.put("UNSET:JAVA_HOME", "");
            env.put("JAVA_HOME", System.getProperty("java.home")); // what setup-java exports
            env.put("PATH", path);
            env.put("CI", "true");
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("GITHUB_ACTION_PATH", ACTION.getParent().toString());
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("GITHUB_ENV", Files.createFile(files.resolve("env-" + id)).toString());
            env.put("GITHUB_PATH", pathFile.toString());
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_REPOSITORY", "example/project");
            env.put("GITHUB_SHA", "0000000000000000000000000000000000000000");
            env.put("RUNNER_TEMP", runnerTemp.toString());
            env.put("RUNNER_OS", "Linux");
            env.put("PIP_NO_INDEX", "1"); // this machine reaches no package index; the wheel needs none
            env.put("WHEELWRIGHT_CDS_DIR", runnerTemp.resolve("cds").toString());
            env.put("WHEELWRIGHT_STATE_DIR", tmp.resolve("state").toString());
            if (step.has("env")) {
                step.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), resolve(e.getValue().asText(), inputs)));
            }
            Run run = InstalledWheel.run(workspace, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString());
            Map<String, String> outputs = new HashMap<>();
            for (String line : Files.readAllLines(output)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    outputs.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            installOutputs.put(id, outputs);
            for (String line : Files.readAllLines(pathFile)) {
                if (!line.isBlank()) {
                    path = line.strip() + ":" + path;
                }
            }
            last = new StepRun(run, outputs, Files.readString(summary), workspace);
            if (id.equals(to) || run.code() != 0) {
                break;
            }
        }
        assertThat(last).as("a shell step from " + from).isNotNull();
        return last;
    }

    /** The expressions the action's step env uses; any other one fails the test. */
    static String resolve(String value, Map<String, String> inputs) {
        Matcher m = EXPR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String v;
            if (expr.startsWith("inputs.")) {
                v = inputs.get(expr.substring(7));
                assertThat(v).as("input " + expr).isNotNull();
            } else if (expr.equals("github.action_path")) {
                v = ACTION.getParent().toString();
            } else if (expr.startsWith("steps.")) {
                String[] parts = expr.split("\\.");
                assertThat(parts).as(expr).hasSize(4);
                v = installOutputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
            } else {
                throw new AssertionError("an expression this test does not resolve: " + expr);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
