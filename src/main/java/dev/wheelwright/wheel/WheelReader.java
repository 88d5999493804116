package dev.wheelwright.wheel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a wheel into {@link WheelFacts}: one pass over the archive with commons-compress'
 * random-access {@link ZipFile} (ZIP64, data descriptors), hashing every member as RECORD
 * requires, keeping only native binaries in memory (bounded) to read their headers. Nothing is
 * ever extracted to disk.
 */
public final class WheelReader {
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};

    private final ArchiveLimits limits;
    private final MemberDecoder decoder;

    public WheelReader() {
        this(ArchiveLimits.defaults());
    }

    public WheelReader(ArchiveLimits limits) {
        this.limits = limits;
        this.decoder = new MemberDecoder();
    }

    /** Reads the wheel at {@code path}; {@code display} is how it is named in messages. */
    public WheelFacts read(Path path) {
        return read(path, path.toString());
    }

    public WheelFacts read(Path path, String display) {
        checkLooksLikeZip(path, display);
        try (ZipFile zip = ZipFile.builder().setPath(path).setUseUnicodeExtraFields(true).get()) {
            return read(zip, path, display);
        } catch (WheelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new WheelException(display + ": not a readable zip archive (" + describe(e) + ")", e);
        }
    }

    private static void checkLooksLikeZip(Path path, String display) {
        if (Files.isDirectory(path)) {
            throw new WheelException(display + ": is a directory, not a wheel file");
        }
        if (!Files.isRegularFile(path)) {
            throw new WheelException(display + ": no such file");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new WheelException(display + ": cannot be read (" + describe(e) + ")", e);
        }
        if (n == 0) {
            throw new WheelException(display + ": empty file (0 bytes), not a zip archive");
        }
        if (n < 4 || !(java.util.Arrays.equals(head, ZIP_LOCAL) || java.util.Arrays.equals(head, ZIP_EMPTY))) {
            throw new WheelException(display + ": not a zip file (bad magic bytes)");
        }
    }

    private WheelFacts read(ZipFile zip, Path path, String display) throws IOException {
        List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
        checkLimits(entries, display);
        String filename = path.getFileName() == null ? display : path.getFileName().toString();

        List<WheelMember> members = new ArrayList<>(entries.size());
        Map<String, byte[]> texts = new LinkedHashMap<>();
        MemberDecoder.Collector binaries = decoder.collector();
        long total = 0;
        for (ZipArchiveEntry e : entries) {
            if (e.isDirectory()) {
                members.add(new WheelMember(e.getName(), 0, e.getCompressedSize(), true, ""));
                continue;
            }
            if (!zip.canReadEntryData(e) && !OwnCodecs.handles(e)) {
                throw new WheelException(display + ": member " + shown(e.getName()) + " uses "
                        + (e.getGeneralPurposeBit().usesEncryption() ? "encryption" : "compression method "
                        + OwnCodecs.methodName(e.getMethod())) + ", which wheelwright cannot read");
            }
            MemberRead r = readMember(zip, e, display, limits.maxTotalSize() - total);
            total += r.size;
            members.add(new WheelMember(e.getName(), r.size, e.getCompressedSize(), false, r.sha256));
            // each member is parsed as soon as it is read and its bytes dropped: a wheel is never
            // held whole, only the member being read (or, for a large binary, the ranges its headers need)
            if (r.kept != null) {
                if (isMetadataText(e.getName())) {
                    texts.putIfAbsent(e.getName(), r.kept);
                }
                if (decoder.isCandidate(e.getName(), r.kept)) {
                    binaries.add(e.getName(), r.kept);
                }
            } else if (r.sparse != null) {
                binaries.addLarge(e.getName(), r.sparse, r.head, ranges -> restream(zip, e, ranges));
            }
        }
        return assemble(display, filename, members, texts, binaries.result());
    }

    private void checkLimits(List<ZipArchiveEntry> entries, String display) {
        if (entries.size() > limits.maxMembers()) {
            throw new ArchiveLimitException(display + ": " + entries.size() + " members, more than the limit of "
                    + limits.maxMembers() + " (refusing a possible zip bomb)", "members");
        }
        long declared = 0;
        for (ZipArchiveEntry e : entries) {
            if (e.getRawName() != null && e.getRawName().length > limits.maxNameLength()) {
                throw new ArchiveLimitException(display + ": a member name is " + e.getRawName().length
                        + " bytes long, more than the limit of " + limits.maxNameLength(), "name-length");
            }
            long size = e.getSize();
            if (size > 0) {
                declared += size;
                checkRatio(display, e.getName(), size, e.getCompressedSize());
            }
        }
        if (declared > limits.maxTotalSize()) {
            throw new ArchiveLimitException(display + ": members declare " + declared
                    + " bytes uncompressed, more than the limit of " + limits.maxTotalSize()
                    + " (refusing a possible zip bomb; --max-uncompressed raises it)", "uncompressed");
        }
    }

    private void checkRatio(String display, String name, long size, long compressed) {
        if (size > limits.ratioFloor() && compressed > 0 && (double) size / compressed > limits.maxRatio()) {
            throw new ArchiveLimitException(display + ": member " + shown(name) + " expands " + (size / compressed)
                    + " times (" + compressed + " to " + size + " bytes), more than the limit of "
                    + (long) limits.maxRatio() + " (refusing a possible zip bomb)", "ratio");
        }
    }

    private record MemberRead(long size, String sha256, byte[] kept, dev.wheelwright.binary.SparseBytes sparse, byte[] head) {}

    /** Members at most this large are kept whole when they may be binaries; larger ones only in part. */
    static final long WHOLE_LIMIT = 16L << 20;
    /** How much of a large binary's start and end the first pass keeps. */
    static final int HEAD_KEPT = 4 << 20;
    static final int TAIL_KEPT = 1 << 20;

    private long wholeLimit = WHOLE_LIMIT;
    private int headKept = HEAD_KEPT;
    private int tailKept = TAIL_KEPT;

    /** Smaller thresholds for large binaries, so tests exercise partial reads on small real files. */
    WheelReader partialThresholds(long whole, int head, int tail) {
        if (head > whole || head <= 0 || tail <= 0) {
            throw new IllegalArgumentException("head must be positive and at most the whole-member limit");
        }
        wholeLimit = whole;
        headKept = head;
        tailKept = tail;
        return this;
    }

    /**
     * Streams one member: sha256 and CRC-32 over every byte, counting against the declared size
     * and the remaining total budget, keeping the bytes only when the member may be metadata or a
     * native binary (decided from its name and first bytes).
     */
    private MemberRead readMember(ZipFile zip, ZipArchiveEntry e, String display, long budget) throws IOException {
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        String lower = e.getName().toLowerCase(Locale.ROOT);
        boolean metadata = isMetadataText(e.getName());
        boolean jar = lower.endsWith(".jar");
        boolean keepByName = metadata || MemberNames.looksNativeByName(e.getName()) || jar;
        ByteArrayOutputStream kept = null;
        byte[] head = null;
        int headLength = 0;
        byte[] tail = null;
        boolean partial = false;
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        boolean decided = false;
        try (InputStream in = open(zip, e, display)) {
            // the first chunk is read in full so that the magic-number test sees enough bytes
            int n = in.readNBytes(buf, 0, 4096);
            for (; n > 0; n = in.read(buf)) {
                if (!decided) {
                    decided = true;
                    if (keepByName || decoder.looksNative(buf, n)) {
                        kept = new ByteArrayOutputStream((int) Math.min(Math.max(e.getSize(), n), 1 << 20));
                    }
                }
                size += n;
                if (size > budget) {
                    throw new ArchiveLimitException(display + ": uncompressed content exceeds the limit of "
                            + limits.maxTotalSize() + " bytes at member " + shown(e.getName())
                            + " (refusing a possible zip bomb; --max-uncompressed raises it)", "uncompressed");
                }
                if (e.getSize() >= 0 && size > e.getSize()) {
                    throw new WheelException(display + ": member " + shown(e.getName()) + " holds more data than its declared size of "
                            + e.getSize() + " bytes (damaged or hostile archive)");
                }
                checkRatio(display, e.getName(), size, Math.max(1, e.getCompressedSize()));
                sha.update(buf, 0, n);
                crc.update(buf, 0, n);
                if (kept != null) {
                    long whole = metadata ? limits.maxBinarySize() : jar ? Math.min(limits.maxBinarySize(), 64L << 20) : wholeLimit;
                    if (size <= whole) {
                        kept.write(buf, 0, n);
                    } else if (metadata || jar || size > limits.maxBinarySize()) {
                        kept = null; // too large to keep: hashed, but not read
                        partial = false;
                        tail = null;
                        head = null;
                    } else {
                        // a large binary: from here on only its first and last bytes are kept
                        byte[] sofar = kept.toByteArray();
                        kept = null;
                        partial = true;
                        headLength = Math.min(headKept, sofar.length);
                        head = java.util.Arrays.copyOf(sofar, headKept);
                        tail = new byte[tailKept];
                        // the bytes already read past the head, then this chunk, go to the tail ring
                        for (int i = headLength; i < sofar.length; i++) {
                            tail[(int) ((long) i % tailKept)] = sofar[i];
                        }
                        long at = size - n;
                        for (int i = 0; i < n; i++) {
                            keepPartial(head, tail, at + i, buf[i]);
                        }
                        headLength = (int) Math.min(headKept, size);
                    }
                } else if (partial) {
                    long at = size - n;
                    if (at < headKept) {
                        int k = (int) Math.min(n, headKept - at);
                        System.arraycopy(buf, 0, head, (int) at, k);
                        ring(tail, at + k, buf, k, n - k);
                        headLength = (int) Math.min(headKept, size);
                    } else {
                        ring(tail, at, buf, 0, n);
                    }
                }
            }
        } catch (IOException ex) {
            // ZipException and EOFException from inflating, the other codecs' own IOExceptions
            throw new WheelException(display + ": member " + shown(e.getName()) + " cannot be decompressed (" + describe(ex)
                    + "); the archive is damaged or truncated", ex);
        } catch (LinkageError ex) {
            // a codec whose classes or native library this installation lacks (zstd-jni on an
            // operating system or architecture it ships no library for)
            throw new WheelException(display + ": member " + shown(e.getName()) + " uses compression method "
                    + OwnCodecs.methodName(e.getMethod()) + ", which this installation cannot decompress (" + describe(ex) + ")", ex);
        }
        if (e.getSize() >= 0 && size != e.getSize()) {
            throw new WheelException(display + ": member " + shown(e.getName()) + " is " + size + " bytes but the archive declares "
                    + e.getSize() + " (damaged or truncated archive)");
        }
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new WheelException(display + ": member " + shown(e.getName()) + " fails its CRC-32 check (damaged archive)");
        }
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        if (partial) {
            return new MemberRead(size, digest, null, partialFile(size, head, tail), java.util.Arrays.copyOf(head, Math.min(64, head.length)));
        }
        byte[] bytes = kept != null ? kept.toByteArray() : (size == 0 && keepByName ? new byte[0] : null);
        return new MemberRead(size, digest, bytes, null, null);
    }

    /** Writes {@code len} bytes that sit at {@code pos} of the file into the tail ring (only the last ring-full matter). */
    private static void ring(byte[] tail, long pos, byte[] buf, int off, int len) {
        if (len > tail.length) {
            off += len - tail.length;
            pos += len - tail.length;
            len = tail.length;
        }
        int p = (int) (pos % tail.length);
        int first = Math.min(len, tail.length - p);
        System.arraycopy(buf, off, tail, p, first);
        System.arraycopy(buf, off + first, tail, 0, len - first);
    }

    private static void keepPartial(byte[] head, byte[] tail, long pos, byte b) {
        if (pos < head.length) {
            head[(int) pos] = b;
        } else {
            tail[(int) (pos % tail.length)] = b;
        }
    }

    /** The first {@link #headKept} and the last {@link #tailKept} bytes of a file of {@code size} bytes. */
    private dev.wheelwright.binary.SparseBytes partialFile(long size, byte[] head, byte[] ring) {
        long tailStart = Math.max(headKept, size - tailKept);
        int tailLength = (int) (size - tailStart);
        byte[] tail = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            tail[i] = ring[(int) ((tailStart + i) % tailKept)];
        }
        if (tailLength == 0) {
            return new dev.wheelwright.binary.SparseBytes(size, new long[] {0}, new byte[][] {head});
        }
        return new dev.wheelwright.binary.SparseBytes(size, new long[] {0, tailStart}, new byte[][] {head, tail});
    }

    /**
     * Streams a member again and keeps the given {start, end} ranges (sorted, disjoint): what a
     * parse of a large binary found it needs beyond the first pass's head and tail.
     */
    private static dev.wheelwright.binary.SparseBytes restream(ZipFile zip, ZipArchiveEntry e, List<long[]> ranges) {
        return restream(zip, e, ranges, e.getName());
    }

    private static dev.wheelwright.binary.SparseBytes restream(ZipFile zip, ZipArchiveEntry e, List<long[]> ranges, String display) {
        long[] starts = new long[ranges.size()];
        byte[][] chunks = new byte[ranges.size()][];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = ranges.get(i)[0];
            chunks[i] = new byte[(int) (ranges.get(i)[1] - ranges.get(i)[0])];
        }
        byte[] buf = new byte[64 * 1024];
        long pos = 0;
        int r = 0;
        try (InputStream in = open(zip, e, display)) {
            for (int n = in.read(buf); n > 0 && r < starts.length; n = in.read(buf)) {
                long end = pos + n;
                while (r < starts.length && starts[r] < end) {
                    long rs = starts[r];
                    long re = rs + chunks[r].length;
                    long from = Math.max(rs, pos);
                    long to = Math.min(re, end);
                    if (to > from) {
                        System.arraycopy(buf, (int) (from - pos), chunks[r], (int) (from - rs), (int) (to - from));
                    }
                    if (re <= end) {
                        r++;
                    } else {
                        break;
                    }
                }
                pos = end;
            }
        } catch (IOException ex) {
            throw new WheelException(shown(e.getName()) + ": cannot be read again (" + describe(ex) + ")", ex);
        }
        return new dev.wheelwright.binary.SparseBytes(e.getSize() >= 0 ? e.getSize() : pos, starts, chunks);
    }

    private static boolean isMetadataText(String name) {
        int slash = name.indexOf('/');
        if (slash < 0 || name.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        String dir = name.substring(0, slash);
        String file = name.substring(slash + 1);
        return dir.endsWith(".dist-info")
                && (file.equals("WHEEL") || file.equals("METADATA") || file.equals("RECORD") || file.equals("entry_points.txt"));
    }

    private WheelFacts assemble(String display, String filename, List<WheelMember> members,
                                Map<String, byte[]> texts, MemberDecoder.Result bins) {
        List<String> distInfoDirs = new ArrayList<>();
        for (WheelMember m : members) {
            int slash = m.name().indexOf('/');
            String top = slash < 0 ? (m.directory() ? m.name() : null) : m.name().substring(0, slash);
            if (top != null && top.endsWith(".dist-info") && !distInfoDirs.contains(top)) {
                distInfoDirs.add(top);
            }
        }
        String distInfo = chooseDistInfo(filename, distInfoDirs);
        HeaderFile wheelFile = null;
        HeaderFile metadata = null;
        List<RecordEntry> record = null;
        Map<String, Map<String, String>> entryPoints = Map.of();
        if (distInfo != null) {
            byte[] w = texts.get(distInfo + "/WHEEL");
            wheelFile = w == null ? null : HeaderFile.parse(decode(w));
            byte[] md = texts.get(distInfo + "/METADATA");
            metadata = md == null ? null : HeaderFile.parse(decode(md));
            byte[] rec = texts.get(distInfo + "/RECORD");
            record = rec == null ? null : RecordParser.parse(decode(rec));
            byte[] ep = texts.get(distInfo + "/entry_points.txt");
            entryPoints = ep == null ? Map.of() : EntryPoints.parse(decode(ep));
        }
        List<RecordIssue> issues = record == null ? List.of() : verifyRecord(record, members, distInfo);
        return new WheelFacts(display, filename, members, distInfoDirs, distInfo, wheelFile, metadata, record, issues,
                entryPoints, bins.binaries(), bins.invalid(), bins.jars());
    }

    /**
     * The dist-info folder named after the wheel (binary distribution format:
     * {@code {distribution}-{version}.dist-info}), else the only one there is.
     */
    private static String chooseDistInfo(String filename, List<String> dirs) {
        if (dirs.isEmpty()) {
            return null;
        }
        String[] parts = filename.endsWith(".whl") ? filename.substring(0, filename.length() - 4).split("-") : new String[0];
        if (parts.length >= 2) {
            String want = (normalize(parts[0]) + "-" + parts[1] + ".dist-info").toLowerCase(Locale.ROOT);
            for (String d : dirs) {
                String[] dp = d.substring(0, d.length() - ".dist-info".length()).split("-", 2);
                if (dp.length == 2 && (normalize(dp[0]) + "-" + dp[1] + ".dist-info").toLowerCase(Locale.ROOT).equals(want)) {
                    return d;
                }
            }
        }
        return dirs.get(0);
    }

    /** PEP 503-style normalisation with underscores, as wheel file names spell distributions. */
    private static String normalize(String name) {
        return name.replaceAll("[-_.]+", "_").toLowerCase(Locale.ROOT);
    }

    private static List<RecordIssue> verifyRecord(List<RecordEntry> record, List<WheelMember> members, String distInfo) {
        List<RecordIssue> issues = new ArrayList<>();
        Map<String, WheelMember> files = new LinkedHashMap<>();
        for (WheelMember m : members) {
            if (!m.directory()) {
                files.putIfAbsent(m.name(), m);
            }
        }
        String recordPath = distInfo + "/RECORD";
        Set<String> listed = new HashSet<>();
        for (RecordEntry r : record) {
            if (!listed.add(r.path())) {
                issues.add(new RecordIssue(RecordIssue.Kind.DUPLICATE_ROW, r.path(), r.line(), "", ""));
                continue;
            }
            WheelMember m = files.get(r.path());
            if (m == null) {
                issues.add(new RecordIssue(RecordIssue.Kind.FILE_MISSING, r.path(), r.line(), "", ""));
                continue;
            }
            if (r.path().equals(recordPath)) {
                continue; // binary distribution format: RECORD's own row carries no hash
            }
            if (r.algorithm().isEmpty()) {
                issues.add(new RecordIssue(RecordIssue.Kind.BAD_ROW, r.path(), r.line(), "a sha256 hash", "no hash"));
                continue;
            }
            if (!r.algorithm().equals("sha256")) {
                // Binary distribution format: the hash algorithm must be sha256 or better; this
                // reader verifies sha256 and reports anything else as unverifiable.
                issues.add(new RecordIssue(RecordIssue.Kind.BAD_ROW, r.path(), r.line(), "sha256", r.algorithm()));
                continue;
            }
            if (!r.digest().equals(m.sha256())) {
                String encoding = otherEncoding(r.digest(), m.sha256());
                issues.add(encoding != null
                        ? new RecordIssue(RecordIssue.Kind.DIGEST_ENCODING, r.path(), r.line(), "urlsafe base64 without padding", encoding)
                        : new RecordIssue(RecordIssue.Kind.HASH_MISMATCH, r.path(), r.line(), r.digest(), m.sha256()));
            } else if (r.size() >= 0 && r.size() != m.size()) {
                issues.add(new RecordIssue(RecordIssue.Kind.SIZE_MISMATCH, r.path(), r.line(),
                        Long.toString(r.size()), Long.toString(m.size())));
            }
        }
        for (String name : files.keySet()) {
            // Binary distribution format: RECORD.jws and RECORD.p7s are not listed in RECORD.
            if (!listed.contains(name) && !name.equals(distInfo + "/RECORD.jws") && !name.equals(distInfo + "/RECORD.p7s")) {
                issues.add(new RecordIssue(RecordIssue.Kind.NOT_IN_RECORD, name, 0, "", ""));
            }
        }
        return issues;
    }

    /**
     * The encoding a RECORD digest uses when it is the file's sha256 written other than as the
     * format requires (urlsafe base64 without {@code =} padding, per the recording-installed-packages
     * specification): {@code hex}, {@code padded base64} or {@code standard base64}; null when it is
     * not the file's digest at all.
     */
    static String otherEncoding(String recorded, String urlsafeNoPad) {
        byte[] digest;
        try {
            digest = java.util.Base64.getUrlDecoder().decode(urlsafeNoPad);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (recorded.equalsIgnoreCase(java.util.HexFormat.of().formatHex(digest))) {
            return "hex";
        }
        if (recorded.equals(java.util.Base64.getUrlEncoder().encodeToString(digest))) {
            return "padded base64";
        }
        String standard = java.util.Base64.getEncoder().encodeToString(digest);
        if (recorded.equals(standard) || recorded.equals(standard.replace("=", ""))) {
            return "standard base64";
        }
        return null;
    }

    /** UTF-8 (core metadata and RECORD are UTF-8); invalid bytes become U+FFFD rather than failing. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The decompressed content of a member: commons-compress' codecs, and ours for xz and LZMA. */
    private static InputStream open(ZipFile zip, ZipArchiveEntry e, String display) throws IOException {
        if (OwnCodecs.handles(e)) {
            return OwnCodecs.open(zip, e);
        }
        return zip.getInputStream(e);
    }

    /** A member name as messages quote it: on one line, long ones cut in the middle. */
    static String shown(String name) {
        return dev.wheelwright.InputExcerpt.of(name);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return dev.wheelwright.InputExcerpt.of(m);
    }
}
