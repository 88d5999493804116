package dev.wheelwright.binary.jvm;

import dev.wheelwright.InputExcerpt;
import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;

/**
 * Finds the newest class-file version in a jar, i.e. the oldest Java that can load all of it.
 *
 * <p>JVMS §4.1: a class file starts with 0xCAFEBABE, minor_version, major_version; Java SE N
 * reads majors up to 44 + N (52 = Java 8, 61 = Java 17). Entries under
 * {@code META-INF/versions/N/} of a multi-release jar (JEP 238) are skipped: older JVMs never load
 * them. So is a root {@code module-info.class}, which a class-path JVM never loads either (jars
 * that support Java 8 often carry one compiled for 9).
 */
public final class JarScanner {
    /** No single class file is anywhere near this; a larger entry is a zip bomb or not a class. */
    static final int MAX_CLASS_BYTES = 64 << 20;
    /** Bounds the walk over entries of a hostile archive. */
    static final int MAX_ENTRIES = 1_000_000;

    private JarScanner() {}

    /** Java release for a class-file major version (JVMS Table 4.1-A); 1 for the 1.0/1.1 era. */
    public static int javaRelease(int major) {
        return Math.max(1, major - 44);
    }

    public static JarInfo scan(String name, byte[] jar) {
        int count = 0;
        int maxMajor = 0;
        String example = null;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while ((e = nextEntry(zip, name)) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new BinaryFormatException(name + ": jar has more than " + MAX_ENTRIES + " entries");
                }
                String entry = e.getName();
                if (e.isDirectory() || !entry.endsWith(".class") || entry.startsWith("META-INF/versions/")
                        || entry.equals("module-info.class")) {
                    continue;
                }
                byte[] bytes = readBounded(zip, name, entry);
                int major = majorVersion(name, entry, bytes);
                count++;
                if (major > maxMajor) {
                    maxMajor = major;
                    example = entry;
                }
            }
        } catch (ZipException ex) {
            throw new BinaryFormatException(name + ": not a readable jar (" + InputExcerpt.of(String.valueOf(ex.getMessage())) + ")");
        } catch (IOException ex) {
            throw new BinaryFormatException(name + ": cannot read jar (" + InputExcerpt.of(String.valueOf(ex.getMessage())) + ")");
        }
        if (entries == 0) {
            throw new BinaryFormatException(name + ": not a jar (no zip entries)");
        }
        return new JarInfo(name, maxMajor, maxMajor == 0 ? 0 : javaRelease(maxMajor), example, count);
    }

    /**
     * The next entry. The JVM opens a jar only when every entry name is UTF-8 (its zip reader
     * refuses the archive otherwise), so a name that is not is this jar's defect, one line, and
     * not the IllegalArgumentException that ZipInputStream throws for it.
     */
    private static ZipEntry nextEntry(ZipInputStream zip, String name) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException malformed) {
            String m = String.valueOf(malformed.getMessage());
            throw new BinaryFormatException(name + ": not a readable jar (" + (m.toLowerCase(java.util.Locale.ROOT).contains("malformed input")
                    ? "an entry name is not valid UTF-8, which the JVM refuses" : "a malformed entry header: " + InputExcerpt.of(m)) + ")");
        }
    }

    private static byte[] readBounded(InputStream in, String jar, String entry) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CLASS_BYTES + 1);
        if (bytes.length > MAX_CLASS_BYTES) {
            throw new BinaryFormatException(jar + ": " + InputExcerpt.of(entry) + " is larger than " + MAX_CLASS_BYTES + " bytes");
        }
        return bytes;
    }

    /** The major version, read through ASM so that a broken header is caught as one. */
    static int majorVersion(String jar, String entry, byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0xca || (bytes[1] & 0xff) != 0xfe
                || (bytes[2] & 0xff) != 0xba || (bytes[3] & 0xff) != 0xbe) {
            throw new BinaryFormatException(jar + ": " + InputExcerpt.of(entry) + " is not a class file (bad magic bytes)");
        }
        int major = (bytes[6] & 0xff) << 8 | (bytes[7] & 0xff);
        try {
            // ASM checks the version and the constant pool; a class newer than ASM knows is
            // still counted by its header.
            new ClassReader(bytes).getClassName();
        } catch (IllegalArgumentException newerThanAsm) {
            return major;
        } catch (RuntimeException broken) {
            throw new BinaryFormatException(jar + ": " + InputExcerpt.of(entry) + " is a malformed class file");
        }
        return major;
    }
}
