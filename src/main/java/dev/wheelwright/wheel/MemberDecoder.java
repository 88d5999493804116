package dev.wheelwright.wheel;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.BinaryReader;
import dev.wheelwright.binary.SparseBytes;
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
        Collector c = collector();
        candidates.forEach(c::add);
        return c.result();
    }

    Collector collector() {
        return new Collector();
    }

    /** How many times a large binary is streamed again for ranges its parse needs. */
    static final int MAX_REFETCHES = 24;
    /** The most bytes of one large binary held at once. */
    static final long MAX_HELD = 48L << 20;
    /** The largest window a parse opened that one refetch brings whole. */
    static final long MAX_WINDOW = 32L << 20;
    static final long FALLBACK_FETCH = 1L << 20;

    /** Decodes members one at a time, as the reader streams them, so their bytes can be dropped at once. */
    final class Collector {
        private final List<WheelFacts.WheelBinary> binaries = new ArrayList<>();
        private final List<WheelFacts.InvalidBinary> invalid = new ArrayList<>();
        private final List<WheelFacts.BundledJar> jars = new ArrayList<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        void add(String name, byte[] data) {
            if (!seen.add(name)) {
                return;
            }
            if (isJar(name)) {
                try {
                    JarInfo jar = JarScanner.scan(name, data);
                    jars.add(new WheelFacts.BundledJar(name, jar.maxMajor(), jar.exampleClass()));
                } catch (BinaryFormatException ex) {
                    invalid.add(new WheelFacts.InvalidBinary(name, withoutName(name, ex.getMessage())));
                }
                return;
            }
            if (BinaryReader.detect(data).isEmpty()) {
                invalid.add(new WheelFacts.InvalidBinary(name, data.length == 0 ? "the file is empty"
                        : "not a Mach-O, ELF or PE binary (unknown magic bytes" + describeHead(data) + ")"));
                return;
            }
            try {
                BinaryInfo info = BinaryReader.read(name, data);
                binaries.add(new WheelFacts.WheelBinary(name, info));
            } catch (BinaryFormatException ex) {
                invalid.add(new WheelFacts.InvalidBinary(name, withoutName(name, ex.getMessage())));
            }
        }

        /**
         * A binary too large to hold whole: parsed from the ranges held, and each time the parse
         * reads a byte not held, the member is streamed again for the window around it, up to
         * {@link #MAX_REFETCHES} times and {@link #MAX_HELD} bytes.
         */
        void addLarge(String name, SparseBytes file, byte[] head,
                      java.util.function.Function<List<long[]>, SparseBytes> refetch) {
            if (!seen.add(name)) {
                return;
            }
            if (isJar(name) || BinaryReader.detect(head).isEmpty()) {
                if (!isJar(name) && !MemberNames.looksNativeByName(name)) {
                    return; // neither named nor shaped like a binary
                }
                invalid.add(new WheelFacts.InvalidBinary(name, isJar(name)
                        ? "a Java archive too large to scan (" + file.length() + " bytes)"
                        : "not a Mach-O, ELF or PE binary (unknown magic bytes" + describeHead(head) + ")"));
                return;
            }
            SparseBytes current = file;
            for (int attempt = 0; ; attempt++) {
                try {
                    binaries.add(new WheelFacts.WheelBinary(name, BinaryReader.read(name, current, head)));
                    return;
                } catch (SparseBytes.Missing missing) {
                    List<long[]> ranges = merge(current.ranges(), missing.wanted(MAX_WINDOW, FALLBACK_FETCH));
                    long held = ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
                    if (attempt >= MAX_REFETCHES || held > MAX_HELD) {
                        invalid.add(new WheelFacts.InvalidBinary(name, "its headers point to more than "
                                + (MAX_HELD >> 20) + " MB of tables spread over the file; not read"));
                        return;
                    }
                    current = refetch.apply(ranges);
                } catch (BinaryFormatException ex) {
                    invalid.add(new WheelFacts.InvalidBinary(name, withoutName(name, ex.getMessage())));
                    return;
                }
            }
        }

        Result result() {
            return new Result(binaries, invalid, jars);
        }
    }

    /** Sorted, disjoint {start, end} ranges: {@code held} with {@code extra} added. */
    static List<long[]> merge(List<long[]> held, long[] extra) {
        List<long[]> all = new ArrayList<>(held);
        all.add(extra);
        all.sort(java.util.Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : all) {
            if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1]) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
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
