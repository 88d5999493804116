package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdBitsTest {

    /** Whether two sets share an id is what java.util.BitSet says, with sets of different sizes, after clears. */
    @Test
    void intersectsAsABitSetDoes() {
        Random rnd = new Random(11);
        int shared = 0;
        for (int t = 0; t < 2000; t++) {
            int capA = 1 + rnd.nextInt(300);
            int capB = 1 + rnd.nextInt(300);
            IdBits a = new IdBits(capA);
            IdBits b = new IdBits(capB);
            BitSet ra = new BitSet();
            BitSet rb = new BitSet();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                int id = rnd.nextInt(capA);
                a.set(id);
                ra.set(id);
            }
            for (int k = rnd.nextInt(4); k > 0; k--) {
                int id = rnd.nextInt(capB);
                b.set(id);
                rb.set(id);
            }
            if (rnd.nextInt(5) == 0) {
                a.clear();
                ra.clear();
            }
            boolean want = ra.intersects(rb);
            assertThat(a.intersects(b)).as("%s and %s", ra, rb).isEqualTo(want);
            assertThat(b.intersects(a)).isEqualTo(want);
            shared += want ? 1 : 0;
        }
        assertThat(shared).isGreaterThan(20);
    }
}
