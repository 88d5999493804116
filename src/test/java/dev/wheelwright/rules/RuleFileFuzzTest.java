package dev.wheelwright.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.fuzz.FuzzWarmUp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A rule file ({@code rule.yaml}, what {@code --rules DIR} loads) from arbitrary bytes through
 * {@link RuleParser}: a rule, or a {@link RuleLoadException} whose one line starts
 * {@code file:line:column: }, within {@link FuzzBounds}.
 */
class RuleFileFuzzTest {
    private static final String FILE = "rules/x/WW-X001-fuzz/rule.yaml";
    private static final Pattern WHERE = Pattern.compile(Pattern.quote(FILE) + ":[0-9]+:[0-9]+: .*");

    static {
        FuzzWarmUp.seeds(RuleFileFuzzTest.class, "parse", RuleFileFuzzTest::load);
    }

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] data) {
        FuzzBounds.check("rule file of " + data.length + " bytes", data.length, () -> load(data), RuleLoadException.class);
    }

    static void load(byte[] data) {
        try {
            RuleParser.parse(FILE, new String(data, StandardCharsets.UTF_8), new RuleSource.Directory(Path.of("rules/x/WW-X001-fuzz")));
        } catch (RuleLoadException e) {
            if (!WHERE.matcher(e.getMessage()).matches()) {
                throw new AssertionError("not a file:line:col: error: " + dev.wheelwright.InputExcerpt.of(e.getMessage()), e);
            }
            throw e;
        }
    }
}
