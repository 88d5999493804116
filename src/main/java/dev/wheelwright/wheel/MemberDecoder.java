package dev.wheelwright.wheel;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.jvm.JarInfo;
import dev.wheelwright.binary.jvm.JarScanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the bytes of members that look native into binary facts through {@link BinaryReader}.
 * Which members are candidates is decided from the first bytes (magic numbers) and the name, so
 * that a misnamed binary is still read and a member named like a binary that is not one (a text
 * placeholder, a Git LFS pointer, a truncated upload) is reported, never a crash. Bundled jars
 * go to the binary part's {@link JarScanner}.
 */
final class MemberDecoder {

    record Result(List<WheelFacts.WheelBinary> binaries, List<WheelFacts.InvalidBinary> invalid,
                  List<WheelFacts.BundledJar> jars) {}

    /** True when the first bytes carry a Mach-O, fat Mach-O, ELF or PE magic number. */
    boolean looksNative(byte[] head, int length) {
        return BinaryReader.detect(length >= head.length ? head : Arrays.copyOf(head, length)).isPresent();
    }

    boolean isCandidate(String name, byte[] data) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".class")) {
            return false; // 0xCAFEBABE is also the class-file magic; jars are scanned separately
        }
        return MemberNames.looksNativeByName(name) || looksNative(data, data.length) || isJar(name);
    }

    static boolean isJar(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    Result decode(Map<String, byte[]> candidates) {
        List<WheelFacts.WheelBinary> binaries = new ArrayList<>();
        List<WheelFacts.InvalidBinary> invalid = new ArrayList<>();
        List<WheelFacts.BundledJar> jars = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : candidates.entrySet()) {
            String name = e.getKey();
            byte[] data = e.getValue();
            if (isJar(name)) {
                try {
                    JarInfo jar = JarScanner.scan(name, data);
                    jars.add(new WheelFacts.BundledJar(name, jar.maxMajor(), jar.exampleClass()));
                } catch (BinaryFormatException ex) {
                    invalid.add(new WheelFacts.InvalidBinary(name, withoutName(name, ex.getMessage())));
                }
                continue;
            }
            if (BinaryReader.detect(data).isEmpty()) {
                invalid.add(new WheelFacts.InvalidBinary(name, data.length == 0 ? "the file is empty"
                        : "not a Mach-O, ELF or PE binary (unknown magic bytes" + describeHead(data) + ")"));
                continue;
            }
            try {
                BinaryInfo info = BinaryReader.read(name, data);
                binaries.add(new WheelFacts.WheelBinary(name, info));
            } catch (BinaryFormatException ex) {
                invalid.add(new WheelFacts.InvalidBinary(name, withoutName(name, ex.getMessage())));
            }
        }
        return new Result(binaries, invalid, jars);
    }

    /** The binary part's messages start with the name they were given; findings name the member already. */
    private static String withoutName(String name, String msg) {
        return msg.startsWith(name + ": ") ? msg.substring(name.length() + 2) : msg;
    }

    /** A hint at what the file is when it is text: its first line, quoted and cut. */
    private static String describeHead(byte[] data) {
        int n = Math.min(data.length, 60);
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (b == '\n' || b == '\r') {
                n = i;
                break;
            }
            if (b < 0x20 && b != '\t' || b > 0x7e) {
                return "";
            }
        }
        return n == 0 ? "" : "; starts with \"" + new String(data, 0, n, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }
}
