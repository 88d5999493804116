package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code wheelwright doctor --log FILE --format json} on complete CI job logs, as a user
 * would, and checks the root cause that {@code testdata/logs/real-world/EXPECTED.md} names: the
 * rule and the line for a failed build, and for a job that failed for another reason (network
 * timeout, hash mismatch, resolver conflict, failing tests) only the rule naming that reason.
 */
class RealWorldLogsTest {

    static final Path FOLDER = Path.of("testdata", "logs", "real-world");

    /** The WW-B rules that name a failure which is not a build problem. */
    static final List<String> NOT_BUILD_PROBLEMS = List.of("network-error", "hash-mismatch", "dependency-conflict", "test-failure");

    /** One row of EXPECTED.md's table; {@code rule} is null for "none". */
    record Expected(String log, String rule, int line) {
        @Override
        public String toString() {
            return log + " -> " + (rule == null ? "no WW-B finding" : rule + " at line " + line);
        }
    }

    static List<Expected> expectations() throws IOException {
        List<Expected> rows = new ArrayList<>();
        for (String line : Files.readAllLines(FOLDER.resolve("EXPECTED.md"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].trim().endsWith(".log")) {
                continue;
            }
            String rule = cells[2].trim();
            boolean none = rule.equals("none");
            rows.add(new Expected(cells[1].trim(), none ? null : rule, none ? -1 : Integer.parseInt(cells[3].trim())));
        }
        return rows;
    }

    @Test
    void everyLogInTheFolderHasAnExpectation() throws IOException {
        List<String> listed = expectations().stream().map(Expected::log).toList();
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(logs);
        }
        assertThat(listed).as("both kinds of logs are present").hasSizeGreaterThanOrEqualTo(8);
        assertThat(expectations()).anyMatch(e -> e.rule() == null).anyMatch(e -> e.rule() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void doctorFindsTheRootCause(Expected expected) throws IOException {
        Path log = FOLDER.resolve(expected.log());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", "--log", log.toString(), "--format", "json", "--no-color"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("exit code (stderr: %s)", err).isIn(0, 1);

        JsonNode findings = new ObjectMapper().readTree(out.toString()).path("findings");
        List<JsonNode> buildFindings = StreamSupport.stream(findings.spliterator(), false)
                .filter(f -> f.path("rule").asText().startsWith("WW-B"))
                .toList();
        if (expected.rule() == null) {
            // the user learns why it failed, and that the package's build is not at fault
            assertThat(buildFindings).as("a non-build failure is named on a log that failed for another reason")
                    .anySatisfy(f -> assertThat(NOT_BUILD_PROBLEMS).contains(f.path("name").asText()));
            assertThat(buildFindings).as("build-problem findings on a log that failed for another reason")
                    .allSatisfy(f -> assertThat(NOT_BUILD_PROBLEMS).contains(f.path("name").asText()));
            return;
        }
        assertThat(buildFindings)
                .as("a %s finding at line %d of %s in %s", expected.rule(), expected.line(), expected.log(), out)
                .anySatisfy(f -> {
                    assertThat(f.path("rule").asText()).isEqualTo(expected.rule());
                    assertThat(f.path("location").path("line").asInt()).isEqualTo(expected.line());
                    assertThat(f.path("location").path("file").asText()).endsWith(expected.log());
                    assertThat(f.path("message").asText()).isNotBlank();
                    assertThat(f.path("fix").path("summary").asText()).isNotBlank();
                });
    }
}
