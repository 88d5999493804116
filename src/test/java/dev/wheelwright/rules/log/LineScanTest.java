package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineScanTest {

    private static final String[] PIECES = {
        "a", "b", "ab", "ba", " ", "x", "é", "─", "\r", "\u001B[0m", "\u009B", "\t", "\n", "━━━━━━━", "━", "─━━─",
    };
    private static final String[] PREFIXES = {
        "", "", "", "2024-05-01T12:00:07.1234567Z ", "##[group]", "> ", "[2024-05-01T12:00:07Z] ",
    };

    /**
     * Every line's record (where it starts and ends, where its scanned text starts, the
     * automaton's state at its end and before its last carriage return, its first carriage
     * return, escapes, non-ASCII bytes, the needles in it) is what one walk of that line alone
     * gives, whatever the block size cuts into halves, with or without a last line end, and
     * with bytes past the chunk's length that a walk must not read.
     */
    @ParameterizedTest(name = "block {0}, carriage returns end lines {1}, prefixes skipped {2}")
    @CsvSource({"8, false, true", "17, false, true", "64, false, false", "64, true, true",
        "300, false, true", "65536, false, true", "23, true, false"})
    void everyLineRecordIsWhatAWalkOfThatLineAloneGives(int block, boolean crOnly, boolean skipPrefix) {
        Random rnd = new Random(block * 31L + (crOnly ? 7 : 0) + (skipPrefix ? 3 : 0));
        List<List<String>> needles = new ArrayList<>();
        for (String w : new String[] {"ab", "ba", "aab", "b b", "é─", "x", "abab", "─\r", "━━━", "─━"}) {
            needles.add(List.of(w));
        }
        MultiLiteralMatcher m = new MultiLiteralMatcher(needles);
        boolean[] look = new boolean[256];
        for (int u = 0; u < 256; u++) {
            look[u] = (u < 0x20 && u != '\t') || u >= 0x80;
        }
        MultiLiteralMatcher.Compact compact = m.bytes().compact(look);
        int nl = crOnly ? '\r' : '\n';
        int checkedLines = 0;
        int halves = 0;
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int lineCount = rnd.nextInt(30);
            for (int l = 0; l < lineCount; l++) {
                text.writeBytes(PREFIXES[rnd.nextInt(PREFIXES.length)].getBytes(StandardCharsets.UTF_8));
                int pieces = rnd.nextInt(rnd.nextInt(5) == 0 ? 60 : 12);
                for (int p = 0; p < pieces; p++) {
                    text.writeBytes(PIECES[rnd.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                }
                if (l < lineCount - 1 || rnd.nextBoolean()) {
                    text.write(nl);
                }
            }
            byte[] t = text.toByteArray();
            if (t.length == 0) {
                continue;
            }
            // past the chunk's length: needle bytes and a line end, which a walk past the end would take in
            byte[] buf = Arrays.copyOf(t, t.length + 40);
            Arrays.fill(buf, t.length, buf.length, (byte) 'a');
            buf[buf.length - 1] = (byte) nl;
            int len = t.length;

            LineScan scan = new LineScan(compact, buf, len, crOnly, skipPrefix, block);
            List<int[]> got = new ArrayList<>();
            List<IdBits> gotIds = new ArrayList<>();
            int next = 0;
            while (next < len) {
                int before = got.size();
                next = scan.block(next);
                LineScan.Records r = scan.lines;
                for (int k = 0; k < r.count; k++) {
                    got.add(new int[] {r.start[k], r.from[k], r.end[k], r.state[k], r.crState[k], r.firstCr[k], r.flags[k]});
                    IdBits ids = new IdBits(m.size());
                    for (int j = r.idStart(k); j < r.idEnd[k]; j++) {
                        ids.set(r.ids[j]);
                    }
                    gotIds.add(ids);
                }
                assertThat(got.size()).as("a block holds a line").isGreaterThan(before);
            }

            int k = 0;
            int start = 0;
            while (start < len) {
                int end = start;
                while (end < len && buf[end] != nl) {
                    end++;
                }
                int from = skipPrefix ? LineNormalizer.prefixEnd(buf, start, len) : start;
                IdBits ids = new IdBits(m.size());
                int state = compact.offset(m.bytes().run(0, buf, from, end, ids));
                int firstCr = -1;
                int lastCr = -1;
                int flags = 0;
                for (int i = from; i < end; i++) {
                    int u = buf[i] & 0xff;
                    if (u == '\r') {
                        lastCr = i;
                        firstCr = firstCr < 0 ? i : firstCr;
                    }
                    flags |= u >= 0x80 ? LineScan.HIGH : 0;
                    flags |= u == 0x1B || (u == 0x9B && i > from && (buf[i - 1] & 0xff) == 0xC2) ? LineScan.ESCAPE : 0;
                }
                int crState = lastCr < 0 ? 0 : compact.offset(m.bytes().run(0, buf, from, lastCr, new IdBits(m.size())));
                String where = "round " + round + ", line " + k;
                assertThat(k).as(where).isLessThan(got.size());
                assertThat(got.get(k)).as(where).containsExactly(start, from, end, state, crState, firstCr, flags);
                assertThat(gotIds.get(k)).as(where).isEqualTo(ids);
                checkedLines++;
                k++;
                start = end + 1;
            }
            assertThat(got).as("round " + round + ": no more lines than the text has").hasSize(k);
            halves += scan.halved;
        }
        assertThat(checkedLines).isGreaterThan(2000);
        if (block < 1000) {
            assertThat(halves).as("blocks walked as two halves").isGreaterThan(100);
        }
    }
}
