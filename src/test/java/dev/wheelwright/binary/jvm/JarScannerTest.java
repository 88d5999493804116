package dev.wheelwright.binary.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JarScannerTest {
    private static final Path DIR = Path.of("testdata", "binaries");

    @Test
    void java8Jar() throws Exception {
        JarInfo info = JarScanner.scan("java8.jar", Files.readAllBytes(DIR.resolve("java8.jar")));
        assertThat(info.maxMajor()).isEqualTo(52);
        assertThat(info.javaRelease()).isEqualTo(8);
        assertThat(info.exampleClass()).isEqualTo("fixture/old/Hello8.class");
        assertThat(info.classCount()).isEqualTo(1);
    }

    @Test
    void java17JarIsJudgedByItsNewestClass() throws Exception {
        JarInfo info = JarScanner.scan("java17.jar", Files.readAllBytes(DIR.resolve("java17.jar")));
        assertThat(info.maxMajor()).isEqualTo(61);
        assertThat(info.javaRelease()).isEqualTo(17);
        assertThat(info.exampleClass()).isEqualTo("fixture/modern/Hello17.class");
        assertThat(info.classCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"45, 1", "49, 5", "52, 8", "55, 11", "61, 17", "65, 21"})
    void releaseForMajor(int major, int release) {
        assertThat(JarScanner.javaRelease(major)).isEqualTo(release);
    }

    @Test
    void multiReleaseAndModuleInfoEntriesDoNotRaiseTheBar() throws Exception {
        byte[] java8 = classBytes(DIR.resolve("java8.jar"), "fixture/old/Hello8.class");
        byte[] newer = java8.clone();
        newer[7] = 61;
        byte[] jar = zip("fixture/old/Hello8.class", java8, "META-INF/versions/17/fixture/old/Hello8.class", newer,
                "module-info.class", newer);
        assertThat(JarScanner.scan("mr.jar", jar).javaRelease()).isEqualTo(8);
    }

    @Test
    void brokenInputs() throws Exception {
        assertThatThrownBy(() -> JarScanner.scan("x.jar", "not a zip".getBytes()))
                .isInstanceOf(BinaryFormatException.class).hasMessageStartingWith("x.jar: ");
        byte[] badClass = zip("a/B.class", "garbage!!!!!".getBytes());
        assertThatThrownBy(() -> JarScanner.scan("y.jar", badClass))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage("y.jar: a/B.class is not a class file (bad magic bytes)");
    }

    private static byte[] classBytes(Path jar, String entry) throws Exception {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            return z.getInputStream(z.getEntry(entry)).readAllBytes();
        }
    }

    private static byte[] zip(Object... nameAndBytes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                z.write((byte[]) nameAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
