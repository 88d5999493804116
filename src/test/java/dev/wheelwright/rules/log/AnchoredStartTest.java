package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.rules.LogPattern;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnchoredStartTest {

    /** Which pattern texts give a test, and what a few lines get. */
    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=]) => `  Stored in directory: /r/.cache/pip/wheels` => rejects",
            "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=]) => `  * pip: 23.1` => passes",
            "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=]) => `• pip: 23.1` => passes",
            "^\\s*(?:ERROR: )?Failed building => `ERROR: Failed building wheel` => passes",
            "^\\s*(?:ERROR: )?Failed building => `  error: Failed` => rejects",
            "^(?i)collecting x => `  COLLECTING x` => none",
            "(?i)^collecting x => `COLLECTING x` => passes",
            "^\\s*Stored in directory: \\S => `   ` => passes",
            "^-*-x => `--x` => none",
            "^a?ab => `ab` => none",
            "^(?:ab)?a => `b` => none",
            "^\\s*(?:a|b)c => `c` => none",
            "^\\s*.x => `x` => none",
            "^x{2}y => `xxy` => none",
            "^(?<w>[a-z])-\\d => `-1` => rejects",
            "^(?<w>[a-z]+)-\\d => `-1` => passes",
            "^(?:[A-Z]\\w*: )?error => `x: error` => none",
            "^(?:\\d+: )?FAILED => `x: FAILED` => rejects",
            "^(?:\\d+: )?FAILED => `12: FAILED` => passes",
            "^│ Collecting => `Collecting` => rejects",
            "^│ Collecting => `│ Collecting` => passes",
            "^│ Collecting => `─ Collecting` => rejects",
            "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=]) => `     ━━━━━━ 9.3/9.3 MB` => rejects",
            "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=]) => ` • • pip: 23.1` => passes",
            "^[\\s─-╿]*x => `━━x` => passes",
            "^[\\s─-╿]*x => `■x` => rejects",
            "(?iu)^[\\sé]*x => `ÉX` => passes",
            "(?i)^[\\sé]*x => `Éx` => rejects",
            "^\\s*[éÉ]x => `Éx` => passes",
            "^[\\s•]*•x => ` •x` => passes",
    })
    void readsThePatternText(String regex, String line, String expected) {
        AnchoredStart a = AnchoredStart.of(Pattern.compile(regex));
        if (expected.equals("none")) {
            assertThat(a).isNull();
            return;
        }
        assertThat(a).isNotNull();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(a.rejects(b, 0, b.length)).isEqualTo(expected.equals("rejects"));
    }

    /**
     * A rejected line is one the pattern cannot match at its start: every anchored pattern of
     * the built-in rules, contexts and facts, on random lines made of pieces of those
     * patterns' own literals and of the characters their leading items skip.
     */
    @Test
    void neverRejectsALineThePatternMatches() {
        List<Pattern> patterns = new ArrayList<>();
        for (RuleDefinition r : RuleCatalog.builtIn()) {
            for (LogPattern p : r.patterns()) {
                patterns.add(p.pattern());
            }
        }
        PackageContext.PATTERNS.forEach(c -> patterns.add(c.pattern()));
        LogFacts.PATTERNS.forEach(f -> patterns.add(f.pattern()));
        patterns.removeIf(p -> !LogScanner.anchoredAtStart(p) || AnchoredStart.of(p) == null);
        assertThat(patterns).hasSizeGreaterThan(20);
        String[] pieces = {" ", "  ", "\t", "*", "-", ">", "•", "│", "|", "━━━━", "é", "É", "\u00A0", "=", "[", "]", "E", "ERROR: ", "error: ", "pip", "Pip",
                "pip version", ": ", "=", "23.1", "1.2.3", "Collecting ", "numpy", "Stored in directory: ", "/x/", "Failed building wheel for ",
                "Successfully installed ", "Successfully built ", "a.whl", "Traceback (most recent call last):", "FAILED ", "t.py::x",
                "Killed: 9", "[1] 2 killed ", "Expected sha256 ", "0".repeat(64), "=== 1 failed in 2.0s ===", "Python 3.11.2",
                "File \"<string>\", line 1, in <module>", "Fixing: a.whl", "[end of output]", "Processing ", "Compatible tags: 3",
                "Linux h 5.1 #1 SMP x86_64 GNU/Linux", "AssertionError", "Requirement already satisfied: setuptools in /x (1.0)"};
        Random rnd = new Random(7);
        int rejected = 0;
        int matched = 0;
        for (Pattern p : patterns) {
            AnchoredStart a = AnchoredStart.of(p);
            for (int t = 0; t < 3000; t++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0, n = rnd.nextInt(6); k < n; k++) {
                    sb.append(pieces[rnd.nextInt(pieces.length)]);
                }
                String line = sb.toString();
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                boolean match = p.matcher(line).lookingAt();
                if (a.rejects(b, 0, b.length)) {
                    rejected++;
                    assertThat(match).as(p.pattern() + " on " + line).isFalse();
                }
                matched += match ? 1 : 0;
            }
        }
        assertThat(rejected).isGreaterThan(10_000);
        assertThat(matched).isGreaterThan(100);
    }
}
