import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Package-time step (run by Maven with Java's source launcher, ASM from the jar on the class
 * path): raises class files of major version 49 (Java 5) in the runnable jar to 50 (Java 6) and
 * gives their methods StackMapTable frames, so that class-data sharing can archive them.
 * HotSpot archives neither classes older than 50 ("Pre JDK 6 class not supported by CDS") nor
 * classes that needed the old type-inference verifier; picocli ships Java 5 class files and is
 * loaded by every command.
 *
 * <p>Why this is safe: the class file format of 50 is that of 49 plus the StackMapTable
 * attribute (JVMS 4.7.4, 4.10.1), which ASM computes from the code; instructions, constants and
 * attributes are otherwise copied as they are. A class ASM cannot give frames (e.g. one using
 * JSR) is left unchanged.
 *
 * <p>Usage: java -cp JAR RaiseClassVersion.java JAR PREFIX... (e.g. picocli/)
 */
public final class RaiseClassVersion {
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".raise-", ".jar");
        int raised = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().endsWith(".class") && matches(e.getName(), args) && isJava5(data)) {
                    byte[] withFrames = withFrames(data);
                    if (withFrames != null) {
                        data = withFrames;
                        raised++;
                    }
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("RaiseClassVersion: " + raised + " class files raised from 49 to 50, with frames, in " + jar);
    }

    /** The class at version 50 with computed frames, or null when ASM cannot compute them. */
    private static byte[] withFrames(byte[] data) {
        try {
            org.objectweb.asm.ClassReader reader = new org.objectweb.asm.ClassReader(data);
            org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_FRAMES);
            reader.accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                    super.visit(org.objectweb.asm.Opcodes.V1_6, access, name, signature, superName, interfaces);
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean matches(String name, String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (name.startsWith(args[i])) {
                return true;
            }
        }
        return false;
    }

    /** Magic CAFEBABE, then minor (2 bytes), major (2 bytes) = 49. */
    private static boolean isJava5(byte[] d) {
        return d.length > 8 && (d[0] & 0xff) == 0xCA && (d[1] & 0xff) == 0xFE && (d[2] & 0xff) == 0xBA
                && (d[3] & 0xff) == 0xBE && d[6] == 0 && d[7] == 49;
    }
}
