package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiLiteralMatcherTest {

    /**
     * The byte DFA over UTF-8 finds the same needles as the char automaton over the decoded
     * text (texts here use the alphabet's own case forms), also with more distinct bytes than
     * fit in a small class table.
     */
    @ParameterizedTest(name = "alphabet {0}, seed {1}")
    @CsvSource({"ab: -, 1", "abcXYZ:'[ , 2", "aé╰─>│日本語漢字カタ, 3", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ一二三四五六七八九十百千万円口日月火水木金土, 4"})
    void bytesFindWhatCharsFind(String alphabet, long seed) {
        Random rnd = new Random(seed);
        List<List<String>> needles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<String> alternatives = new ArrayList<>();
            for (int j = 0, n = 1 + rnd.nextInt(2); j < n; j++) {
                alternatives.add(word(rnd, alphabet, 1 + rnd.nextInt(5)));
            }
            needles.add(alternatives);
        }
        MultiLiteralMatcher m = new MultiLiteralMatcher(needles);
        // é has an upper-case form that only the char automaton folds; the scanner then decodes such lines first
        assertThat(m.bytes().exactForNonAscii()).isEqualTo(needles.stream().flatMap(List::stream).noneMatch(w -> w.contains("é")));
        int hits = 0;
        for (int t = 0; t < 2000; t++) {
            String text = word(rnd, alphabet, rnd.nextInt(30));
            IdBits chars = new IdBits(m.size());
            m.find(text, chars);
            IdBits bytes = new IdBits(m.size());
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            m.bytes().run(0, b, 0, b.length, bytes);
            assertThat(bytes).as(text).isEqualTo(chars);
            for (int i = chars.nextSetBit(0); i >= 0; i = chars.nextSetBit(i + 1)) {
                hits++;
            }
        }
        assertThat(hits).isGreaterThan(100);
    }

    /**
     * The compact table (byte classes, row offsets, flags) moves like the byte DFA: the same
     * states, the needles' outputs flagged, and every byte the caller asked to see flagged.
     */
    @ParameterizedTest(name = "alphabet {0}, seed {1}")
    @CsvSource({"ab: -, 5", "abcXYZ:'[ \t, 6", "aé╰─>│日本語, 7"})
    void theCompactTableMovesLikeTheByteAutomaton(String alphabet, long seed) {
        Random rnd = new Random(seed);
        List<List<String>> needles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            needles.add(List.of(word(rnd, alphabet, 1 + rnd.nextInt(5))));
        }
        MultiLiteralMatcher.Bytes dfa = new MultiLiteralMatcher(needles).bytes();
        boolean[] look = new boolean[256];
        for (int u = 0; u < 256; u++) {
            look[u] = (u < 0x20 && u != '\t') || u >= 0x80;
        }
        MultiLiteralMatcher.Compact c = dfa.compact(look);
        String textAlphabet = alphabet + "\n\r\u001Bq";
        int flagged = 0;
        for (int t = 0; t < 500; t++) {
            byte[] b = word(rnd, textAlphabet, rnd.nextInt(40)).getBytes(StandardCharsets.UTF_8);
            int s = 0;
            int off = c.offset(0);
            for (byte x : b) {
                s = dfa.step(s, x, new IdBits(needles.size()));
                int e = c.table[off + c.cls[x & 0xff]];
                assertThat(c.state(e)).isEqualTo(s);
                boolean emits = dfa.outputs[s].length > 0;
                assertThat((e & MultiLiteralMatcher.Compact.EMITS) != 0).isEqualTo(emits);
                assertThat((e & MultiLiteralMatcher.Compact.LOOK) != 0).isEqualTo(emits || look[x & 0xff]);
                flagged += look[x & 0xff] ? 1 : 0;
                off = e & ~3;
                assertThat(off).isEqualTo(c.offset(s));
            }
        }
        assertThat(flagged).isGreaterThan(50);
    }

    private static String word(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
