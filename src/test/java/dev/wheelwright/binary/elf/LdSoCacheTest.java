package dev.wheelwright.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

public class LdSoCacheTest {

    /** A new-layout cache (glibc 2.32+) of the given name/path pairs, written as dl-cache.h lays it out. */
    public static byte[] newCache(String... namePath) {
        int n = namePath.length / 2;
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringsAt = 48 + n * 24;
        ByteBuffer b = ByteBuffer.allocate(stringsAt).order(ByteOrder.nativeOrder());
        b.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        b.putInt(20, n);
        for (int i = 0; i < n; i++) {
            int key = stringsAt + strings.size();
            strings.writeBytes((namePath[2 * i] + "\0").getBytes(StandardCharsets.UTF_8));
            int value = stringsAt + strings.size();
            strings.writeBytes((namePath[2 * i + 1] + "\0").getBytes(StandardCharsets.UTF_8));
            int p = 48 + i * 24;
            b.putInt(p, 0x0303);
            b.putInt(p + 4, key);
            b.putInt(p + 8, value);
        }
        b.putInt(24, strings.size());
        byte[] head = b.array();
        byte[] out = Arrays.copyOf(head, head.length + strings.size());
        System.arraycopy(strings.toByteArray(), 0, out, head.length, strings.size());
        return out;
    }

    @Test
    void readsTheNewLayoutInOrder() {
        List<LdSoCache.Entry> e = LdSoCache.parse("c", newCache("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1",
                "libfoo.so.2", "/opt/foo/lib/libfoo.so.2"));
        assertThat(e).containsExactly(new LdSoCache.Entry("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", 0x0303),
                new LdSoCache.Entry("libfoo.so.2", "/opt/foo/lib/libfoo.so.2", 0x0303));
    }

    @Test
    void brokenCachesAreRefusedNamingTheFile() {
        assertThatThrownBy(() -> LdSoCache.parse("/etc/ld.so.cache", "hello world".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(BinaryFormatException.class).hasMessageStartingWith("/etc/ld.so.cache: not an ld.so cache");
        byte[] cut = Arrays.copyOf(newCache("libz.so.1", "/lib/libz.so.1"), 40);
        assertThatThrownBy(() -> LdSoCache.parse("c", cut)).hasMessage("c: truncated ld.so cache header");
        byte[] many = newCache("libz.so.1", "/lib/libz.so.1");
        ByteBuffer.wrap(many).order(ByteOrder.nativeOrder()).putInt(20, 1000);
        assertThatThrownBy(() -> LdSoCache.parse("c", many)).hasMessageContaining("claims");
        byte[] badString = newCache("libz.so.1", "/lib/libz.so.1");
        ByteBuffer.wrap(badString).order(ByteOrder.nativeOrder()).putInt(48 + 8, 1 << 20);
        assertThatThrownBy(() -> LdSoCache.parse("c", badString)).hasMessageContaining("outside the ld.so cache");
    }

    @Test
    void thisMachinesCacheSaysWhatLdconfigSays() throws Exception {
        Path cache = Path.of("/etc/ld.so.cache");
        Path ldconfig = Files.isExecutable(Path.of("/sbin/ldconfig")) ? Path.of("/sbin/ldconfig") : Path.of("/usr/sbin/ldconfig");
        assumeTrue(Files.isReadable(cache), "/etc/ld.so.cache is missing");
        assumeTrue(Files.isExecutable(ldconfig), "ldconfig is not installed");
        Process p = new ProcessBuilder(ldconfig.toString(), "-p").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // "	libz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1"
        Set<String> expected = text.lines().filter(l -> l.contains(" => "))
                .map(l -> l.strip().replaceFirst(" \\(.*\\) => ", " ")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> got = LdSoCache.parse(cache.toString(), Files.readAllBytes(cache)).stream()
                .map(e -> e.name() + " " + e.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).isNotEmpty();
        assertThat(got).isEqualTo(expected);
    }
}
