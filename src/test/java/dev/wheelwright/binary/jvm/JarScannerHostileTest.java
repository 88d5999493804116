package dev.wheelwright.binary.jvm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Issue 22: a jar whose class name is not UTF-8 threw IllegalArgumentException out of {@link JarScanner#scan}. */
class JarScannerHostileTest {
    /** A one-entry jar whose entry name's bytes are {@code name}, written as UTF-8 "x.class" then patched. */
    static byte[] jarNamed(byte[] name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String placeholder = "#".repeat(name.length);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(placeholder));
            zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 0, 1});
            zip.closeEntry();
        }
        byte[] jar = out.toByteArray();
        byte[] p = placeholder.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + p.length <= jar.length; i++) {
            if (java.util.Arrays.equals(jar, i, i + p.length, p, 0, p.length)) {
                System.arraycopy(name, 0, jar, i, name.length);
            }
        }
        return jar;
    }

    @Test
    void aClassNameThatIsNotUtf8IsOneLineNamingTheJar() throws Exception {
        byte[] name = "pkg/Caf\u00e9.class".getBytes(StandardCharsets.ISO_8859_1); // Latin-1 0xE9, a broken UTF-8 sequence
        assertThatThrownBy(() -> JarScanner.scan("lib/tool.jar", jarNamed(name)))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("lib/tool.jar: not a readable jar (an entry name is not valid UTF-8, which the JVM refuses)");
    }

    @Test
    void aLongEntryNameIsQuotedShortly() throws Exception {
        String entry = "p/" + "A".repeat(60_000) + ".class";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("not a class".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> JarScanner.scan("tool.jar", out.toByteArray()))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageEndingWith(".class is not a class file (bad magic bytes)")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).hasSizeLessThan(250));
    }
}
