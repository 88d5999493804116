package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPDX expression syntax as PEP 639 takes it. The verdicts (and canonical forms) are those of
 * packaging 26.2's {@code canonicalize_license_expression} on the same inputs.
 */
class LicenseExpressionTest {
    static final Map<String, String> LICENSES = Map.of("mit", "MIT", "apache-2.0", "Apache-2.0",
            "bsd-3-clause", "BSD-3-Clause", "gpl-2.0-only", "GPL-2.0-only", "lgpl-2.1", "LGPL-2.1");
    static final Map<String, String> EXCEPTIONS = Map.of("classpath-exception-2.0", "Classpath-exception-2.0");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MIT|MIT",
            "mit OR apache-2.0|MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause|(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-only WITH Classpath-exception-2.0|GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-My.Own-1|LicenseRef-My.Own-1",
            "LGPL-2.1+|LGPL-2.1+",
            "( MIT )|(MIT)"})
    void valid(String expression, String canonical) {
        assertThat(LicenseExpression.problems(expression, LICENSES, EXCEPTIONS)).isEmpty();
        assertThat(LicenseExpression.canonical(expression, LICENSES, EXCEPTIONS)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Apache 2.0|'Apache' is not an SPDX license identifier",
            "MIT AND|the expression ends where a license was expected",
            "(MIT|a '(' is not closed",
            "MIT)|')' follows 'MIT' without AND, OR or WITH",
            "MIT WITH|'WITH' is not followed by an exception",
            "BSD|'BSD' is not an SPDX license identifier",
            "MIT OR OR Apache-2.0|'OR' where a license was expected",
            "LicenseRef-a_b|'LicenseRef-a_b' is not a valid LicenseRef (letters, digits, '.' and '-' only)",
            "MIT Apache-2.0|'Apache-2.0' follows 'MIT' without AND, OR or WITH",
            "MIT WITH MIT|'MIT' is not an SPDX license exception identifier",
            "AND|'AND' where a license was expected"})
    void invalid(String expression, String firstProblem) {
        assertThat(LicenseExpression.problems(expression, LICENSES, EXCEPTIONS)).first().isEqualTo(firstProblem);
        assertThat(LicenseExpression.canonical(expression, LICENSES, EXCEPTIONS)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "'   '"})
    void empty(String expression) {
        assertThat(LicenseExpression.problems(expression, LICENSES, EXCEPTIONS)).containsExactly("the expression is empty");
    }
}
