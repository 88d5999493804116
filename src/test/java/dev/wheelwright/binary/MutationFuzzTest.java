package dev.wheelwright.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the good fixtures: reading must either succeed or throw
 * {@link BinaryFormatException} — never another exception, a hang or an out-of-memory error.
 * Bounded by a time budget, not an iteration count, so it costs the same on any machine.
 */
class MutationFuzzTest {
    private static final long BUDGET_NANOS = 8_000_000_000L;
    private static final long SEED = 0x5eed_b1a5L;

    @Test
    void mutatedFixturesFailCleanly() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : Fixtures.goodBinaries()) {
            inputs.add(Files.readAllBytes(p));
            names.add(p.getFileName().toString());
        }
        SplittableRandom random = new SplittableRandom(SEED);
        long end = System.nanoTime() + BUDGET_NANOS;
        int runs = 0;
        int rejected = 0;
        while (System.nanoTime() < end) {
            int which = random.nextInt(inputs.size());
            byte[] data = mutate(inputs.get(which), random);
            String label = names.get(which) + " mutation " + runs;
            try {
                BinaryInfo info = BinaryReader.read(label, data);
                assertThat(info.slices()).isNotEmpty();
            } catch (BinaryFormatException expected) {
                assertThat(expected.getMessage()).startsWith(label + ": ").doesNotContain("\n");
                rejected++;
            } catch (RuntimeException | Error other) {
                throw new AssertionError(label + " (seed " + SEED + ") threw " + other, other);
            }
            runs++;
        }
        assertThat(runs).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Header-heavy mutations: most of the structure that matters sits in the first kilobytes. */
    static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] data = original.clone();
        int kind = r.nextInt(5);
        int headerZone = Math.min(data.length, 4096);
        switch (kind) {
            case 0 -> { // random bytes in the header zone
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    data[r.nextInt(headerZone)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // an extreme 32-bit value at a 4-aligned header position
                int at = r.nextInt(Math.max(1, headerZone / 4)) * 4;
                int[] extremes = {0, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, data.length, data.length + 1};
                int v = extremes[r.nextInt(extremes.length)];
                for (int i = 0; i < 4 && at + i < data.length; i++) {
                    data[at + i] = (byte) (v >>> (8 * i));
                }
            }
            case 2 -> { // truncation
                return java.util.Arrays.copyOf(data, r.nextInt(data.length + 1));
            }
            case 3 -> { // bit flips anywhere
                int n = 1 + r.nextInt(16);
                for (int i = 0; i < n; i++) {
                    int at = r.nextInt(data.length);
                    data[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            default -> { // a copied block over another place (duplicated headers, shifted tables)
                int len = 1 + r.nextInt(Math.min(64, data.length));
                int from = r.nextInt(data.length - len + 1);
                int to = r.nextInt(data.length - len + 1);
                System.arraycopy(original, from, data, to, len);
            }
        }
        return data;
    }
}
