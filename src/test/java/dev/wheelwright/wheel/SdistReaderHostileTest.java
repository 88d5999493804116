package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22: sdist member names of any length (tar's GNU and PAX long names) stay linear and bounded. */
class SdistReaderHostileTest {
    @TempDir
    Path tmp;

    Path sdist(String... names) throws Exception {
        Path p = tmp.resolve("demo-1.0.tar.gz");
        try (OutputStream os = Files.newOutputStream(p); GZIPOutputStream gz = new GZIPOutputStream(os);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String n : names) {
                byte[] data = n.endsWith("PKG-INFO") ? "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8) : new byte[0];
                TarArchiveEntry e = new TarArchiveEntry(n);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return p;
    }

    @Test
    void leadingDotSlashesAreCutOnce() throws Exception {
        Path p = sdist("./././demo-1.0/PKG-INFO", "./demo-1.0/setup.py");
        SdistFacts s = new SdistReader(ArchiveLimits.defaults()).read(p, "demo.tar.gz");
        assertThat(s.topDirs()).containsExactly("demo-1.0");
        assertThat(s.pkgInfo().first("Name")).contains("demo");
    }

    @Test
    void anOverlongNameIsOneLineOverTheLimit() throws Exception {
        Path p = sdist("demo-1.0/PKG-INFO", "./".repeat(5_000) + "demo-1.0/x.py");
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new SdistReader(ArchiveLimits.defaults()).read(p, "demo.tar.gz")))
                .isInstanceOf(ArchiveLimitException.class)
                .hasMessage("demo.tar.gz: a member name is 10013 characters long, more than the limit of 4096");
    }
}
