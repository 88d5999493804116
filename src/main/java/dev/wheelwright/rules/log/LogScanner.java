package dev.wheelwright.rules.log;

import dev.wheelwright.facts.BuildLogs.LogSource;
import dev.wheelwright.rules.LogPattern;
import dev.wheelwright.rules.RuleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * Streams a log once and reports every line that a log rule's pattern matches, with the package
 * being built at that line.
 *
 * <p>Cost grows with the log, not with log × rules: each pattern's required literals (derived
 * from the regex, see {@link RequiredLiterals}, or declared) go into one Aho–Corasick automaton;
 * each line is run through it once, and a regex runs only on the lines that contain one of its
 * literals. The log is read in chunks cut at line ends; chunks are decoded, normalised and
 * matched on a small worker pool while the calling thread reads ahead and then consumes the
 * chunk results strictly in order (package context is sequential). At most a few chunks are in
 * flight, so memory stays bounded whatever the log's size; a line longer than the chunk limit
 * is cut.
 *
 * <p>Hard-wrapped lines: when a long line and the next line did not match a pattern alone, the
 * scanner tries their concatenation and keeps a match that spans the join (reported at the first
 * line's number).
 */
public final class LogScanner {
    static final int CHUNK = 1 << 22;           // 4 MiB read unit
    static final int MAX_LINE = 1 << 20;        // longer lines are cut into pieces
    static final int WRAP_MIN = 60;             // shorter lines are not considered hard-wrapped
    private static final int IN_FLIGHT = 4;

    private final List<RuleDefinition> rules;
    private final List<Entry> entries = new ArrayList<>();   // one per (rule, pattern), then context patterns
    private final List<Integer> alwaysRun = new ArrayList<>(); // entries without literals
    private final MultiLiteralMatcher filter;
    private final int ruleEntries;
    private final int threads;
    private final int chunkSize;

    private record Entry(int rule, LogPattern pattern, PackageContext.ContextPattern context) {}

    public LogScanner(List<RuleDefinition> logRules) {
        this(logRules, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    public LogScanner(List<RuleDefinition> logRules, int threads) {
        this(logRules, threads, CHUNK);
    }

    /** With a given read unit; small chunks let tests cross chunk boundaries often. */
    LogScanner(List<RuleDefinition> logRules, int threads, int chunkSize) {
        this.rules = List.copyOf(logRules);
        this.threads = threads;
        this.chunkSize = chunkSize;
        List<List<String>> needles = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            for (LogPattern p : rules.get(r).patterns()) {
                entries.add(new Entry(r, p, null));
                needles.add(p.literals());
            }
        }
        ruleEntries = entries.size();
        for (PackageContext.ContextPattern c : PackageContext.PATTERNS) {
            entries.add(new Entry(-1, null, c));
            needles.add(c.literals());
        }
        for (int i = 0; i < entries.size(); i++) {
            if (needles.get(i).isEmpty()) {
                alwaysRun.add(i);
            }
        }
        filter = new MultiLiteralMatcher(needles);
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    /** Scans one log; hits reach {@code sink} in the calling thread, ordered by line except for back-filled ones. */
    public void scan(LogSource log, Consumer<LogHit> sink) throws IOException {
        try (InputStream in = log.open()) {
            scan(in, sink);
        }
    }

    public void scan(InputStream in, Consumer<LogHit> sink) throws IOException {
        InOrder state = new InOrder(sink);
        byte[] carry = new byte[0];
        boolean crOnly = false;
        boolean first = true;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "log-scan");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Future<ChunkResult>> pending = new ArrayDeque<>();
        try {
            boolean skipping = false; // inside the rest of a line cut at MAX_LINE
            while (true) {
                byte[] buf = new byte[carry.length + chunkSize];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int len = carry.length;
                int n;
                while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                    len += n;
                }
                boolean eof = len < buf.length;
                if (first) {
                    crOnly = detectCrOnly(buf, len);
                    first = false;
                }
                byte nl = crOnly ? (byte) '\r' : (byte) '\n';
                if (skipping) {
                    int i = 0;
                    while (i < len && buf[i] != nl) {
                        i++;
                    }
                    if (i == len) {
                        carry = new byte[0];
                        if (eof) {
                            break;
                        }
                        continue;
                    }
                    skipping = false;
                    buf = java.util.Arrays.copyOfRange(buf, i + 1, len);
                    len = buf.length;
                }
                int cut = eof ? len : lastBreak(buf, len, crOnly);
                if (cut <= 0 && !eof) {
                    if (len < MAX_LINE) {
                        carry = java.util.Arrays.copyOf(buf, len); // a long line: read on
                        continue;
                    }
                    cut = len;          // an overlong line: keep its first MAX_LINE bytes, skip the rest
                    skipping = true;
                }
                byte[] chunk = buf;
                int chunkLen = cut;
                boolean cr = crOnly;
                if (pool == null) {
                    state.accept(scanChunk(chunk, chunkLen, cr));
                } else {
                    pending.add(pool.submit(() -> scanChunk(chunk, chunkLen, cr)));
                    while (pending.size() >= IN_FLIGHT) {
                        state.accept(get(pending.poll()));
                    }
                }
                carry = java.util.Arrays.copyOfRange(buf, cut, len);
                if (eof) {
                    break;
                }
            }
            while (!pending.isEmpty()) {
                state.accept(get(pending.poll()));
            }
            state.finish();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static ChunkResult get(Future<ChunkResult> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("log scan interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A file whose first chunk has carriage returns but no line feed uses CR as its line end (classic Mac). */
    private static boolean detectCrOnly(byte[] buf, int len) {
        boolean cr = false;
        for (int i = 0; i < Math.min(len, 1 << 16); i++) {
            if (buf[i] == '\n') {
                return false;
            }
            cr |= buf[i] == '\r';
        }
        return cr;
    }

    private static int lastBreak(byte[] buf, int len, boolean crOnly) {
        byte nl = crOnly ? (byte) '\r' : (byte) '\n';
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == nl) {
                return i + 1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- per chunk (worker threads)

    /** What one chunk gave: its line count and its events (hits and context lines), in line order. */
    record ChunkResult(int lines, List<Event> events) {}

    /** A rule hit ({@code context == null}) or a context line, at a line relative to the chunk (0-based). */
    record Event(int line, int rule, String text, Map<String, String> captures, PackageContext.Kind context,
                 String pkg, boolean generic) {}

    private ChunkResult scanChunk(byte[] buf, int len, boolean crOnly) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<Event> events = new ArrayList<>();
        byte nl = crOnly ? (byte) '\r' : (byte) '\n';
        int line = 0;
        int start = 0;
        BitSet found = new BitSet(entries.size());
        String prevText = null;      // previous line, kept for the hard-wrap join
        BitSet prevMatched = new BitSet();
        int prevLine = -1;
        while (start < len) {
            int end = start;
            while (end < len && buf[end] != nl) {
                end++;
            }
            int contentEnd = end;
            if (!crOnly && contentEnd > start && buf[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            String text = LineNormalizer.normalize(decode(decoder, buf, start, Math.min(contentEnd, start + MAX_LINE)));
            found.clear();
            filter.find(text, found);
            for (int a : alwaysRun) {
                found.set(a);
            }
            BitSet matched = new BitSet();
            boolean generic = false;
            boolean genericKnown = false;
            for (int e = found.nextSetBit(0); e >= 0; e = found.nextSetBit(e + 1)) {
                Entry entry = entries.get(e);
                if (entry.context() != null) {
                    String pkg = PackageContext.name(entry.context(), text);
                    if (pkg != null) {
                        events.add(new Event(line, -1, text, Map.of(), entry.context().kind(), pkg, false));
                    }
                    continue;
                }
                Matcher m = entry.pattern().pattern().matcher(text);
                if (m.find()) {
                    if (!genericKnown) {
                        generic = GenericLines.isGeneric(text);
                        genericKnown = true;
                    }
                    matched.set(entry.rule());
                    events.add(new Event(line, entry.rule(), text, captures(entry.pattern(), m), null, null, generic));
                }
            }
            // hard-wrapped line: try previous + this one, for rules neither matched alone
            if (prevText != null && prevText.length() >= WRAP_MIN && !text.isEmpty()) {
                joinHits(prevText, text, prevLine, prevMatched, matched, events);
            }
            prevText = text;
            prevMatched = matched;
            prevLine = line;
            line++;
            start = end + 1;
            if (end == len) {
                break; // last line without a line end
            }
        }
        return new ChunkResult(line, events);
    }

    private void joinHits(String a, String b, int aLine, BitSet aMatched, BitSet bMatched, List<Event> events) {
        String bTrim = b.stripLeading();
        for (String joined : new String[] {a + bTrim, a + " " + bTrim}) {
            BitSet found = new BitSet(entries.size());
            filter.find(joined, found);
            for (int x : alwaysRun) {
                found.set(x);
            }
            int boundary = a.length();
            for (int e = found.nextSetBit(0); e >= 0 && e < ruleEntries; e = found.nextSetBit(e + 1)) {
                Entry entry = entries.get(e);
                if (aMatched.get(entry.rule()) || bMatched.get(entry.rule())) {
                    continue;
                }
                Matcher m = entry.pattern().pattern().matcher(joined);
                while (m.find()) {
                    if (m.start() < boundary && m.end() > boundary) {
                        aMatched.set(entry.rule());
                        // inserted before this line's events so that events stay in line order
                        int at = events.size();
                        while (at > 0 && events.get(at - 1).line() > aLine) {
                            at--;
                        }
                        events.add(at, new Event(aLine, entry.rule(), joined, captures(entry.pattern(), m), null, null,
                                GenericLines.isGeneric(joined)));
                        break;
                    }
                }
            }
        }
    }

    private static Map<String, String> captures(LogPattern p, Matcher m) {
        if (p.groups().isEmpty()) {
            return Map.of();
        }
        Map<String, String> c = new HashMap<>();
        for (String g : p.groups()) {
            String v = m.group(g);
            c.put(g, v == null ? "" : v);
        }
        return c;
    }

    private static String decode(CharsetDecoder decoder, byte[] buf, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            decoder.reset();
            CharBuffer cb = decoder.decode(ByteBuffer.wrap(buf, from, to - from));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(e); // cannot happen with REPLACE
        }
    }

    // ---------------------------------------------------------------- in order (calling thread)

    /** Applies chunk results in order: absolute line numbers, package context, back-fill. */
    private static final class InOrder {
        private static final int MAX_PENDING = 1000;
        private final Consumer<LogHit> sink;
        private long base = 0;
        private String pkg = "";
        private final List<Event> unnamed = new ArrayList<>();
        private final List<Long> unnamedLines = new ArrayList<>();

        InOrder(Consumer<LogHit> sink) {
            this.sink = sink;
        }

        void accept(ChunkResult r) {
            for (Event e : r.events()) {
                long line = base + e.line() + 1;
                if (e.context() == PackageContext.Kind.HEADING) {
                    flushUnnamed("");
                    pkg = e.pkg();
                } else if (e.context() == PackageContext.Kind.FAILED) {
                    flushUnnamed(e.pkg());
                    if (pkg.isEmpty()) {
                        pkg = e.pkg();
                    }
                } else if (pkg.isEmpty() && unnamed.size() < MAX_PENDING) {
                    unnamed.add(e);
                    unnamedLines.add(line);
                } else {
                    sink.accept(new LogHit(e.rule(), line, e.text(), e.captures(), pkg, e.generic()));
                }
            }
            base += r.lines();
        }

        private void flushUnnamed(String name) {
            for (int i = 0; i < unnamed.size(); i++) {
                Event e = unnamed.get(i);
                sink.accept(new LogHit(e.rule(), unnamedLines.get(i), e.text(), e.captures(), name, e.generic()));
            }
            unnamed.clear();
            unnamedLines.clear();
        }

        void finish() {
            flushUnnamed("");
        }
    }
}
