package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsTest {

    static List<String> tags(String python, String impl, String platform) {
        return Tags.forTarget(python, impl, platform).stream().map(Tag::toString).toList();
    }

    static String sha256(List<String> items) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\n", items).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d);
    }

    @Test
    void everyInterpreterAndPlatformGivesPackagingsTagsInOrder() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Golden.Row> rows = Golden.rows("tags.tsv");
        assertThat(rows).hasSizeGreaterThan(800);
        for (Golden.Row r : rows) {
            List<String> got = tags(r.get(0), r.get(1), r.get(2));
            if (got.size() != Integer.parseInt(r.get(3)) || !sha256(got).equals(r.get(4))) {
                failures.add(r + "\n   got " + got.size() + ": " + String.join(" ", got.subList(0, Math.min(3, got.size()))));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void sampledListsMatchTagByTag() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Golden.Row r : Golden.rows("tags-sample.tsv")) {
            expected.computeIfAbsent(r.get(0) + "|" + r.get(1) + "|" + r.get(2), k -> new ArrayList<>()).add(r.get(4));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
        expected.forEach((key, want) -> {
            String[] k = key.split("\\|");
            assertThat(tags(k[0], k[1], k[2])).as(key).containsExactlyElementsOf(want);
        });
    }

    @Test
    void abiRulesOfCpython() {
        assertThat(tags("3.7", "cp", "win_amd64")).startsWith("cp37-cp37m-win_amd64", "cp37-abi3-win_amd64",
                "cp37-none-win_amd64", "cp36-abi3-win_amd64");
        assertThat(tags("2.7", "cp", "linux_x86_64")).startsWith("cp27-cp27mu-linux_x86_64", "cp27-none-linux_x86_64",
                "py27-none-linux_x86_64");
        assertThat(tags("3.13t", "cp", "win_amd64")).startsWith("cp313-cp313t-win_amd64", "cp313-abi3t-win_amd64")
                .doesNotContain("cp313-abi3-win_amd64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3|cp|win_amd64|Invalid Python version: '3' (expected MAJOR.MINOR, e.g. 3.9)",
        "3.x|cp|win_amd64|Invalid Python version: '3.x' (expected MAJOR.MINOR, e.g. 3.9)",
        "''|cp|win_amd64|Invalid Python version: '' (expected MAJOR.MINOR, e.g. 3.9)",
        "3.9|jy|win_amd64|Invalid implementation 'jy' (expected cp for CPython or pp for PyPy)",
        "3.13t|pp|win_amd64|Invalid Python version: '3.13t' (PyPy has no free-threaded build)",
        "3.12t|cp|win_amd64|Invalid Python version: '3.12t' (free-threaded CPython starts at 3.13)",
    })
    void badInterpretersAreRejected(String python, String impl, String platform, String message) {
        assertThatThrownBy(() -> Tags.forTarget(python, impl, platform))
                .isInstanceOf(dev.wheelwright.WheelwrightException.class)
                .hasMessage(message);
    }
}
