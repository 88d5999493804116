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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a log once and reports every line that a log rule's pattern matches, with the package
 * being built at that line.
 *
 * <p>Cost grows with the log, not with log × rules: each pattern's required literals (derived
 * from the regex, see {@link RequiredLiterals}, or declared) go into one Aho–Corasick automaton,
 * compiled to a DFA over UTF-8 bytes. The log is read in chunks cut at line ends; on a small
 * worker pool each chunk runs once through the DFA as raw bytes, two lines at a time
 * ({@link LineScan}), which also finds the line ends, and only a line where a literal
 * occurred is decoded, normalised ({@link LineNormalizer}; its prefixes are found on the
 * bytes) and given to the regexes that literal stands for. A line
 * with ANSI escapes or carriage returns, which normalisation rewrites inside the line, is
 * decoded and normalised first and filtered as text. The calling thread reads ahead and then
 * consumes the chunk results strictly in order (package context is sequential). At most a few
 * chunks are in flight, so memory stays bounded whatever the log's size; a line longer than the
 * chunk limit is cut.
 *
 * <p>Hard-wrapped lines: when a long line and the next line did not match a pattern alone, the
 * scanner tries their concatenation and keeps a match that spans the join (reported at the first
 * line's number).
 */
public final class LogScanner {
    static final int CHUNK = 1 << 22;           // 4 MiB read unit
    static final int MAX_LINE = 1 << 20;        // longer lines are cut into pieces
    static final int WRAP_MIN = 60;             // shorter lines are not considered hard-wrapped
    static final int MAX_RUN_LINES = 12;        // a fixed-width wrapped message longer than this is cut
    private static final int IN_FLIGHT = 4;
    private static final int CARRY_SLACK = 1 << 16;

    private final List<RuleDefinition> rules;
    private final List<Entry> entries = new ArrayList<>();   // one per (rule, pattern), then context patterns
    private final int[] alwaysRun;           // entries without literals
    private final MultiLiteralMatcher.Compact compact; // the byte DFA as the inner loop reads it
    private final MultiLiteralMatcher filter;
    private final int ruleEntries;
    private final int[][] alsoNeeds;         // per entry: its further required literal clauses (indexes into clauses; all must be there)
    private final ClauseSearch[] clauses;    // per clause: its literals (one of them must be there), and how to look for them
    private final byte[][] startFacts;       // per entry: the words of a fact told by its line's start alone, or null
    private final int[] startFactEntries;    // the entries that have them
    private final IdBits startFactMask;      // the same, as a set: one test a line
    private final int tagEntry;              // the fact entry of pip debug's tag lines
    private final boolean[] anchored;        // per entry: its regex can only match at the text's start
    private final boolean[] leading;         // per rule entry: every match starts with one of its needles
    private final AnchoredStart[] starts;    // per anchored entry: what its line's first bytes must be, or null
    private final int threads;
    private final int chunkSize;
    private final boolean bytePath;

    private record Entry(int rule, LogPattern pattern, PackageContext.ContextPattern context, LogFacts.FactPattern fact) {}

    public LogScanner(List<RuleDefinition> logRules) {
        this(logRules, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    public LogScanner(List<RuleDefinition> logRules, int threads) {
        this(logRules, threads, CHUNK);
    }

    /** With a given read unit; small chunks let tests cross chunk boundaries often. */
    LogScanner(List<RuleDefinition> logRules, int threads, int chunkSize) {
        this(logRules, threads, chunkSize, true);
    }

    /**
     * With {@code bytePath = false} every line is decoded and normalised before the literal
     * filter runs (the reference the byte-level path is tested against).
     */
    LogScanner(List<RuleDefinition> logRules, int threads, int chunkSize, boolean bytePath) {
        this.bytePath = bytePath;
        this.rules = List.copyOf(logRules);
        this.threads = threads;
        this.chunkSize = chunkSize;
        List<List<String>> needles = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            for (LogPattern p : rules.get(r).patterns()) {
                entries.add(new Entry(r, p, null, null));
                needles.add(p.literals());
            }
        }
        ruleEntries = entries.size();
        for (PackageContext.ContextPattern c : PackageContext.PATTERNS) {
            entries.add(new Entry(-1, null, c, null));
            needles.add(c.literals());
        }
        for (LogFacts.FactPattern f : LogFacts.PATTERNS) {
            entries.add(new Entry(-1, null, null, f));
            needles.add(f.literals());
        }
        // every pattern's further required literals (a fact's and a context's too: pip's "Successfully
        // built numpy" is on many lines, the fact wants "Successfully built x.whl")
        List<List<String>> clauses = new ArrayList<>();
        List<int[]> also = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            List<String> primary = needles.get(e);
            List<Integer> ids = new ArrayList<>();
            if (!primary.isEmpty()) {
                for (List<String> c : RequiredLiterals.clauses(regex(entries.get(e)))) {
                    if (!new java.util.HashSet<>(c).equals(new java.util.HashSet<>(primary))) {
                        int at = clauses.indexOf(c);
                        if (at < 0) {
                            at = clauses.size();
                            clauses.add(c);
                        }
                        ids.add(at);
                    }
                }
            }
            also.add(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        startFacts = new byte[entries.size()][];
        for (int e = ruleEntries; e < entries.size(); e++) {
            startFacts[e] = entries.get(e).fact() == null ? null : startFact(entries.get(e).fact());
        }
        startFactEntries = java.util.stream.IntStream.range(0, entries.size()).filter(e -> startFacts[e] != null).toArray();
        startFactMask = new IdBits(entries.size());
        for (int e : startFactEntries) {
            startFactMask.set(e);
        }
        int te = -1;
        for (int e = ruleEntries; e < entries.size(); e++) {
            LogFacts.FactPattern f = entries.get(e).fact();
            if (f != null && f.field() == LogFacts.Field.TAG) {
                te = e;
            }
        }
        tagEntry = te;
        alwaysRun = java.util.stream.IntStream.range(0, entries.size()).filter(i -> needles.get(i).isEmpty()).toArray();
        // the further clauses are not in the automaton: their literals ("build", "whl", "x86_64", "linux"...) were
        // two thirds of its hits on pip and compiler logs, each a way out of its inner loop. They are looked for
        // in a line only when an entry that needs them has its own needle there, and the answer is kept.
        alsoNeeds = new int[entries.size()][];
        for (int e = 0; e < entries.size(); e++) {
            alsoNeeds[e] = also.get(e).clone();
        }
        this.clauses = clauses.stream().map(ClauseSearch::new).toArray(ClauseSearch[]::new);
        anchored = new boolean[entries.size()];
        starts = new AnchoredStart[entries.size()];
        for (int e = 0; e < entries.size(); e++) {
            Pattern p = pattern(entries.get(e));
            anchored[e] = anchoredAtStart(p);
            starts[e] = anchored[e] ? AnchoredStart.of(p) : null;
        }
        leading = new boolean[entries.size()];
        for (int e = 0; e < ruleEntries; e++) {
            leading[e] = startsWithNeedle(entries.get(e).pattern().regex(), needles.get(e));
        }
        filter = new MultiLiteralMatcher(needles);
        // bytes that need a look in the inner loop: the line end, controls other than tab (ESC, CR) and non-ASCII
        boolean[] look = new boolean[256];
        for (int u = 0; u < 256; u++) {
            look[u] = (u < 0x20 && u != '\t') || u >= 0x80;
        }
        compact = filter.bytes().compact(look);
    }

    /**
     * Whether every match of {@code regex} starts with one of {@code needles} (ASCII, compared
     * ignoring case as the literal filter does): then a match that crosses a join of two lines
     * starts in the first, so its needle is in the first line or across the join.
     */
    static boolean startsWithNeedle(String regex, List<String> needles) {
        List<String> lead = RequiredLiterals.leading(regex);
        if (lead == null || needles.isEmpty()) {
            return false;
        }
        for (String l : lead) {
            String x = l.toLowerCase(java.util.Locale.ROOT);
            if (needles.stream().noneMatch(n -> n.chars().allMatch(c -> c < 128) && x.startsWith(n.toLowerCase(java.util.Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static String regex(Entry x) {
        return x.pattern() != null ? x.pattern().regex() : pattern(x).pattern();
    }

    private static Pattern pattern(Entry x) {
        return x.pattern() != null ? x.pattern().pattern() : x.context() != null ? x.context().pattern() : x.fact().pattern();
    }

    /**
     * Whether {@code p} can match only at the start of the text: its regex starts with {@code ^}
     * (after inline flags), has no alternative outside a group, and no multi-line mode. Such a
     * pattern is tried with {@link Matcher#lookingAt()}, which gives the same match as
     * {@link Matcher#find()} (whose first try is at the start) without trying every later
     * position in vain.
     */
    static boolean anchoredAtStart(Pattern p) {
        if ((p.flags() & (Pattern.MULTILINE | Pattern.COMMENTS | Pattern.LITERAL)) != 0) {
            return false;
        }
        String r = p.pattern();
        int i = 0;
        while (r.startsWith("(?", i)) { // leading inline flags: (?i), (?iu)
            int j = i + 2;
            while (j < r.length() && Character.isLetter(r.charAt(j))) {
                j++;
            }
            if (j == i + 2 || j >= r.length() || r.charAt(j) != ')') {
                return false;
            }
            i = j + 1;
        }
        if (!r.startsWith("^", i) || (i + 1 < r.length() && "?*+{".indexOf(r.charAt(i + 1)) >= 0)) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int k = 0; k < r.length(); k++) {
            char c = r.charAt(k);
            if (c == '\\') {
                if (k + 1 < r.length() && (r.charAt(k + 1) == 'Q')) {
                    return false;
                }
                k++;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    return false;       // nested or intersected classes: not worth reading
                }
                inClass = c != ']';
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (k + 1 < r.length() && r.charAt(k + 1) == '^') {
                    k++;
                }
                if (k + 1 < r.length() && r.charAt(k + 1) == ']') {
                    k++;                // a ']' first in a class is a member
                }
            } else if (c == '(') {
                if (r.startsWith("(?", k)) {
                    int j = k + 2;
                    while (j < r.length() && (Character.isLetter(r.charAt(j)) || r.charAt(j) == '-')) {
                        if (r.charAt(j) == 'm' || r.charAt(j) == 'x') {
                            return false;   // multi-line or comments mode turned on inside
                        }
                        j++;
                    }
                }
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return false;
            }
        }
        return !inClass && depth == 0;
    }

    public List<RuleDefinition> rules() {
        return rules;
    }

    /** Whether {@code text} holds every further required literal clause of entry {@code e}. */
    private boolean completeText(int e, CharSequence text) {
        for (int c : alsoNeeds[e]) {
            if (!clauses[c].in(text)) {
                return false;
            }
        }
        return true;
    }

    /** Scans one log; hits reach {@code sink} in the calling thread, ordered by line except for back-filled ones. */
    public LogFacts scan(LogSource log, Consumer<LogHit> sink) throws IOException {
        return scan(log, sink, rule -> false);
    }

    /**
     * Like {@link #scan(LogSource, Consumer)}, with the consumer's word on which rules it needs
     * no more hits of: once {@code done} holds for a rule, chunks scanned from then on do not
     * run its patterns. Such chunks hold only later lines than every hit the consumer has seen,
     * so a consumer that keeps the first hits of a rule loses nothing. {@code done} is called
     * from the worker threads.
     */
    public LogFacts scan(LogSource log, Consumer<LogHit> sink, IntPredicate done) throws IOException {
        return scan(log, sink, done, n -> { });
    }

    /**
     * Like {@link #scan(LogSource, Consumer, IntPredicate)}; {@code lineFeeds} is told, once the
     * log is read, how many line feeds it has, plus one for a last line without one (what a
     * report counts as the log's lines, whatever the log's line ends).
     */
    public LogFacts scan(LogSource log, Consumer<LogHit> sink, IntPredicate done, java.util.function.LongConsumer lineFeeds)
            throws IOException {
        return scan(log, sink, done, rule -> false, lineFeeds);
    }

    /**
     * Like {@link #scan(LogSource, Consumer, IntPredicate, java.util.function.LongConsumer)}, with
     * the consumer's word on which rules it keeps only the newest hit of from now on (it holds
     * the first ones already): once {@code newestOnly} holds for a rule, a chunk scanned from
     * then on passes on only its last hit of that rule, found by trying the rule's candidate
     * lines from the chunk's end. Such chunks hold only later lines than every hit the consumer
     * has seen, and the hit passed on arrives where it would have, among the other events, so
     * the last hit the consumer sees is the one it would have seen. (A line long enough to be
     * joined with the next one, or in a run of wrapped lines, is still tried where it stands; a
     * join with the line before tries a deferred line when it needs to know.) One bound reads
     * differently: hits outside any named package wait, at most a thousand, for a name; with
     * fewer hits passed on, fewer of them are given up as unnamed when that bound is reached.
     * {@code newestOnly} is called from the worker threads.
     */
    public LogFacts scan(LogSource log, Consumer<LogHit> sink, IntPredicate done, IntPredicate newestOnly,
                         java.util.function.LongConsumer lineFeeds) throws IOException {
        try (InputStream in = log.open()) {
            return scan(in, sink, done, newestOnly, lineFeeds);
        }
    }

    public LogFacts scan(InputStream in, Consumer<LogHit> sink) throws IOException {
        return scan(in, sink, rule -> false);
    }

    /** Scans one log; returns the facts it states ({@link LogFacts}), known once the whole log is read. */
    public LogFacts scan(InputStream in, Consumer<LogHit> sink, IntPredicate done) throws IOException {
        return scan(in, sink, done, rule -> false, n -> { });
    }

    /** Like {@link #scan(InputStream, Consumer, IntPredicate)}, with {@code newestOnly} as in {@link #scan(LogSource, Consumer, IntPredicate, IntPredicate, java.util.function.LongConsumer)}. */
    public LogFacts scan(InputStream in, Consumer<LogHit> sink, IntPredicate done, IntPredicate newestOnly) throws IOException {
        return scan(in, sink, done, newestOnly, n -> { });
    }

    private LogFacts scan(InputStream in, Consumer<LogHit> sink, IntPredicate done, IntPredicate newestOnly,
                          java.util.function.LongConsumer lineFeeds) throws IOException {
        long feeds = 0;             // line feeds, counted apart only in a CR-only log (else every line ends in one)
        int lastByte = '\n';
        InOrder state = new InOrder(sink);
        java.util.concurrent.atomic.AtomicIntegerArray known = state.known;
        byte[] carry = new byte[0];
        boolean crOnly = false;
        boolean first = true;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "log-scan");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Future<ChunkResult>> pending = new ArrayDeque<>();
        // read buffers are used again once their chunk is scanned: a new 4 MiB array a chunk was
        // zeroed, then copied by every young collection while its chunk waited
        ArrayDeque<byte[]> pendingBufs = new ArrayDeque<>();
        ArrayDeque<byte[]> free = new ArrayDeque<>();
        try {
            boolean skipping = false; // inside the rest of a line cut at MAX_LINE
            while (true) {
                int want = carry.length + chunkSize;
                byte[] buf = free.poll();
                if (buf == null || buf.length < want) {
                    // (a smaller one is dropped; the slack keeps the next chunks' carries, each a part of
                    // a line, from making a new one nearly every other chunk)
                    buf = new byte[want + Math.min(want, CARRY_SLACK)];
                }
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int len = carry.length;
                int n;
                while (len < want && (n = in.read(buf, len, want - len)) > 0) {
                    len += n;
                }
                boolean eof = len < want;
                if (first) {
                    crOnly = detectCrOnly(buf, len);
                    first = false;
                }
                if (len > carry.length) {
                    lastByte = buf[len - 1];
                    if (crOnly) {
                        for (int i = carry.length; i < len; i++) {
                            feeds += buf[i] == '\n' ? 1 : 0;
                        }
                    }
                }
                byte nl = crOnly ? (byte) '\r' : (byte) '\n';
                if (skipping) {
                    int i = 0;
                    while (i < len && buf[i] != nl) {
                        i++;
                    }
                    if (i == len) {
                        carry = new byte[0];
                        free.push(buf);
                        if (eof) {
                            break;
                        }
                        continue;
                    }
                    skipping = false;
                    System.arraycopy(buf, i + 1, buf, 0, len - i - 1);
                    len = len - i - 1;
                }
                int cut = eof ? len : lastBreak(buf, len, crOnly);
                if (cut <= 0 && !eof) {
                    if (len < MAX_LINE) {
                        carry = java.util.Arrays.copyOf(buf, len); // a long line: read on
                        free.push(buf);
                        continue;
                    }
                    cut = len;          // an overlong line: keep its first MAX_LINE bytes, skip the rest
                    skipping = true;
                }
                byte[] chunk = buf;
                int chunkLen = cut;
                boolean cr = crOnly;
                carry = java.util.Arrays.copyOfRange(buf, cut, len);
                if (pool == null) {
                    state.accept(scanChunk(chunk, chunkLen, cr, done, newestOnly, known));
                    free.push(chunk);
                } else {
                    pending.add(pool.submit(() -> scanChunk(chunk, chunkLen, cr, done, newestOnly, known)));
                    pendingBufs.add(chunk);
                    while (pending.size() >= IN_FLIGHT) {
                        state.accept(get(pending.poll()));
                        free.push(pendingBufs.poll());
                    }
                }
                if (eof) {
                    break;
                }
            }
            while (!pending.isEmpty()) {
                state.accept(get(pending.poll()));
            }
            state.finish();
            lineFeeds.accept(crOnly ? feeds + (lastByte != '\n' ? 1 : 0) : state.base);
            return state.facts.build(state.base);
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

    /**
     * A rule hit ({@code context == null}) or a context line, at a line relative to the chunk (0-based).
     * A heading's line is not parsed where it is found: {@code heading} is the pattern it may
     * match and {@code pkg} is null until {@link InOrder} needs the name (see there). Nor is its
     * text made: a heading of a line kept as bytes has {@code text == null} and its bytes at
     * {@code bytes[from, to)}, in the chunk's buffer, which stays as it is until {@link InOrder}
     * has taken the chunk's events (pip's "Collecting" and "Building wheel for" are on a quarter
     * of a pip log's lines, and InOrder reads only the newest of them before each finding).
     */
    record Event(int line, int rule, String text, Map<String, String> captures, PackageContext.Kind context,
                 String pkg, boolean generic, PackageContext.ContextPattern heading, byte[] bytes, int from, int to) {
        Event(int line, int rule, String text, Map<String, String> captures, PackageContext.Kind context, String pkg, boolean generic) {
            this(line, rule, text, captures, context, pkg, generic, null, null, 0, 0);
        }

        static Event heading(int line, PackageContext.ContextPattern p, String text) {
            return new Event(line, -1, text, Map.of(), PackageContext.Kind.HEADING, null, false, p, null, 0, 0);
        }

        static Event heading(int line, PackageContext.ContextPattern p, byte[] bytes, int from, int to) {
            return new Event(line, -1, null, Map.of(), PackageContext.Kind.HEADING, null, false, p, bytes, from, to);
        }
    }

    private ChunkResult scanChunk(byte[] buf, int len, boolean crOnly, IntPredicate done, IntPredicate newestOnly,
                                  java.util.concurrent.atomic.AtomicIntegerArray known) {
        return new ChunkScan(buf, len, crOnly, done, newestOnly, known).run();
    }

    /**
     * A line where a rule that wants only its newest hit may match: where it was (its
     * normalised text's bytes, or the text when the line was normalised as a whole), which
     * pattern, where among the chunk's events a hit would have gone, and once tried, the result.
     */
    private static final class Deferred {
        final int line;
        final int entry;
        int at;
        final int normStart;
        final int contentEnd;
        final boolean ascii;
        final String text;
        int state;          // PENDING, HIT or MISS
        Event hit;

        Deferred(int line, int entry, int at, int normStart, int contentEnd, boolean ascii, String text) {
            this.line = line;
            this.entry = entry;
            this.at = at;
            this.normStart = normStart;
            this.contentEnd = contentEnd;
            this.ascii = ascii;
            this.text = text;
        }
    }

    private static final int PENDING = 0;
    private static final int HIT = 1;
    private static final int MISS = 2;

    /** One line of a chunk as the scan sees it; two instances (this line, the previous one) are reused. */
    private static final class Line {
        int number;          // 0-based within the chunk
        int start;
        int contentEnd;      // without the line end (and a CRLF's CR)
        boolean full;        // decoded and normalised as a whole (escapes, CR, overlong, or forced)
        boolean ascii;
        int normStart;       // byte where the normalised text starts (when !full)
        int endRow;          // byte-DFA state after the raw content, as the compact table's row offset (when !full)
        String text;         // the normalised text, made when first needed
        int chars;           // the normalised text's length in UTF-16 chars once counted, else -1
        IdBits found;
        boolean hasRule;     // some id in found is a rule pattern's (not only facts' and contexts')
        IdBits matched;
        // anchored rule patterns tried on this line alone for a join: those that failed before its end
        final IdBits anchoredTried;
        final IdBits anchoredDead;
        boolean anchoredAny;
        // further clauses looked for in this line, and those found
        final IdBits clauseTried;
        final IdBits clauseHas;
        boolean clauseAny;
        int deferFrom;       // this line's deferred candidates: deferred[deferFrom, deferTo)
        int deferTo;

        Line(int ids, int rules, int clauses) {
            found = new IdBits(ids);
            matched = new IdBits(rules);
            anchoredTried = new IdBits(ids);
            anchoredDead = new IdBits(ids);
            clauseTried = new IdBits(clauses);
            clauseHas = new IdBits(clauses);
        }
    }

    /**
     * The scan of one chunk. Bytes run through the byte-level literal DFA in one pass that also
     * finds line ends; a line is decoded and normalised only when a needle (or a hard-wrap join)
     * asks for it. Lines that normalisation changes in the middle (ANSI escapes, carriage
     * returns) take the old way: decode, normalise, then the char-level filter.
     */
    private final class ChunkScan {
        private final byte[] buf;
        private final int len;
        private final boolean crOnly;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final List<Event> events = new ArrayList<>();
        private final MultiLiteralMatcher.Bytes dfa = filter.bytes();
        private final IdBits[] windows = {new IdBits(filter.size()), new IdBits(filter.size())};
        private final Matcher[] matchers = new Matcher[entries.size()]; // reused: a Matcher costs more to make than to run

        private Matcher matcher(int entry, Pattern p, CharSequence text) {
            Matcher m = matchers[entry];
            if (m == null) {
                m = p.matcher(text);
                matchers[entry] = m;
                return m;
            }
            return m.reset(text);
        }

        private final boolean[] skip;   // rules whose consumer wanted no more hits when this chunk started
        private final boolean[] newest; // rules whose consumer wanted only the newest hit when this chunk started
        // candidate lines of those rules, in line order, tried from the last when the chunk ends
        private final List<Deferred> deferred = new ArrayList<>();

        private final java.util.concurrent.atomic.AtomicIntegerArray known; // facts fields already stated (first one wins)
        private final IdBits quietFacts;     // fact entries this chunk need not look at

        ChunkScan(byte[] buf, int len, boolean crOnly, IntPredicate done, IntPredicate newestOnly,
                  java.util.concurrent.atomic.AtomicIntegerArray known) {
            this.known = known;
            // a fact whose first statement is known needs no more looks; tags count only in pip's list
            quietFacts = new IdBits(entries.size());
            for (int e = ruleEntries; e < entries.size(); e++) {
                LogFacts.FactPattern f = entries.get(e).fact();
                if (f != null && !LogFacts.collectsAll(f.field()) && known.get(f.field().ordinal()) != 0) {
                    quietFacts.set(e);
                }
            }
            this.skip = new boolean[rules.size()];
            this.newest = new boolean[rules.size()];
            for (int r = 0; r < skip.length; r++) {
                skip[r] = done.test(r);
                newest[r] = !skip[r] && newestOnly.test(r);
            }
            this.buf = buf;
            this.len = len;
            this.crOnly = crOnly;
        }

        ChunkResult run() {
            final byte[] b = buf;
            Line cur = new Line(filter.size(), rules.size(), clauses.length);
            Line prev = new Line(filter.size(), rules.size(), clauses.length);
            boolean havePrev = false;
            int line = 0;
            // a GitHub Actions timestamp (a quarter of such a log's bytes) or another prefix that
            // normalisation drops is skipped before the automaton runs: needles are looked for
            // in the text the patterns see
            LineScan scan = new LineScan(compact, b, len, crOnly, bytePath);
            LineScan.Records lines = scan.lines;
            int next = 0;   // where the next block of lines starts
            int k = 0;      // the line's record in the block
            while (true) {
                if (k == lines.count) {
                    if (next >= len) {
                        break;
                    }
                    next = scan.block(next);
                    k = 0;
                }
                IdBits found = cur.found;
                found.clear();
                for (int j = lines.idStart(k), to = lines.idEnd[k]; j < to; j++) {
                    found.set(lines.ids[j]);
                }
                int start = lines.start[k];
                int from = lines.from[k];
                int end = lines.end[k];
                int lineFirstCr = lines.firstCr[k];
                boolean lineEscape = (lines.flags[k] & LineScan.ESCAPE) != 0;
                boolean lineHigh = (lines.flags[k] & LineScan.HIGH) != 0;
                k++;
                int contentEnd = end;
                if (!crOnly && contentEnd > start && b[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
                cur.number = line;
                cur.start = start;
                cur.contentEnd = contentEnd;
                cur.ascii = !lineHigh;
                cur.text = null;
                cur.chars = -1;
                cur.matched.clear();
                cur.deferFrom = cur.deferTo = deferred.size();
                if (cur.anchoredAny) {
                    cur.anchoredTried.clear();
                    cur.anchoredDead.clear();
                    cur.anchoredAny = false;
                }
                if (cur.clauseAny) {
                    cur.clauseTried.clear();
                    cur.clauseHas.clear();
                    cur.clauseAny = false;
                }
                boolean high = lineHigh;
                cur.full = !bytePath || lineEscape || (lineFirstCr >= 0 && lineFirstCr < contentEnd) || contentEnd - start > MAX_LINE
                        || (high && !dfa.exactForNonAscii());
                if (cur.full) {
                    cur.text = LineNormalizer.normalize(decode(decoder, b, start, Math.min(contentEnd, start + MAX_LINE)));
                    found.clear();
                    filter.find(cur.text, found);
                } else {
                    cur.normStart = from;
                    cur.endRow = contentEnd < end ? lines.crState[k - 1] : lines.state[k - 1];
                }
                for (int a : alwaysRun) {
                    found.set(a);
                }
                if (!found.isEmpty()) {
                    found.andNot(quietFacts); // facts already known, and tag lines outside pip's tag list
                }
                cur.hasRule = !noRuleEntry(found);
                if (!cur.full && found.intersects(startFactMask)) {
                    // pip's "Successfully installed" (its last line) and "Stored in directory:" (after every wheel it
                    // builds), frequent in long logs: recognised on the bytes, without decoding or a regex
                    for (int e : startFactEntries) {
                        if (found.get(e)) {
                            found.clear(e);
                            LogFacts.Field field = entries.get(e).fact().field();
                            boolean collects = LogFacts.collectsAll(field);
                            if ((collects || known.get(field.ordinal()) == 0) && startsWithAfterSpace(b, cur.normStart, cur.contentEnd, startFacts[e])) {
                                events.add(new Event(line, FACT_BASE - field.ordinal(), "", Map.of(), null, "", false));
                                if (!collects) {
                                    quietFacts.set(e);
                                }
                            }
                        }
                    }
                }
                if (tagEntry >= 0 && found.get(tagEntry)) {
                    // a wheel file name holds the same text: only a line that is one tag is a tag (pip debug's list,
                    // which counts once its "Compatible tags:" heading came before it), told on the bytes
                    found.clear(tagEntry);
                    int[] tag = cur.full ? null : tagOnly(b, cur.normStart, cur.contentEnd);
                    if (tag != null) {
                        events.add(new Event(line, FACT_BASE - LogFacts.Field.TAG.ordinal(), "", Map.of(), null,
                                new String(b, tag[0], tag[1] - tag[0], StandardCharsets.ISO_8859_1), false));
                    }
                }
                if (!found.isEmpty()) {
                    matchLine(cur);
                }
                // hard-wrapped line: try previous + this one, for rules neither matched alone
                int prevLen = havePrev ? normLength(prev, WRAP_MIN) : 0;
                if (havePrev && prevLen >= WRAP_MIN && !normEmpty(cur)) {
                    join(prev, cur);
                }
                // a message wrapped at a fixed width over three or more lines: pieces of one length, then the rest
                int curLen = normLength(cur, WRAP_MIN);
                if (run.count > 0) {
                    run.matched.or(prev.matched);
                    if (curLen == run.width && run.count < MAX_RUN_LINES) {
                        run.add(cur);
                    } else {
                        run.finish(normEmpty(cur) ? null : cur, cur);
                    }
                } else if (havePrev && prevLen >= WRAP_MIN && curLen == prevLen) {
                    run.start(prev.number, prevLen, prev);
                    run.add(cur);
                }
                Line swap = prev;
                prev = cur;
                cur = swap;
                havePrev = true;
                line++;
            }
            if (run.count > 0) {
                run.matched.or(prev.matched);
                run.finish(null, null);
            }
            if (!deferred.isEmpty()) {
                resolveDeferred();
            }
            return new ChunkResult(line, events);
        }

        private final WrapRun run = new WrapRun();

        /**
         * Consecutive lines of one length (at least {@link #WRAP_MIN}) are the pieces of a message a
         * terminal or a pasting tool wrapped at that width; the first line of another length ends it.
         * The pieces and that last line, joined without a separator, are one logical line, which
         * the rules that matched none of its physical lines are tried on; a match must cross a
         * join, and is reported at the first line. (Two lines are {@link #join}'s case.)
         */
        private final class WrapRun {
            int count;
            int width;
            int firstLine;
            final StringBuilder text = new StringBuilder();
            final List<Integer> joins = new ArrayList<>();
            final IdBits matched = new IdBits(rules.size());
            final IdBits found = new IdBits(filter.size());   // needles inside the pieces, then across the joins
            // the pieces, kept as byte ranges of the chunk (or their text when normalised as a whole);
            // the joined text is made only when some rule has to look at it
            private final int[] pStart = new int[MAX_RUN_LINES + 1];
            private final int[] pEnd = new int[MAX_RUN_LINES + 1];
            private final boolean[] pAscii = new boolean[MAX_RUN_LINES + 1];
            private final String[] pText = new String[MAX_RUN_LINES + 1];
            private int pieces;
            private int lastState;          // byte-DFA state at the end of the text so far, or -1 (char windows needed)
            private boolean charWindows;    // some join's needles are to be found on the text

            void start(int line, int w, Line l) {
                count = 1;
                width = w;
                firstLine = line;
                matched.clear();
                found.clear();
                pieces = 0;
                charWindows = false;
                append(l, false);
            }

            void add(Line l) {
                append(l, true);
                count++;
            }

            /**
             * Keeps a piece and the needles it adds: its own, and (on bytes, from the state the text
             * before it ended in) those across the join, as {@link #join} does without a separator.
             */
            private void append(Line l, boolean joined) {
                pStart[pieces] = l.full ? 0 : l.normStart;
                pEnd[pieces] = l.full ? 0 : l.contentEnd;
                pAscii[pieces] = l.ascii;
                pText[pieces] = l.full ? l.text : null;
                pieces++;
                matched.or(l.matched);
                found.or(l.found);
                if (l.full || (joined && lastState < 0)) {
                    charWindows |= joined;
                    lastState = -1;
                    return;
                }
                int own = compact.state(l.endRow);
                if (dfa.depth(own) > l.contentEnd - l.normStart) {
                    own = dfa.run(0, buf, l.normStart, l.contentEnd, windows[0]); // the state reached into the stripped prefix
                }
                if (!joined) {
                    lastState = own;
                    return;
                }
                int st = lastState;
                int q = l.normStart;
                // a needle being followed from st started (k - depth) bytes after the join; stop once that is past it
                for (int k = 0; q < l.contentEnd && dfa.depth(st) > k; q++, k++) {
                    st = dfa.step(st, buf[q], found);
                }
                // still inside a needle at the piece's end: the state carries over into the next join
                lastState = q == l.contentEnd && dfa.depth(st) > 0 ? st : own;
            }

            private String joinedText() {
                text.setLength(0);
                joins.clear();
                for (int i = 0; i < pieces; i++) {
                    if (i > 0) {
                        joins.add(text.length());
                    }
                    if (pText[i] != null) {
                        text.append(pText[i]);
                    } else if (pAscii[i]) {
                        for (int q = pStart[i]; q < pEnd[i]; q++) {
                            text.append((char) (buf[q] & 0xff));
                        }
                    } else {
                        text.append(decode(decoder, buf, pStart[i], pEnd[i]));
                    }
                }
                return text.toString();
            }

            void finish(Line rest, Line l) {
                int lines = count;
                if (rest != null) {
                    append(rest, true);
                    lines++;
                } else if (l != null) {
                    matched.or(l.matched);
                }
                count = 0;
                if (lines < 3) {
                    return;
                }
                String joined = null; // made only when some rule has to look at it
                if (charWindows) {
                    // only a needle across a join is new: look at a window around each
                    joined = joinedText();
                    int reach = Math.max(0, filter.longest() - 1);
                    for (int j : joins) {
                        filter.find(text, Math.max(0, j - reach), Math.min(text.length(), j + reach), found);
                    }
                }
                for (int x : alwaysRun) {
                    found.set(x);
                }
                for (int e = found.nextSetBit(0); e >= 0 && e < ruleEntries; e = found.nextSetBit(e + 1)) {
                    Entry entry = entries.get(e);
                    if (matched.get(entry.rule()) || skip[entry.rule()] || !complete(e)) {
                        continue;
                    }
                    if (starts[e] != null && pText[0] == null && starts[e].rejects(buf, pStart[0], pEnd[0])) {
                        // an anchored pattern whose first piece cannot start as it must, told on the bytes before
                        // that piece's end (as a join's deadAlone): the joined text starts the same way
                        continue;
                    }
                    if (joined == null) {
                        joined = joinedText();
                    }
                    Matcher m2 = entry.pattern().pattern().matcher(new Bounded(joined));
                    // (an anchored pattern has one place to match: trying it there is what find() does first)
                    for (boolean hit = Bounded.find(m2, anchored[e]); hit; hit = !anchored[e] && Bounded.find(m2, false)) {
                        if (crossesJoin(m2.start(), m2.end())) {
                            matched.set(entry.rule());
                            int at = events.size();
                            while (at > 0 && events.get(at - 1).line() > firstLine) {
                                at--;
                            }
                            insertEvent(at, new Event(firstLine, entry.rule(), joined, captures(entry.pattern(), m2), null, null,
                                    GenericLines.isGeneric(joined)));
                            break;
                        }
                    }
                }
            }

            /** Whether the joined pieces hold every further clause of entry {@code e}. */
            private boolean complete(int e) {
                for (int c : alsoNeeds[e]) {
                    if (!holds(c)) {
                        return false;
                    }
                }
                return true;
            }

            private boolean holds(int c) {
                int longest = clauses[c].longest;
                boolean text = false;
                for (int i = 0; i < pieces; i++) {
                    // (a word longer than a piece in the middle could reach over it: the joined text answers then)
                    text |= pText[i] != null || (i > 0 && i < pieces - 1 && pEnd[i] - pStart[i] < longest);
                }
                if (text) {
                    return clauses[c].in(joinedText());
                }
                for (int i = 0; i < pieces; i++) {
                    if (clauses[c].in(buf, pStart[i], pEnd[i])
                            || (i > 0 && clauses[c].crosses(buf, pStart[i - 1], pEnd[i - 1], pStart[i], pEnd[i]))) {
                        return true;
                    }
                }
                return false;
            }

            private boolean crossesJoin(int from, int to) {
                for (int j : joins) {
                    if (from < j && to > j) {
                        return true;
                    }
                }
                return false;
            }
        }

        private String text(Line l) {
            if (l.text == null) {
                l.text = text(l.normStart, l.contentEnd, l.ascii);
            }
            return l.text;
        }

        /** The normalised text of a line that was not normalised as a whole: its bytes from the prefix's end. */
        private String text(int normStart, int contentEnd, boolean ascii) {
            return ascii ? new String(buf, normStart, contentEnd - normStart, StandardCharsets.ISO_8859_1)
                    : decode(decoder, buf, normStart, contentEnd);
        }

        private boolean normEmpty(Line l) {
            return l.full ? l.text.isEmpty() : l.contentEnd == l.normStart;
        }

        /** The normalised line's length in chars, or any value below {@code atLeast} when it is shorter. */
        private int normLength(Line l, int atLeast) {
            if (l.full) {
                return l.text.length();
            }
            int bytes = l.contentEnd - l.normStart;
            if (l.ascii || bytes < atLeast) {
                return bytes; // UTF-8 never has fewer bytes than UTF-16 chars
            }
            if (l.chars < 0) {
                // asked twice a line (as this line, then as the previous one): counted once
                l.chars = l.text == null ? utf16Length(buf, l.normStart, l.contentEnd) : -1;
                if (l.chars < 0) {
                    l.chars = text(l).length();
                }
            }
            return l.chars;
        }

        private void matchLine(Line l) {
            String text = null;     // decoded only when some pattern has to look at the line
            boolean generic = false;
            boolean genericKnown = false;
            IdBits found = l.found;
            for (int e = found.nextSetBit(0); e >= 0 && e < entries.size(); e = found.nextSetBit(e + 1)) {
                Entry entry = entries.get(e);
                if (entry.rule() >= 0 && skip[entry.rule()]) {
                    continue;
                }
                if (starts[e] != null && !l.full && starts[e].rejects(buf, l.normStart, l.contentEnd)) {
                    // an anchored pattern whose line cannot start as it must, told on the bytes (and failed
                    // before the line's end: a join that starts with this line fails too)
                    if (entry.rule() >= 0) {
                        l.anchoredTried.set(e);
                        l.anchoredDead.set(e);
                        l.anchoredAny = true;
                    }
                    continue;
                }
                if (!complete(e, l)) {
                    continue;
                }
                if (entry.rule() >= 0 && newest[entry.rule()] && run.count == 0 && normLength(l, WRAP_MIN) < WRAP_MIN) {
                    // only the chunk's last hit of this rule is wanted: tried when the chunk ends, from its last line,
                    // or when a join with the line before asks whether the rule matched this line alone. (A longer
                    // line, or one in a run of wrapped lines, is tried now: what it matched decides later joins.)
                    deferred.add(new Deferred(l.number, e, events.size(), l.normStart, l.contentEnd, l.ascii, l.full ? l.text : null));
                    l.deferTo = deferred.size();
                    continue;
                }
                if (entry.context() != null && entry.context().kind() == PackageContext.Kind.HEADING) {
                    // a candidate heading ("Collecting ", "Building wheel for "...): on many lines of a long
                    // log, and its name (and text) is needed only where a finding or a scope looks at it
                    events.add(l.full || l.text != null ? Event.heading(l.number, entry.context(), l.text)
                            : Event.heading(l.number, entry.context(), buf, l.normStart, l.contentEnd));
                    continue;
                }
                if (text == null) {
                    text = text(l);
                }
                if (entry.fact() != null) {
                    LogFacts.FactPattern f = entry.fact();
                    if (known.get(f.field().ordinal()) == 0) {
                        String v = f.value(matcher(e, f.pattern(), text), anchored[e]);
                        if (v != null && !LogFacts.collectsAll(f.field())) {
                            quietFacts.set(e);
                        }
                        if (v != null) {
                            events.add(new Event(l.number, FACT_BASE - f.field().ordinal(), text, Map.of(), null, v, false));
                        }
                    }
                    continue;
                }
                if (entry.context() != null) {
                    String pkg = PackageContext.name(entry.context(), matcher(e, entry.context().pattern(), text), text);
                    if (pkg != null) {
                        events.add(new Event(l.number, -1, text, Map.of(), entry.context().kind(), pkg, false));
                    }
                    continue;
                }
                if (skip[entry.rule()]) {
                    continue;
                }
                Bounded bounded = new Bounded(text);
                Matcher m = matcher(e, entry.pattern().pattern(), bounded);
                boolean hit = Bounded.find(m, anchored[e]);
                if (!hit && anchored[e] && !bounded.spent()) {
                    // what a join with the next line would ask (deadAlone), known now
                    l.anchoredTried.set(e);
                    l.anchoredAny = true;
                    if (!m.hitEnd()) {
                        l.anchoredDead.set(e);
                    }
                }
                if (hit) {
                    if (!genericKnown) {
                        generic = GenericLines.isGeneric(text);
                        genericKnown = true;
                    }
                    l.matched.set(entry.rule());
                    events.add(new Event(l.number, entry.rule(), text, captures(entry.pattern(), m), null, null, generic));
                }
            }
        }

        /** Whether rule {@code r} matched line {@code l} alone; a deferred candidate of the line is tried now. */
        private boolean matchedAlone(Line l, int r) {
            if (l.matched.get(r)) {
                return true;
            }
            for (int k = l.deferFrom; k < l.deferTo; k++) {
                Deferred d = deferred.get(k);
                if (d.state == PENDING && entries.get(d.entry).rule() == r && tryDeferred(d)) {
                    l.matched.set(r);
                }
            }
            return l.matched.get(r);
        }

        private boolean tryDeferred(Deferred d) {
            Entry entry = entries.get(d.entry);
            String text = d.text != null ? d.text : text(d.normStart, d.contentEnd, d.ascii);
            Matcher m = matcher(d.entry, entry.pattern().pattern(), new Bounded(text));
            if (Bounded.find(m, anchored[d.entry])) {
                d.state = HIT;
                d.hit = new Event(d.line, entry.rule(), text, captures(entry.pattern(), m), null, null, GenericLines.isGeneric(text));
                return true;
            }
            d.state = MISS;
            return false;
        }

        /**
         * Inserts an event of line {@code line} at {@code at}, before the events of later lines;
         * the deferred candidates of later lines move with those events.
         */
        private void insertEvent(int at, Event ev) {
            events.add(at, ev);
            for (int k = deferred.size() - 1; k >= 0 && deferred.get(k).line > ev.line(); k--) {
                if (deferred.get(k).at >= at) {
                    deferred.get(k).at++;
                }
            }
        }

        /**
         * The chunk's last hit of each rule that wants only its newest: candidates are tried from
         * the last one back until one matches, and its event goes where the line's events were
         * when it was met (later events, all of later lines, move up by one).
         */
        private void resolveDeferred() {
            boolean[] resolved = new boolean[rules.size()];
            List<Deferred> hits = new ArrayList<>();
            for (int k = deferred.size() - 1; k >= 0; k--) {
                Deferred d = deferred.get(k);
                int r = entries.get(d.entry).rule();
                if (resolved[r] || d.state == MISS || (d.state == PENDING && !tryDeferred(d))) {
                    continue;
                }
                resolved[r] = true;
                hits.add(d);
            }
            // from the last place back, so that earlier places stay where they were; at one place, the later entry first
            hits.sort((x, y) -> x.at != y.at ? Integer.compare(y.at, x.at) : Integer.compare(y.entry, x.entry));
            for (Deferred d : hits) {
                events.add(d.at, d.hit);
            }
        }

        /**
         * The needles that the joins of {@code a} and {@code b} (directly, and with a space) can
         * hold beyond those inside either line: only occurrences that cross the join are new.
         * On bytes, the DFA state at the end of {@code a} already stands for every needle prefix
         * that ends there, so it is enough to go on from it into the separator and {@code b}
         * until the needle being followed starts after the join. Lines that were normalised as
         * a whole, or whose continuation starts with a non-ASCII char, use the char matcher on a
         * window around the join instead.
         */
        private int joinFrom;   // where the second line of the join being looked at starts, stripped

        private void join(Line a, Line b) {
            int bFrom = -1;
            if (!a.full && !b.full) {
                int p = b.normStart;
                while (p < b.contentEnd && asciiWhitespace(buf[p])) {
                    p++;
                }
                if (p == b.contentEnd || buf[p] >= 0 || !Character.isWhitespace(codePoint(buf, p, b.contentEnd))) {
                    bFrom = p; // stripLeading() stops here too
                }
            }
            if (bFrom < 0) {
                joinHits(text(a), text(b), a, b, null);
                return;
            }
            joinFrom = bFrom;
            int st = a.endRow;
            if (compact.depth[st >> 4] > a.contentEnd - a.normStart) {
                st = compact.offset(dfa.run(0, buf, a.normStart, a.contentEnd, windows[0])); // the state reached into the stripped prefix
            }
            across(st, 0, bFrom, b.contentEnd, windows[0]);
            across(st, 1, bFrom, b.contentEnd, windows[1]);
            if (!startsAcross(a) && !endsAcross(b) && noRuleEntry(windows[0]) && noRuleEntry(windows[1])) {
                return; // the common case: no rule's needle in either line or across the join (a fact's or a context's alone tell nothing here)
            }
            // (the same needles across both joins, nearly always none: one look answers for both)
            if (!unmatchedRule(a, b, windows[0]) && (windows[0].equals(windows[1]) || !unmatchedRule(a, b, windows[1]))) {
                return;
            }
            joinHits(text(a), text(b), a, b, windows);
        }

        /**
         * The needles across one join: the DFA goes on from row {@code st} of the compact table (where the first line left it)
         * into the separator ({@code sep} spaces, 0 or 1) and the second line from {@code bFrom}, until
         * the needle being followed would start after the separator. (The automaton's arrays are read
         * here directly: a join is looked at on most lines, and a call a byte cost more than the step.)
         */
        private void across(int st, int sep, int bFrom, int bEnd, IdBits w) {
            w.clear();
            final int[] table = compact.table;
            final int[] cls = compact.cls;
            final int[] depth = compact.depth;
            final int[][] outputs = compact.outputs;
            int s = st;
            if (sep == 1) {
                int t = table[s + cls[' ']];
                if ((t & MultiLiteralMatcher.Compact.EMITS) != 0) {
                    for (int id : outputs[(t & ~3) >> 4]) {
                        w.set(id);
                    }
                }
                s = t & ~3;
            }
            // a needle being followed from row s started at (k - depth) after the join; stop once that is past the separator
            for (int q = bFrom, k = sep; q < bEnd && depth[s >> 4] > k - sep; q++, k++) {
                int t = table[s + cls[buf[q] & 0xff]];
                if ((t & MultiLiteralMatcher.Compact.EMITS) != 0) {
                    for (int id : outputs[(t & ~3) >> 4]) {
                        w.set(id);
                    }
                }
                s = t & ~3;
            }
        }

        /**
         * Whether a rule's needle in the first line of a join may be part of a match across it: not
         * when every such pattern is anchored and already failed on that line before its end.
         */
        private boolean startsAcross(Line a) {
            if (!a.hasRule) {
                return false;
            }
            IdBits f = a.found;
            for (int e = f.nextSetBit(0); e >= 0 && e < ruleEntries; e = f.nextSetBit(e + 1)) {
                if (!(anchored[e] && a.anchoredTried.get(e) && a.anchoredDead.get(e))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a rule's needle in the second line of a join may be part of a match across it:
         * not when every such pattern starts with its needle (the match would start in the second line).
         */
        private boolean endsAcross(Line b) {
            if (!b.hasRule) {
                return false;
            }
            IdBits f = b.found;
            for (int e = f.nextSetBit(0); e >= 0 && e < ruleEntries; e = f.nextSetBit(e + 1)) {
                if (!leading[e]) {
                    return true;
                }
            }
            return false;
        }

        private boolean noRuleEntry(IdBits found) {
            int e = found.nextSetBit(0);
            return e < 0 || e >= ruleEntries;
        }

        /**
         * Whether the needles of both lines and {@code window} (those across the join) hold every
         * required literal of a rule's pattern where the rule matched neither line alone.
         */
        private boolean unmatchedRule(Line a, Line b, IdBits window) {
            // (the three sets are read as their union, without making it: a join is asked about on most lines)
            return unmatchedIn(a.found, a, b, window) || unmatchedIn(b.found, a, b, window) || unmatchedIn(window, a, b, window);
        }

        private boolean unmatchedIn(IdBits ids, Line a, Line b, IdBits window) {
            for (int e = ids.nextSetBit(0); e >= 0 && e < ruleEntries; e = ids.nextSetBit(e + 1)) {
                int r = entries.get(e).rule();
                // (a match across the join starts in a: a pattern that starts with its needle needs it in a or across)
                if (!a.matched.get(r) && !b.matched.get(r) && !skip[r] && !(leading[e] && !a.found.get(e) && !window.get(e))
                        && completeAcross(e, a, b)
                        && !(anchored[e] && deadAlone(a, e)) && !matchedAlone(b, r)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether line {@code l} holds every further clause of entry {@code e} (looked for once a line and clause). */
        private boolean complete(int e, Line l) {
            for (int c : alsoNeeds[e]) {
                if (!holds(l, c)) {
                    return false;
                }
            }
            return true;
        }

        private boolean holds(Line l, int c) {
            if (!l.clauseTried.get(c)) {
                l.clauseTried.set(c);
                l.clauseAny = true;
                if (l.full ? clauses[c].in(l.text) : clauses[c].in(buf, l.normStart, l.contentEnd)) {
                    l.clauseHas.set(c);
                }
            }
            return l.clauseHas.get(c);
        }

        /**
         * Whether every further clause of entry {@code e} is in line {@code a}, in line {@code b}, or
         * across their join (with or without a space; {@code b} from {@link #joinFrom}), as the joins'
         * needles are asked for on the bytes.
         */
        private boolean completeAcross(int e, Line a, Line b) {
            for (int c : alsoNeeds[e]) {
                if (!holds(a, c) && !holds(b, c) && !clauses[c].crosses(buf, a.normStart, a.contentEnd, joinFrom, b.contentEnd)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether anchored entry {@code e} fails on line {@code a} alone before reading to its end
         * ({@link Matcher#hitEnd}): then no text after {@code a} can make it match a join that
         * starts with {@code a} (pip's "pip" on every pip command line, for a pattern that wants it
         * at the line's start). Asked once a line and entry.
         */
        private boolean deadAlone(Line a, int e) {
            if (!a.anchoredTried.get(e)) {
                a.anchoredTried.set(e);
                a.anchoredAny = true;
                if (starts[e] != null && !a.full && starts[e].rejects(buf, a.normStart, a.contentEnd)) {
                    a.anchoredDead.set(e); // told on the bytes, as matchLine does: the line cannot start as it must
                } else {
                    Matcher alone = matcher(e, entries.get(e).pattern().pattern(), text(a));
                    if (!alone.lookingAt() && !alone.hitEnd()) {
                        a.anchoredDead.set(e);
                    }
                }
            }
            return a.anchoredDead.get(e);
        }

        /**
         * Tries the concatenation of two lines (directly, and with a space) for the rules that
         * did not match either line alone. Needles inside either line were found by the per-line
         * scans; {@code windowFound} holds, per separator, those across the join, or is null to
         * find them with the char matcher on the window around the join.
         */
        private void joinHits(String a, String b, Line aLine, Line bLine, IdBits[] windowFound) {
            String bTrim = b.stripLeading();
            int reach = Math.max(0, filter.longest() - 1);
            IdBits found = new IdBits(filter.size());
            IdBits across = new IdBits(filter.size());
            String[] seps = {"", " "};
            for (int si = 0; si < seps.length; si++) {
                String sep = seps[si];
                int boundary = a.length();
                found.clear();
                found.or(aLine.found);
                found.or(bLine.found);
                IdBits window = across;
                if (windowFound != null) {
                    window = windowFound[si];
                } else {
                    across.clear();
                    Joined view = new Joined(a, sep, bTrim);
                    filter.find(view, Math.max(0, boundary - reach), Math.min(view.length(), boundary + sep.length() + reach), across);
                }
                found.or(window);
                for (int x : alwaysRun) {
                    found.set(x);
                }
                String joined = null; // built only when some rule has to look at it
                for (int e = found.nextSetBit(0); e >= 0 && e < ruleEntries; e = found.nextSetBit(e + 1)) {
                    Entry entry = entries.get(e);
                    if (aLine.matched.get(entry.rule()) || bLine.matched.get(entry.rule()) || skip[entry.rule()]) {
                        continue;
                    }
                    if (joined == null) {
                        joined = a + sep + bTrim;
                    }
                    if (!completeText(e, joined) || (leading[e] && !aLine.found.get(e) && !window.get(e)) || matchedAlone(bLine, entry.rule())) {
                        continue;
                    }
                    if (anchored[e]) {
                        // the joined text starts with a: when the pattern fails on a without reading to its end
                        // (Matcher.hitEnd), more text cannot make it match, and the join need not be built
                        Matcher alone = matcher(e, entry.pattern().pattern(), a);
                        if (!alone.lookingAt() && !alone.hitEnd()) {
                            continue;
                        }
                    }
                    if (joined == null) {
                        joined = a + sep + bTrim;
                    }
                    Matcher m = entry.pattern().pattern().matcher(new Bounded(joined));
                    for (boolean hit = Bounded.find(m, anchored[e]); hit; hit = !anchored[e] && Bounded.find(m, false)) {
                        if (m.start() < boundary && m.end() > boundary) {
                            aLine.matched.set(entry.rule());
                            // inserted before this line's events so that events stay in line order
                            int at = events.size();
                            while (at > 0 && events.get(at - 1).line() > aLine.number) {
                                at--;
                            }
                            insertEvent(at, new Event(aLine.number, entry.rule(), joined, captures(entry.pattern(), m), null, null,
                                    GenericLines.isGeneric(joined)));
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * The bounds of the tag when {@code b[from, to)} is blanks (at least one), one tag
     * ({@code cp311-cp311-manylinux_2_17_x86_64}: a letter first, {@code [a-z0-9_.]} and exactly two
     * dashes) and blanks; else null.
     */
    private static int[] tagOnly(byte[] b, int from, int to) {
        int p = from;
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p == from || p >= to || b[p] < 'a' || b[p] > 'z') {
            return null;
        }
        int start = p;
        int dashes = 0;
        while (p < to && b[p] != ' ' && b[p] != '\t') {
            byte c = b[p];
            if (c == '-') {
                dashes++;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
                return null;
            }
            p++;
        }
        int end = p;
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p == to && dashes == 2 && b[end - 1] != '-' ? new int[] {start, end} : null;
    }

    /** Whether the line {@code b[from, to)} matches {@code ^\s*WORD\S}, as java.util.regex reads it ({@code \s} is [ \t\n\x0B\f\r]). */
    static boolean startsWithAfterSpace(byte[] b, int from, int to, byte[] word) {
        int p = from;
        while (p < to && regexSpace(b[p])) {
            p++;
        }
        if (to - p <= word.length || !java.util.Arrays.equals(b, p, p + word.length, word, 0, word.length)) {
            return false;
        }
        return !regexSpace(b[p + word.length]);
    }

    private static boolean regexSpace(byte x) {
        return x == ' ' || (x >= 0x09 && x <= 0x0D);
    }

    /**
     * The words of a fact pattern of the shape {@code ^\s*WORDS\S} whose statement is only where it
     * is (no value to read), or null: such a line is told on its bytes. WORDS are letters, digits,
     * spaces and colons, the pattern's one literal.
     */
    static byte[] startFact(LogFacts.FactPattern f) {
        if (!LogFacts.presenceOnly(f.field()) || f.literals().size() != 1) {
            return null;
        }
        String w = f.literals().get(0);
        if (w.isEmpty() || !w.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == ' ' || c == ':'))
                || !f.pattern().pattern().equals("^\\s*" + w + "\\S")) {
            return null;
        }
        return w.getBytes(StandardCharsets.US_ASCII);
    }

    /** The code point of the well-formed UTF-8 sequence at {@code b[p]}, or U+FFFD (what decoding makes of a malformed one). */
    private static int codePoint(byte[] b, int p, int to) {
        int n = sequenceLength(b, p, to);
        if (n <= 0) {
            return 0xFFFD;
        }
        int c = n == 1 ? b[p] : b[p] & (0xFF >> (n + 1));
        for (int i = 1; i < n; i++) {
            c = (c << 6) | (b[p + i] & 0x3F);
        }
        return c;
    }

    /** The length of the well-formed UTF-8 sequence at {@code b[p]} (RFC 3629: no overlongs, surrogates or > U+10FFFF), or -1. */
    private static int sequenceLength(byte[] b, int p, int to) {
        int u = b[p] & 0xFF;
        if (u < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (u >= 0xC2 && u <= 0xDF) {
            n = 2;
        } else if (u >= 0xE0 && u <= 0xEF) {
            n = 3;
            lo = u == 0xE0 ? 0xA0 : 0x80;
            hi = u == 0xED ? 0x9F : 0xBF;
        } else if (u >= 0xF0 && u <= 0xF4) {
            n = 4;
            lo = u == 0xF0 ? 0x90 : 0x80;
            hi = u == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (p + n > to) {
            return -1;
        }
        int second = b[p + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int i = 2; i < n; i++) {
            int x = b[p + i] & 0xFF;
            if (x < 0x80 || x > 0xBF) {
                return -1;
            }
        }
        return n;
    }

    /** The number of UTF-16 chars that well-formed UTF-8 {@code b[from, to)} decodes to, or -1 when it is not well-formed. */
    private static int utf16Length(byte[] b, int from, int to) {
        int chars = 0;
        int p = from;
        while (p < to) {
            if (b[p] >= 0) {
                p++;
                chars++;
                continue;
            }
            // the common well-formed cases inline (box drawing and progress bars are three bytes): C1 does not
            // inline sequenceLength, and a call for every character was most of this method on pip's progress bars
            int u = b[p] & 0xFF;
            if (u >= 0xC2 && u <= 0xDF && p + 1 < to && (b[p + 1] & 0xC0) == 0x80) {
                p += 2;
                chars++;
                continue;
            }
            if (u >= 0xE1 && u <= 0xEF && u != 0xED && p + 2 < to && (b[p + 1] & 0xC0) == 0x80 && (b[p + 2] & 0xC0) == 0x80) {
                p += 3;
                chars++;
                continue;
            }
            int n = sequenceLength(b, p, to);
            if (n < 0) {
                return -1;
            }
            p += n;
            chars += n == 4 ? 2 : 1;
        }
        return chars;
    }

    /** Whitespace as {@link String#stripLeading()} sees it ({@link Character#isWhitespace}), for ASCII. */
    private static boolean asciiWhitespace(byte x) {
        return x == ' ' || (x >= 0x09 && x <= 0x0D) || (x >= 0x1C && x <= 0x1F);
    }

    /**
     * A line as a rule's pattern sees it, with a bound on the characters the pattern may read: a
     * pattern that backtracks over a long line (WW-B008's lazy {@code /[^:'\t]+?} retried from
     * every "/" of a 1 MiB line) would keep a worker busy for hours while the reading thread waits
     * for its chunk (issue #22: "LogScanner parked forever"). Past the bound the pattern has no
     * match on this line; linear patterns read a few characters per character of the line.
     */
    static final class Bounded implements CharSequence {
        static final long MIN_READS = 1L << 20;
        static final int READS_PER_CHAR = 16;
        private static final RuntimeException SPENT = new RuntimeException("pattern work bound", null, false, false) { };
        private final String s;
        private long left;

        Bounded(String s) {
            this.s = s;
            this.left = Math.max(MIN_READS, (long) READS_PER_CHAR * s.length());
        }

        /**
         * {@code m.find()}, false when the pattern spends its bound or overflows the stack (a
         * repeated group recurses once per repetition: a rule's pattern must not stop the run).
         */
        static boolean find(Matcher m) {
            return find(m, false);
        }

        /** As {@link #find(Matcher)}; an anchored pattern is tried only at the start ({@code lookingAt}). */
        static boolean find(Matcher m, boolean anchored) {
            try {
                return anchored ? m.lookingAt() : m.find();
            } catch (StackOverflowError e) {
                return false;
            } catch (RuntimeException e) {
                if (e == SPENT) {
                    return false;
                }
                throw e;
            }
        }

        /** Whether a pattern spent the bound on this text (its failure says nothing of the text). */
        boolean spent() {
            return left < 0;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int i) {
            if (--left < 0) {
                throw SPENT;
            }
            return s.charAt(i);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** Two lines and a separator seen as one text, without copying (for the join pre-filter). */
    private record Joined(String a, String sep, String b) implements CharSequence {
        @Override
        public int length() {
            return a.length() + sep.length() + b.length();
        }

        @Override
        public char charAt(int i) {
            if (i < a.length()) {
                return a.charAt(i);
            }
            i -= a.length();
            return i < sep.length() ? sep.charAt(i) : b.charAt(i - sep.length());
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return a + sep + b;
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
    /** An event's {@code rule} for a fact: {@code FACT_BASE - field.ordinal()}. */
    private static final int FACT_BASE = -2;

    private static final LogFacts.Field[] FIELDS = LogFacts.Field.values();

    private static final class InOrder {
        private static final int MAX_PENDING = 1000;
        final LogFacts.Builder facts = new LogFacts.Builder();
        // per LogFacts.Field: 1 once the field's first statement was seen (later ones cannot change it)
        final java.util.concurrent.atomic.AtomicIntegerArray known = new java.util.concurrent.atomic.AtomicIntegerArray(LogFacts.Field.values().length);
        private final Consumer<LogHit> sink;
        long base = 0;
        // the package before the candidate headings in `headings`: the current package is the name
        // of the newest of them that is a heading, or this (see current())
        private String pkg = "";
        private final ArrayDeque<Event> headings = new ArrayDeque<>();
        private final ArrayDeque<String> scopes = new ArrayDeque<>(); // the package outside each open scope
        private final List<Event> unnamed = new ArrayList<>();
        private final List<Long> unnamedLines = new ArrayList<>();

        InOrder(Consumer<LogHit> sink) {
            this.sink = sink;
        }

        void accept(ChunkResult r) {
            for (Event e : r.events()) {
                long line = base + e.line() + 1;
                if (e.rule() <= FACT_BASE) {
                    LogFacts.Field f = FIELDS[FACT_BASE - e.rule()];
                    facts.accept(f, e.pkg(), line);
                    if (!LogFacts.collectsAll(f)) {
                        known.set(f.ordinal(), 1);
                    }
                    continue;
                }
                if (e.context() == PackageContext.Kind.OPEN) {
                    if (scopes.size() < MAX_PENDING) {
                        scopes.push(current());
                    }
                } else if (e.context() == PackageContext.Kind.CLOSE) {
                    if (!scopes.isEmpty()) {
                        String outer = scopes.pop();
                        if (!outer.equals(current())) {
                            flushUnnamed("");
                            pkg = outer;
                        }
                    }
                } else if (e.context() == PackageContext.Kind.HEADING) {
                    if (e.pkg() == null && unnamed.isEmpty()) {
                        // named later: nothing waits for a name now, and a newer heading may make it moot
                        headings.add(e);
                        if (headings.size() > MAX_HEADINGS) {
                            current();
                        }
                        continue;
                    }
                    String name = e.pkg() != null ? e.pkg() : PackageContext.name(e.heading(), headingText(e));
                    if (name != null) {
                        flushUnnamed("");
                        headings.clear();
                        pkg = name;
                    }
                } else if (e.context() == PackageContext.Kind.FAILED) {
                    flushUnnamed(e.pkg());
                    if (current().isEmpty()) {
                        pkg = e.pkg();
                    }
                } else if (current().isEmpty()) {
                    if (unnamed.size() >= MAX_PENDING) {
                        flushUnnamed(""); // bounded: the oldest stay unnamed, and hits still arrive in line order
                    }
                    unnamed.add(e);
                    unnamedLines.add(line);
                } else {
                    sink.accept(new LogHit(e.rule(), line, e.text(), e.captures(), pkg, e.generic()));
                }
            }
            if (!headings.isEmpty()) {
                // named now, as the next event that reads the package would name them (the newest heading
                // among them wins, and it would win over older ones then too): the chunk's buffer, which
                // holds their text, is read into again once this returns
                current();
            }
            base += r.lines();
        }

        private static final int MAX_HEADINGS = 64;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);

        /** A heading's text: made from the chunk's bytes when the worker did not make it. */
        private String headingText(Event e) {
            return e.text() != null ? e.text() : decode(decoder, e.bytes(), e.from(), e.to());
        }

        /**
         * The current package: the name of the newest candidate heading whose line is a heading
         * (each tried with its pattern, newest first), else the package before them. Every
         * event that reads the package (a finding, a scope, a failure line) asks here, and
         * candidates are kept only while nothing has asked, at most 64 lines, and not past their chunk.
         */
        private String current() {
            while (!headings.isEmpty()) {
                Event h = headings.pollLast();
                String name = PackageContext.name(h.heading(), headingText(h));
                if (name != null) {
                    pkg = name;
                    break;
                }
            }
            headings.clear();
            return pkg;
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
