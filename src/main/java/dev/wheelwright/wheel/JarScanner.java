package dev.wheelwright.wheel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the newest class-file version inside a bundled jar, read from memory. Only the first 8
 * bytes of each class are needed (JVMS 4.1: magic, minor_version, major_version); the jar is
 * bounded by the wheel's own limits, and each class is read no further than its header.
 */
final class JarScanner {
    private static final int CAFEBABE = 0xCAFEBABE;

    private JarScanner() {}

    static WheelFacts.BundledJar scan(String member, byte[] data) {
        int best = 0;
        String newest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry e;
            int count = 0;
            while ((e = zip.getNextEntry()) != null && count++ < 200_000) {
                String name = e.getName();
                // Multi-release jars (JEP 238) keep newer classes under META-INF/versions/N/,
                // loaded only by a Java N or later: they do not raise the jar's requirement.
                if (e.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".class")
                        || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")) {
                    continue;
                }
                int major = major(zip);
                if (major > best) {
                    best = major;
                    newest = name;
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            // a damaged jar: report what was read so far
        }
        return new WheelFacts.BundledJar(member, best, newest);
    }

    private static int major(InputStream in) throws IOException {
        byte[] h = in.readNBytes(8);
        if (h.length < 8) {
            return 0;
        }
        int magic = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return magic == CAFEBABE ? ((h[6] & 0xff) << 8) | (h[7] & 0xff) : 0;
    }
}
