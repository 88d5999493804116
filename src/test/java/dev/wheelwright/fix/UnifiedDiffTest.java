package dev.wheelwright.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GNU diff is the oracle: the hunks must be exactly what {@code diff -u} prints. */
class UnifiedDiffTest {

    static Stream<Arguments> pairs() {
        String ten = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        return Stream.of(
                Arguments.of(ten, ten.replace("5\n", "five\n")),
                Arguments.of(ten, ten.replace("2\n", "").replace("9\n", "nine\n")),
                Arguments.of(ten, "0\n" + ten),
                Arguments.of(ten, ten + "11\n12\n"),
                Arguments.of(ten, ten.replace("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "a\n")),
                Arguments.of("x\n", "x\ny\n"),
                Arguments.of("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nN\no\np\n"));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void matchesGnuDiff(String before, String after, @TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a"), before);
        Path b = Files.writeString(dir.resolve("b"), after);
        Process p;
        try {
            p = new ProcessBuilder("diff", "-u", a.toString(), b.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("diff is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String gnuHunks = out.substring(out.indexOf("@@"));
        String ours = UnifiedDiff.of(new FileEdit("f", before, after));
        assertThat(ours).startsWith("--- a/f\n+++ b/f\n");
        assertThat(ours.substring(ours.indexOf("@@"))).isEqualTo(gnuHunks);
    }
}
