package dev.wheelwright.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileInputTest {

    @TempDir
    Path dir;

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads of every size, single bytes and skips among them, give the file's bytes across window ends. */
    @Test
    void readsGiveTheFileBytesAcrossWindows() throws IOException {
        byte[] data = randomBytes(4096 * 3 + 1234, 1);
        Path f = Files.write(dir.resolve("a.log"), data);
        Random rnd = new Random(2);
        for (int round = 0; round < 20; round++) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            int at = 0;
            try (InputStream in = MappedFileInput.open(f, 0, 4096)) {
                assertThat(in).isInstanceOf(MappedFileInput.class);
                while (true) {
                    int kind = rnd.nextInt(10);
                    if (kind == 0) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        got.write(c);
                        want.write(data[at++]);
                    } else if (kind == 1) {
                        long s = in.skip(rnd.nextInt(5000));
                        assertThat(s).isLessThanOrEqualTo(data.length - at);
                        at += (int) s;
                    } else {
                        byte[] buf = new byte[rnd.nextInt(9000) + 1];
                        int off = rnd.nextInt(buf.length);
                        int n = in.read(buf, off, buf.length - off);
                        if (n < 0) {
                            break;
                        }
                        assertThat(n).isLessThanOrEqualTo(buf.length - off);
                        got.write(buf, off, n);
                        want.write(data, at, n);
                        at += n;
                    }
                }
            }
            assertThat(at).isEqualTo(data.length);
            assertThat(got.toByteArray()).isEqualTo(want.toByteArray());
        }
    }

    /**
     * A window is unmapped once read, not when the collector gets to it: at no point is more
     * than one window of the file mapped (Linux, where /proc/self/maps lists the mappings).
     */
    @Test
    void aWindowIsUnmappedOnceRead() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(maps), "no /proc/self/maps here");
        byte[] data = randomBytes(64 * 4096 + 100, 6);
        Path f = Files.write(dir.resolve("windows.log"), data).toRealPath();
        int most = 0;
        try (InputStream in = MappedFileInput.open(f, 0, 4 * 4096)) {
            assertThat(in).isInstanceOf(MappedFileInput.class);
            byte[] buf = new byte[3000];
            while (in.read(buf, 0, buf.length) > 0) {
                most = Math.max(most, mappingsOf(maps, f));
            }
        }
        assertThat(most).isEqualTo(1);
        assertThat(mappingsOf(maps, f)).as("after close").isZero();
    }

    private static int mappingsOf(Path maps, Path file) throws IOException {
        int n = 0;
        for (String line : Files.readAllLines(maps)) {
            if (line.endsWith(" " + file)) {
                n++;
            }
        }
        return n;
    }

    /** A log still being written is read to its end, as a file stream reads it. */
    @Test
    void bytesWrittenAfterOpeningAreReadToo() throws IOException {
        byte[] first = randomBytes(10_000, 3);
        byte[] more = randomBytes(7_000, 4);
        Path f = Files.write(dir.resolve("growing.log"), first);
        try (InputStream in = MappedFileInput.open(f, 0, 4096)) {
            Files.write(f, more, StandardOpenOption.APPEND);
            byte[] all = in.readAllBytes();
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.write(first);
            want.write(more);
            assertThat(all).isEqualTo(want.toByteArray());
        }
    }

    /** A file below the size worth mapping is read as a plain stream, with the same bytes. */
    @Test
    void aSmallFileIsAPlainStream() throws IOException {
        byte[] data = randomBytes(5000, 5);
        Path f = Files.write(dir.resolve("small.log"), data);
        try (InputStream in = MappedFileInput.open(f, 1 << 20, 4096)) {
            assertThat(in).isNotInstanceOf(MappedFileInput.class);
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = MappedFileInput.open(Files.write(dir.resolve("empty.log"), new byte[0]), 0, 4096)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** Through the log source, a large gzip-free log reads whole (the log's first bytes are looked at first). */
    @Test
    void aLargeFileLogReadsWhole() throws IOException {
        byte[] data = new byte[(int) MappedFileInput.MIN_SIZE + 777];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 61 == 60 ? '\n' : 'a' + i % 26);
        }
        Path f = Files.write(dir.resolve("big.log"), data);
        try (InputStream in = BuildLogs.FileLog.of(f).open()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
