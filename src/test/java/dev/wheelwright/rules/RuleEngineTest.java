package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.Facts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleEngineTest {

    @ParameterizedTest(name = "{0} / {2}")
    @CsvSource(delimiterString = " | ", value = {
            "The C header {header} is missing | The C header ffi.h is missing | cffi | cffi: The C header ffi.h is missing",
            "{pkg} was fetched | cffi 1.15.1 was fetched | cffi | cffi 1.15.1 was fetched",
            "{wheel} is not supported | fastcrc-1.2.0-cp311-cp311-win_amd64.whl is not supported | fastcrc | fastcrc-1.2.0-cp311-cp311-win_amd64.whl is not supported",
            "No distribution of {req} | No distribution of Django==3.2 | django | No distribution of Django==3.2",
            "{mod} is missing | cffi_backend is missing | cffi | cffi: cffi_backend is missing",
            "{mod} is missing | cffi-utils is missing | cffi | cffi: cffi-utils is missing",
            "{mod} is missing | cffi.core is missing | cffi | cffi: cffi.core is missing",
            "Building {package} failed | Building lxml failed | lxml | Building lxml failed",
    })
    void namesThePackageOnceInTheMessage(String template, String message, String pkg, String expected) {
        assertThat(RuleEngine.namingPackage(template, message, pkg)).isEqualTo(expected);
    }

    static RuleDefinition logRule(String yaml) {
        return RuleParser.parse("r.yaml", yaml, new RuleSource.Directory(Path.of(".")));
    }

    @Test
    void aLogFindingCarriesThePackageAndWholeNumbersStayWhole() {
        RuleDefinition rule = logRule("""
                id: WW-B901
                name: header-test
                severity: error
                title: t
                reads: log
                match:
                  - pattern: 'fatal error: (?<header>\\S+\\.h): No such file'
                message: "The C header {header} is missing (line {line})"
                """);
        String log = "Collecting app\n  Building wheel for foo (pyproject.toml): started\nfoo.c:1:10: fatal error: ffi.h: No such file or directory\n";
        Facts facts = Facts.builder().put(BuildLogs.class,
                BuildLogs.of(new BuildLogs.BytesLog("b.log", log.getBytes(StandardCharsets.UTF_8)))).build();
        List<Finding> findings = RuleEngine.run(List.of(rule), facts);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("foo: The C header ffi.h is missing (line 3)");
            assertThat(f.packageName()).isEqualTo("foo");
            assertThat(f.location()).isEqualTo(new Location.FileLine("b.log", 3));
        });
        String unnamed = "foo.c:1:10: fatal error: ffi.h: No such file or directory\n";
        Facts facts2 = Facts.builder().put(BuildLogs.class,
                BuildLogs.of(new BuildLogs.BytesLog("c.log", unnamed.getBytes(StandardCharsets.UTF_8)))).build();
        assertThat(RuleEngine.run(List.of(rule), facts2)).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("The C header ffi.h is missing (line 1)");
            assertThat(f.packageName()).isNull();
        });
    }
}
