package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    static final String GOOD = """
            id: WW-B950
            name: sample-rule
            severity: warning
            title: A sample
            reads: log
            match:
              - pattern: "cannot find -l(?<lib>\\\\w+)"
            when: "lib != 'm'"
            message: "library {lib} is missing while building {package}"
            fix:
              summary: "Install lib{lib}"
              action: some-fix
            references:
              - https://example.org
            """;

    static RuleDefinition parse(String yaml) {
        return RuleParser.parse("r/rule.yaml", yaml, new RuleSource.Directory(Path.of("r")));
    }

    @Test
    void readsAWellFormedRule() {
        RuleDefinition r = parse(GOOD);
        assertThat(r.id()).isEqualTo("WW-B950");
        assertThat(r.family()).isEqualTo("B");
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.reads()).isEqualTo(Reads.LOG);
        assertThat(r.patterns()).singleElement().satisfies(p -> {
            assertThat(p.groups()).containsExactly("lib");
            assertThat(p.literals()).containsExactly("cannot find -l");
        });
        assertThat(r.when().source()).isEqualTo("lib != 'm'");
        assertThat(r.fix().action()).isEqualTo("some-fix");
        assertThat(r.references()).containsExactly("https://example.org");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', value = {
            // replace ;; with ;; expected position and message
            "severity: warning ;; severity: fatal ;; r/rule.yaml:3:11: field 'severity': unknown severity 'fatal'",
            "id: WW-B950 ;; id: B950 ;; r/rule.yaml:1:5: field 'id': 'B950' is not a rule id",
            "name: sample-rule ;; name: Sample_Rule ;; r/rule.yaml:2:7: field 'name'",
            "reads: log ;; reads: logs ;; r/rule.yaml:5:8: field 'reads': unknown reads 'logs'",
            "title: A sample ;; titel: A sample ;; r/rule.yaml:4:1: unknown field 'titel'",
            "when: \"lib != 'm'\" ;; when: \"lib != 'm' &&\" ;; r/rule.yaml:8:21: field 'when': unexpected end of condition",
            "when: \"lib != 'm'\" ;; when: \"libx != 'm'\" ;; r/rule.yaml:8:8: field 'when': unknown name 'libx'",
            "when: \"lib != 'm'\" ;; when: \"lib > 3\" ;; r/rule.yaml:8:12: field 'when': cannot order a string and a number",
            "  - pattern: \"cannot find -l(?<lib>\\\\w+)\" ;;   - pattern: \"cannot find -l(?<lib>\\\\w+\" ;; r/rule.yaml:7:39: field 'match.pattern': bad regular expression",
            "message: \"library {lib} is missing while building {package}\" ;; message: \"library {libname}\" ;; r/rule.yaml:9:10: field 'message': placeholder {libname} is not a capture",
            "  summary: \"Install lib{lib}\" ;;   summary: \"Install {x}\" ;; r/rule.yaml:11:12: field 'fix.summary': placeholder {x}",
            "references: ;; references: 3 ;; r/rule.yaml:13:13: field 'references': expected a list",
            "message: \"library {lib} is missing while building {package}\" ;; message: ;; r/rule.yaml:9:9: field 'message': expected a text",
            "reads: log ;; reads: wheel ;; r/rule.yaml:7:3: field 'match': only rules with 'reads: log'",
            "id: WW-B950 ;; id: WW-B950\\nid: WW-B951 ;; r/rule.yaml:2:1: duplicate key 'id'",
            "title: A sample ;; title: [unclosed ;; r/rule.yaml:",
    })
    void reportsFileLineColumnAndField(String from, String to, String expected) {
        String yaml = GOOD.replace(from, to.replace("\\n", "\n"));
        assertThat(yaml).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(RuleLoadException.class).hasMessageStartingWith(expected.split(": field|: unknown|: duplicate")[0])
                .hasMessageContaining(expected.contains(": ") ? expected.substring(expected.indexOf(": ") + 2) : expected);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> parse(GOOD.replace("title: A sample\n", "")))
                .hasMessageContaining("r/rule.yaml:1:1: missing field 'title'");
    }

    @Test
    void nonLogRulesNeedACheckOrACondition() {
        String project = GOOD.replace("reads: log", "reads: project").replaceAll("(?s)match:.*?message:", "message:")
                .replace("{lib} is missing while building {package}", "x").replace("lib{lib}", "it");
        assertThatThrownBy(() -> parse(project)).hasMessageContaining("a project rule needs a 'check' or a 'when' condition");
        RuleDefinition withCheck = parse(project.replace("message: \"library x\"", "check: RecordHashCheck\nmessage: \"{anything}\""));
        assertThat(withCheck.check()).isEqualTo("RecordHashCheck");
    }
}
