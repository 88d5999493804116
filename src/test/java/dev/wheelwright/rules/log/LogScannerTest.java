package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.rules.LogPattern;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleParser;
import dev.wheelwright.rules.RuleSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogScannerTest {

    static RuleDefinition rule(String id, String... patterns) {
        StringBuilder y = new StringBuilder("id: " + id + "\nname: r-" + id.toLowerCase() + "\nseverity: error\ntitle: t\nreads: log\nmatch:\n");
        for (String p : patterns) {
            y.append("  - pattern: '").append(p.replace("'", "''")).append("'\n");
        }
        y.append("message: m\n");
        return RuleParser.parse(id + ".yaml", y.toString(), new RuleSource.Directory(Path.of(".")));
    }

    static final List<RuleDefinition> RULES = List.of(
            rule("WW-B901", "fatal error: (?<h>[\\w./]+\\.h): No such file", "Cannot open include file: '(?<h>[^']+)'"),
            rule("WW-B902", "(?i)invalid command 'bdist_wheel'"),
            rule("WW-B903", "FileExistsError: \\[Errno 17\\]"),
            rule("WW-B904", "cannot find -l(?<lib>\\w+)|library not found for -l(?<lib2>\\w+)"),
            rule("WW-B905", "╰─> \\[(?<n>\\d+) lines of output\\]"),
            rule("WW-B906", "^\\s*error: [a-z]{3,}$"));

    static final String[] FRAGMENTS = {
            "fatal error: ffi.h: No such file", "fatal error: Python.h", "FATAL ERROR: x.h: No such file",
            "Cannot open include file: 'a.h'", "Cannot open include file: ", "invalid command 'bdist_wheel'",
            "INVALID COMMAND 'BDIST_WHEEL'", "invalid command 'bdist_egg'", "FileExistsError: [Errno 17]",
            "FileExistsError: [Errno 18]", "cannot find -lssl", "library not found for -lz", "cannot find -l",
            "╰─> [12 lines of output]", "╰─> [x lines of output]", "error: abc", "  error: xyz", "error: ab",
            "Collecting foo", "\u001B[31m", "\u001B[0m", "é", "日本", "\t", " ", "abc", "#", "> ", "-", ".", "\\",
    };

    /** Reference: every (rule, line) that some pattern finds in the normalised line, the slow way. */
    static TreeSet<String> naive(List<String> lines) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = LineNormalizer.normalize(lines.get(i));
            for (int r = 0; r < RULES.size(); r++) {
                for (LogPattern p : RULES.get(r).patterns()) {
                    if (p.pattern().matcher(text).find()) {
                        out.add(key(r, i + 1));
                    }
                }
            }
        }
        return out;
    }

    static String key(int rule, long line) {
        return String.format("%d@%06d", rule, line);
    }

    static TreeSet<String> scanned(byte[] log, int threads, int chunk) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        new LogScanner(RULES, threads, chunk).scan(new ByteArrayInputStream(log), h -> out.add(key(h.rule(), h.line())));
        return out;
    }

    @ParameterizedTest(name = "seed {0}, {1} thread(s), chunk {2}")
    @CsvSource({"1,1,64", "2,2,64", "3,2,1000", "4,1,4194304", "5,2,4194304", "6,2,97"})
    void preFilteredScanFindsExactlyWhatPlainRegexFinds(long seed, int threads, int chunk) throws IOException {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(4);
            for (int j = 0; j < parts && sb.length() < 50; j++) {
                sb.append(FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
            }
            lines.add(sb.length() > 55 ? sb.substring(0, 55) : sb.toString()); // short: no hard-wrap joins
        }
        String eol = seed % 2 == 0 ? "\r\n" : "\n";
        byte[] log = (String.join(eol, lines) + (seed % 3 == 0 ? "" : eol)).getBytes(StandardCharsets.UTF_8);
        TreeSet<String> expected = naive(lines);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(scanned(log, threads, chunk)).isEqualTo(expected);
    }

    static final String[] WRAP_FRAGMENTS = {
            "2024-01-02T03:04:05.1234567Z ", "#12 3.456 ", "> ", "section_start:1:x[a]", "##[group]", "   ", "\t",
            "  building extension 'x' ............................................ ", "fatal error: ", "ffi", ".h: No such file",
            "Cannot open include ", "file: 'a.h'", "invalid command ", "'bdist_wheel'", "FileExistsError: ", "[Errno 17]",
            "cannot find ", "-lssl", "library not found for -l", "z", "╰─> [", "12 lines of output]", "error: ", "abc",
            "Collecting ", "foo", "Building wheel for bar (setup.py)", "\u001B[31m", "\u001B[0m", "é", "日本", "\u2003", "x\ry",
            "\u009B1m", "\uFFFD",
    };

    /**
     * The byte-level path (DFA over raw bytes, lazy decoding, prefix stripping on bytes, joins
     * continued from the DFA state) reports exactly what decoding and normalising every line
     * first reports: same rules, lines, texts, captures and packages, hard-wrap joins included.
     */
    @ParameterizedTest(name = "seed {0}, {1} thread(s), chunk {2}")
    @CsvSource({"11,1,64", "12,2,300", "13,2,4194304", "14,1,1000", "15,2,4194304", "16,1,4194304"})
    void bytePathReportsWhatTheDecodingPathReports(long seed, int threads, int chunk) throws IOException {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(7);
            for (int j = 0; j < parts; j++) {
                sb.append(WRAP_FRAGMENTS[rnd.nextInt(WRAP_FRAGMENTS.length)]);
            }
            lines.add(sb.toString());
        }
        String eol = seed % 2 == 0 ? "\r\n" : "\n";
        byte[] log = (String.join(eol, lines) + eol).getBytes(StandardCharsets.UTF_8);
        List<String> fast = new ArrayList<>();
        List<String> reference = new ArrayList<>();
        int[] joins = {0};
        new LogScanner(RULES, threads, chunk, true).scan(new ByteArrayInputStream(log), h -> fast.add(h.toString()));
        new LogScanner(RULES, 1, 4194304, false).scan(new ByteArrayInputStream(log), h -> {
            reference.add(h.toString());
            if (!h.text().equals(LineNormalizer.normalize(lines.get((int) h.line() - 1)))) {
                joins[0]++;
            }
        });
        assertThat(reference).hasSizeGreaterThan(100);
        assertThat(joins[0]).as("hits on joined lines").isGreaterThan(5);
        if (chunk == 4194304) {
            assertThat(fast).isEqualTo(reference);
        } else { // joins do not cross chunk edges: with small chunks, compare with the reference at the same chunking
            List<String> sameChunks = new ArrayList<>();
            new LogScanner(RULES, 1, chunk, false).scan(new ByteArrayInputStream(log), h -> sameChunks.add(h.toString()));
            assertThat(fast).isEqualTo(sameChunks);
        }
    }

    /**
     * A consumer like the rule engine's for rules whose condition waits for the log's facts:
     * it keeps a rule's first {@code keep - 1} hits and then only the newest, and says so to the
     * scanner (when {@code tell}). Told or not, it must end up holding the same hits: a chunk
     * then passes on only its last hit of such a rule, and that hit must be the one the full
     * scan would have given last, with the same text, captures and package, also where joins of
     * hard-wrapped lines and runs of them are in play.
     */
    @ParameterizedTest(name = "seed {0}, {1} thread(s), chunk {2}")
    @CsvSource({"21,1,300,false", "22,2,4096,true", "23,2,4194304,false", "24,1,8192,true", "25,2,2000,true", "26,1,97,false"})
    void aRuleThatWantsOnlyItsNewestHitGetsTheHitsAFullScanLeavesIt(long seed, int threads, int chunk, boolean fewer) throws IOException {
        List<RuleDefinition> rules = new ArrayList<>(RULES);
        // patterns that start with their needle (a join with the line before can skip them unless the needle is in it)
        rules.add(rule("WW-B908", "(?:Downloading|Using cached) (?<p>[a-z]+)-(?<v>\\d+)\\.tar\\.gz"));
        rules.add(rule("WW-B909", "Building wheel for (?<p>\\w+) \\(setup\\.py\\)"));
        String[] extra = {"Downloading ", "foo-12.tar.gz", "Using cached bar-3.tar.gz", "Downloading baz-7.tar.gz (5 kB)",
                "Downloading x.whl", "Using cached ", "Building wheel for ", "bar (setup.py)"};
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(4) == 0 ? rnd.nextInt(7) : 1; // most lines short, some long enough to be joined
            for (int j = 0; j < parts; j++) {
                sb.append(rnd.nextInt(3) == 0 ? extra[rnd.nextInt(extra.length)] : WRAP_FRAGMENTS[rnd.nextInt(WRAP_FRAGMENTS.length)]);
            }
            lines.add(sb.toString());
        }
        byte[] log = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int keep = 4;
        NewestKeeper full = new NewestKeeper(rules.size(), keep);
        new LogScanner(rules, threads, chunk).scan(new ByteArrayInputStream(log), full, rule -> false);
        NewestKeeper told = new NewestKeeper(rules.size(), keep);
        new LogScanner(rules, threads, chunk).scan(new ByteArrayInputStream(log), told, rule -> false, told::newestOnly);
        assertThat(told.kept).isEqualTo(full.kept);
        assertThat(full.kept.keySet()).hasSizeGreaterThanOrEqualTo(4).contains(6, 7);
        assertThat(full.received).as("hits a full scan gives").isGreaterThan(1500);
        if (fewer) { // (a chunk holding the whole log starts before the consumer has seen a hit; tiny ones hold one hit or two)
            assertThat(told.received).as("hits passed on when told").isLessThan(full.received / 2);
        }
    }

    /**
     * A pattern that starts with its needle is tried on a join only when the needle is in the
     * first line or across the join; both still give the join's hit, at the first line.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", value = {
            "needle cut by the wrap | Downlo | ading bar-2.tar.gz | 1 bar 2",
            "needle in the first line | Downloading | bar-2.tar.gz | 1 bar 2",
            "needle only in the second line | fetch | Downloading bar-2.tar.gz | 2 bar 2",
            "needle only in the second line, no match | fetch | Downloading bar.tar.gz | -",
    })
    void aPatternThatStartsWithItsNeedleIsJoinedWhereItsNeedleIs(String scenario, String end, String next, String expected) throws IOException {
        List<RuleDefinition> rules = List.of(rule("WW-B908", "(?:Downloading|Using cached) (?<p>[a-z]+)-(?<v>\\d+)\\.tar\\.gz"));
        assertThat(LogScanner.startsWithNeedle(rules.get(0).patterns().get(0).regex(), rules.get(0).patterns().get(0).literals())).isTrue();
        String log = "x".repeat(70) + " " + end + "\n" + next + "\n";
        List<String> hits = new ArrayList<>();
        new LogScanner(rules, 1).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                h -> hits.add(h.line() + " " + h.captures().get("p") + " " + h.captures().get("v")));
        assertThat(hits).isEqualTo(expected.equals("-") ? List.of() : List.of(expected));
    }

    /** A hit on a wrapped line's join is at the first line, and that line's own heading names it. */
    @Test
    void aJoinedHitIsNamedByTheHeadingOnItsFirstLine() throws IOException {
        String log = "Collecting first\ncannot find -lssl\n"
                + "Collecting wrap  building extension 'x' ..................................... cannot find \n"
                + "-lz\n";
        List<String> hits = new ArrayList<>();
        new LogScanner(RULES, 1, 4194304).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                h -> hits.add(h.rule() + "@" + h.line() + " " + h.pkg()));
        assertThat(hits).containsExactly("3@2 first", "3@3 wrap");
    }

    /** Keeps a rule's first {@code keep - 1} hits and its newest one, as the rule engine keeps a deferred rule's. */
    static final class NewestKeeper implements java.util.function.Consumer<dev.wheelwright.rules.log.LogHit> {
        final java.util.Map<Integer, List<String>> kept = new java.util.TreeMap<>();
        final java.util.concurrent.atomic.AtomicIntegerArray newest;
        final int keep;
        int received;

        NewestKeeper(int rules, int keep) {
            this.newest = new java.util.concurrent.atomic.AtomicIntegerArray(rules);
            this.keep = keep;
        }

        @Override
        public void accept(dev.wheelwright.rules.log.LogHit h) {
            received++;
            List<String> hits = kept.computeIfAbsent(h.rule(), k -> new ArrayList<>());
            if (hits.size() >= keep) {
                hits.remove(hits.size() - 1);
            }
            hits.add(h.toString());
            if (hits.size() >= keep - 1) {
                newest.set(h.rule(), 1);
            }
        }

        boolean newestOnly(int rule) {
            return newest.get(rule) != 0;
        }
    }

    /**
     * A rule the consumer declares done stops being matched, and what it already got is the start of its full hit list.
     * Hits outside any named package are held back (up to a thousand) until a package name can be given them, and
     * a few chunks are scanned ahead of the consumer, so the log is long enough that chunks read after the
     * consumer has said "done" must exist whatever the threads' timing.
     */
    @ParameterizedTest(name = "{0} thread(s), chunk {1}")
    @CsvSource({"1,256", "2,256", "2,4096"})
    void aRuleDeclaredDoneLosesOnlyLaterHits(int threads, int chunk) throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 12000; i++) {
            log.append(i % 3 == 0 ? "cannot find -lssl\n" : i % 7 == 0 ? "invalid command 'bdist_wheel'\n" : "gcc -c x.c\n");
        }
        byte[] bytes = log.toString().getBytes(StandardCharsets.US_ASCII);
        List<String> all = new ArrayList<>();
        new LogScanner(RULES, threads, chunk).scan(new ByteArrayInputStream(bytes), h -> all.add(key(h.rule(), h.line())));
        List<String> some = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        new LogScanner(RULES, threads, chunk).scan(new ByteArrayInputStream(bytes), h -> {
            some.add(key(h.rule(), h.line()));
            if (h.rule() == 3 && some.stream().filter(k -> k.startsWith("3@")).count() >= 5) {
                done.set(true);
            }
        }, rule -> rule == 3 && done.get());
        List<String> allOf3 = all.stream().filter(k -> k.startsWith("3@")).toList();
        List<String> someOf3 = some.stream().filter(k -> k.startsWith("3@")).toList();
        assertThat(allOf3).hasSize(4000);
        assertThat(someOf3).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThan(4000);
        assertThat(allOf3.subList(0, someOf3.size())).isEqualTo(someOf3);
        assertThat(some.stream().filter(k -> !k.startsWith("3@")).toList()).isEqualTo(all.stream().filter(k -> !k.startsWith("3@")).toList());
    }

    @Test
    void lineNumbersSurviveCrOnlyFilesAndAMissingFinalNewline() throws IOException {
        byte[] cr = "a\rb\rinvalid command 'bdist_wheel'\rc".getBytes(StandardCharsets.UTF_8);
        assertThat(scanned(cr, 1, 64)).containsExactly(key(1, 3));
        byte[] noFinal = "x\n\n\nFileExistsError: [Errno 17] y".getBytes(StandardCharsets.UTF_8);
        assertThat(scanned(noFinal, 2, 64)).containsExactly(key(2, 4));
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("ok\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, ' '});
        b.writeBytes("fatal error: ffi.h: No such file\n".getBytes(StandardCharsets.UTF_8));
        List<LogHit> hits = new ArrayList<>();
        new LogScanner(RULES, 1).scan(new ByteArrayInputStream(b.toByteArray()), hits::add);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).line()).isEqualTo(2);
        assertThat(hits.get(0).text()).startsWith("\uFFFD(\uFFFD fatal error");
        assertThat(hits.get(0).captures()).containsEntry("h", "ffi.h");
    }

    @Test
    void anOverlongLineIsCutButLaterLineNumbersStayRight() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("x".repeat(LogScanner.MAX_LINE + 300_000).getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("\nsecond\ncannot find -lssl\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(scanned(b.toByteArray(), 2, 65536)).containsExactly(key(3, 3));
    }

    @Test
    void aLongLineSpanningManyChunksIsOneLine() throws IOException {
        String log = "y".repeat(5000) + "cannot find -lz\nnext\ncannot find -lm\n";
        assertThat(scanned(log.getBytes(StandardCharsets.US_ASCII), 2, 64)).containsExactly(key(3, 1), key(3, 3));
    }

    @Test
    void aHardWrappedLineIsJoinedWhenThePatternSpansTheBreak() throws IOException {
        String first = "  building extension 'x' ................................ fatal error: ffi";
        String log = first + "\n.h: No such file or directory\nunrelated\n";
        List<LogHit> hits = new ArrayList<>();
        new LogScanner(RULES, 1).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), hits::add);
        assertThat(hits).extracting(LogHit::rule, LogHit::line).containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1L));
        assertThat(hits.get(0).captures()).containsEntry("h", "ffi.h");
    }

    @ParameterizedTest(name = "{0} thread(s), chunk {1}")
    @CsvSource({"1,4194304", "2,4194304", "2,4096"})
    void aMessageWrappedAtAFixedWidthOverManyLinesIsOneLogicalLine(int threads, int chunk) throws IOException {
        // one line cut every 70 chars (mid-word, mid-path), each piece quoted and timestamped as CI shows it
        // the header's path alone is longer than a line: the match spans three lines
        String header = "include/" + "very/long/include/dir/".repeat(4) + "ffi.h";
        String message = "  src/_cffi_backend.c:15:10: fatal error: " + header + ": No such file or directory";
        StringBuilder log = new StringBuilder("before\n");
        for (int i = 0; i < message.length(); i += 70) {
            log.append("2024-03-05T10:11:12.1234567Z > ").append(message, i, Math.min(message.length(), i + 70)).append('\n');
        }
        int pieces = (message.length() + 69) / 70;
        assertThat(pieces).isGreaterThanOrEqualTo(3);
        log.append("cannot find -lm\n");
        List<LogHit> hits = new ArrayList<>();
        new LogScanner(RULES, threads, chunk).scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)), hits::add);
        // reported at the first physical line of the message; the next line keeps its own number
        assertThat(hits).extracting(LogHit::rule, LogHit::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 2L), org.assertj.core.groups.Tuple.tuple(3, 2L + pieces));
        assertThat(hits.get(0).captures()).containsEntry("h", header);
    }

    @Test
    void linesOfOneLengthThatMatchAloneAreNotReportedTwice() throws IOException {
        String a = "cannot find -lz " + "x".repeat(60);
        String log = a + "\n" + a + "\n" + a + "\nend\n";
        TreeSet<String> found = scanned(log.getBytes(StandardCharsets.US_ASCII), 1, 4194304);
        assertThat(found).containsExactly(key(3, 1), key(3, 2), key(3, 3));
    }

    @Test
    void factsAreCollectedWhileStreaming() throws IOException {
        String log = String.join("\n",
                "pip 20.2.4 from /usr/lib/python3/dist-packages/pip (python 3.9)",
                "  creating build/temp.macosx-11.0-arm64-cpython-39/src",
                "  Using cached setuptools-69.0.3-py3-none-any.whl (819 kB)",
                "ERROR: demo-1.0-cp39-cp39-macosx_11_0_arm64.whl is not a supported wheel on this platform.",
                "  src/a.c:1:10: fatal error: ffi.h: No such file or directory",
                "  error: subprocess-exited-with-error",
                "WARNING: You are using pip version 19.0; however, version 24.0 is available.",
                "Successfully installed demo-1.0",
                "  Created wheel for demo: filename=demo-1.0-cp39-cp39-linux_x86_64.whl",
                "Compatible tags: 2",
                "  cp39-cp39-macosx_11_0_arm64",
                "  py3-none-any",
                "");
        LogFacts f = new LogScanner(RULES, 2, 64).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), h -> { });
        assertThat(f.pipVersion()).isEqualTo("20.2.4"); // the first statement wins
        assertThat(f.pythonVersion()).isEqualTo("3.9");
        assertThat(f.interpreterArch()).isEqualTo("arm64");
        assertThat(f.setuptoolsVersion()).isEqualTo("69.0.3");
        assertThat(f.unsupportedPlatforms()).containsExactly("macosx_11_0_arm64");
        assertThat(f.successLine()).isEqualTo(8);
        assertThat(f.lines()).isEqualTo(12);
        // only the lines under pip debug's "Compatible tags:" are tags, not a wheel's file name
        assertThat(f.tags()).containsExactly("cp39-cp39-macosx_11_0_arm64", "py3-none-any");
        assertThat(f.errorLines()).containsExactly(
                "ERROR: demo-1.0-cp39-cp39-macosx_11_0_arm64.whl is not a supported wheel on this platform.",
                "src/a.c:1:10: fatal error: ffi.h: No such file or directory");
        assertThat(f.hostArch()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "pip build => Collecting cffi==1.15.1|  Building wheel for cffi (setup.py): started|fatal error: ffi.h: No such file => cffi",
            "pip legacy => Running setup.py install for pyyaml ... started|fatal error: ffi.h: No such file => pyyaml",
            "nested build dependency => Collecting app|  Installing build dependencies: started|  │ Collecting numpy>=1.0|fatal error: ffi.h: No such file => numpy",
            "egg_info => running egg_info|writing fastcrypt.egg-info/PKG-INFO|fatal error: ffi.h: No such file => fastcrypt",
            "closing line names it => fatal error: ffi.h: No such file|  ERROR: Failed building wheel for lxml => lxml",
            "failed to build => fatal error: ffi.h: No such file|Failed to build psutil => psutil",
            "processing sdist => Processing ./dist/my_pkg-2.0.tar.gz|fatal error: ffi.h: No such file => my_pkg",
            "unknown => fatal error: ffi.h: No such file|done => ''",
            "url is not a name => Collecting https://example.org/x.tar.gz|fatal error: ffi.h: No such file => ''",
            "failure inside the box of a nested build => Collecting app|  Installing build dependencies ... error|  ╰─> [9 lines of output]|      Collecting numpy==1.19.5|        Building wheel for numpy (pyproject.toml): started|        fatal error: ffi.h: No such file|      [end of output] => numpy",
            "outer failure after a verbose nested install => Collecting app|  Installing build dependencies: started|    Collecting cffi>=1.0|  Installing build dependencies: finished with status 'done'|  Getting requirements to build wheel: started|fatal error: ffi.h: No such file => app",
            "outer package again after the box => Building wheel for app (setup.py) ... error|  ╰─> [3 lines of output]|      Collecting helper|      [end of output]|fatal error: ffi.h: No such file => app",
            "unbalanced end of output => fatal error: ffi.h: No such file|      [end of output]|ERROR: Failed building wheel for lxml => lxml",
            "a candidate that is no heading keeps the one before => Collecting cffi==1.0|Collecting :not-a-name|  Building wheel for (oops|fatal error: ffi.h: No such file => cffi",
            "a heading after a failure without a package => fatal error: ffi.h: No such file|Collecting later|ERROR: Failed building wheel for lxml => ''",
            "the newest of several headings => Collecting a|Collecting b|writing c.egg-info/PKG-INFO|fatal error: ffi.h: No such file => c",
    })
    void namesThePackageBeingBuilt(String scenario, String lines, String expected) throws IOException {
        List<LogHit> hits = new ArrayList<>();
        new LogScanner(RULES, 2, 64).scan(new ByteArrayInputStream(String.join("\n", lines.split("\\|")).getBytes(StandardCharsets.UTF_8)), h -> {
            if (h.rule() == 0) { // the ffi.h line; the box line is another rule's
                hits.add(h);
            }
        });
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).pkg()).isEqualTo(expected == null ? "" : expected);
    }

    /**
     * Candidate headings are named only when a finding, a scope or a failure line asks; between
     * two asks they are kept at most 64 lines: past that the newest heading among them is
     * named and the rest dropped. Whichever way, the package is the newest line that is a
     * heading, as when every line was named where it was found.
     */
    @ParameterizedTest
    @CsvSource({"1, 1048576", "2, 64", "2, 4096"})
    void manyCandidateHeadingsNameTheNewestHeading(int threads, int chunk) throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            log.append("Collecting pkg").append(i).append("\n");
            if (i % 7 == 0) {
                log.append("Collecting :no-name\n  Building wheel for (none\n"); // candidates that are no heading
            }
            if (i == 300) {
                log.append("  fatal error: ffi.h: No such file or directory\n");
            }
        }
        for (int i = 0; i < 150; i++) {
            log.append("Collecting -no-name").append(i).append("\n");
        }
        log.append("  fatal error: ffi.h: No such file or directory\n");
        List<LogHit> hits = new ArrayList<>();
        new LogScanner(RULES, threads, chunk).scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)), h -> {
            if (h.rule() == 0) {
                hits.add(h);
            }
        });
        assertThat(hits).extracting(LogHit::pkg).containsExactly("pkg300", "pkg499");
    }

    /** The line count the scan reports is the reader's: line feeds, plus a last line without one, whatever the line ends. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|0", "a|1", "a\\n|1", "a\\nb|2", "a\\r\\nb\\r\\n|2", "a\\rb\\rc|1", "a\\rb\\r\\n|1", "\\n\\n\\n|3"})
    void reportsTheLogsLineFeeds(String escaped, long expected) throws IOException {
        byte[] log = escaped.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        for (int threads : new int[] {1, 2}) {
            long[] seen = {-1};
            new LogScanner(RULES, threads, 2).scan(new dev.wheelwright.facts.BuildLogs.BytesLog("t.log", log), h -> { }, r -> false,
                    n -> seen[0] = n);
            assertThat(seen[0]).as("%s, %d threads", escaped, threads).isEqualTo(expected);
        }
    }

    /** Patterns that can match only at the text's start are told apart from those that can match elsewhere. */
    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
            "^\\s*error: \\S~true", "(?i)^pip \\d~true", "^[\\s*>•-]*(?<tool>[Pp]ip(?: version)?\\s*[:=])\\s*$~true",
            "^(?:a|b)c~true", "^[|]x~true", "^[]|]x~true", "^a\\|b~true",
            "^a|b~false", "(?:^|Using )pip~false", "a^~false", "^?a~false", "(?m)^a~false", "^a(?m:b)~false",
            "^a[|b~false", "x~false", "\\^a~false", "^\\Qa|b\\E~false"})
    void tellsPatternsAnchoredAtTheStart(String regex, boolean anchored) {
        java.util.regex.Pattern p;
        try {
            p = java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            assertThat(anchored).as(regex).isFalse();
            return;
        }
        assertThat(LogScanner.anchoredAtStart(p)).as(regex).isEqualTo(anchored);
        if (anchored) {
            // where it says so, lookingAt() gives find()'s match
            for (String text : List.of("error: x", "  error: y", "pip 2", "PIP 3", " * pip: 1.0 ", "ac", "bc", "|x", "]x", "a|b", "xa")) {
                java.util.regex.Matcher f = p.matcher(text);
                java.util.regex.Matcher l = p.matcher(text);
                boolean found = f.find();
                assertThat(l.lookingAt()).as("%s on %s", regex, text).isEqualTo(found);
                if (found) {
                    assertThat(l.group()).isEqualTo(f.group());
                }
            }
        }
    }

    /** A pattern anchored at the line start still matches a message wrapped onto the next line; one that failed early does not. */
    @Test
    void anchoredPatternMatchesAcrossAWrap() throws IOException {
        List<RuleDefinition> rules = List.of(rule("WW-B907", "^\\s*error: [a-z]{3,}!$"));
        String letters = "abcdefghij".repeat(6);
        String log = "error: " + letters + "\nxyz!\n"          // fails alone only at its end: the join matches
                + "\nerror 1: " + letters + "\nxyz!\n";        // fails early in its first line: no join can match
        List<LogHit> hits = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            hits.clear();
            new LogScanner(rules, threads).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), hits::add);
            assertThat(hits).extracting(LogHit::line).as("%d threads", threads).containsExactly(1L);
            assertThat(hits.get(0).text()).isEqualTo("error: " + letters + "xyz!");
        }
    }

    /**
     * A pattern anchored at the line start matches a message wrapped at a fixed width over three
     * lines, told from the first piece; a run whose first piece cannot start as the pattern must
     * (though a later piece can) gives nothing.
     */
    @Test
    void anchoredPatternMatchesAcrossAFixedWidthWrap() throws IOException {
        List<RuleDefinition> rules = List.of(rule("WW-B907", "^\\s*error: [a-z]{3,}!$"));
        String letters = "abcdefghij".repeat(20);
        String message = "error: " + letters + "xyz!";
        String refused = "error: abcdefghij".repeat(4) + "error: " + letters + "xyz!"; // pieces 2 and 3 start "error: ", piece 1 fails early
        StringBuilder log = new StringBuilder();
        for (String m : new String[] {message, "\n" + refused}) {
            for (int i = 0; i < m.length(); i += 68) {
                log.append(m, i, Math.min(m.length(), i + 68)).append('\n');
            }
        }
        List<LogHit> hits = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            hits.clear();
            new LogScanner(rules, threads).scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)), hits::add);
            assertThat(hits).extracting(LogHit::line).as("%d threads", threads).containsExactly(1L);
            assertThat(hits.get(0).text()).isEqualTo(message);
        }
    }

    /**
     * The facts told on a line's bytes (pip's "Successfully installed", "Stored in directory:",
     * easy_install's "Processing dependencies for") agree with their patterns, whatever spaces,
     * controls and case the line has around the words.
     */
    @Test
    void factsToldByTheLineStartAgreeWithTheirPatterns() {
        List<LogFacts.FactPattern> told = LogFacts.PATTERNS.stream().filter(f -> LogScanner.startFact(f) != null).toList();
        assertThat(told).extracting(LogFacts.FactPattern::field).containsExactlyInAnyOrder(
                LogFacts.Field.SUCCESS, LogFacts.Field.BUILT, LogFacts.Field.DEPENDENCIES);
        String[] around = {"", " ", "  ", "\t", "\u000B", "\f", "\r", "\u001C", "\u001F", "\u00A0", "\u2003", "é", "x", "/", ":"};
        Random rnd = new Random(11);
        int both = 0;
        for (LogFacts.FactPattern f : told) {
            String w = f.literals().get(0);
            for (String lead : around) {
                for (String next : around) {
                    for (int k = 0; k < 4; k++) {
                        String word = w;
                        if (k == 1) {
                            int at = rnd.nextInt(w.length());
                            word = w.substring(0, at) + Character.toUpperCase(w.charAt(at)) + w.substring(at + 1);
                        } else if (k == 2) {
                            word = w.substring(0, w.length() - 1); // cut short
                        }
                        String line = lead + (k == 3 ? lead : "") + word + next + (rnd.nextBoolean() ? "pkg-1.0.whl" : "");
                        byte[] b = line.getBytes(StandardCharsets.UTF_8);
                        boolean want = f.pattern().matcher(line).lookingAt();
                        assertThat(LogScanner.startsWithAfterSpace(b, 0, b.length, LogScanner.startFact(f))).as("%s: [%s]", f.field(), line)
                                .isEqualTo(want);
                        both += want ? 1 : 0;
                    }
                }
            }
        }
        assertThat(both).isGreaterThan(100);
    }

    /**
     * A further clause is looked for in a line's bytes, in a joined text, and across a join, by
     * hand; each look agrees with searching the folded text for the words (A-Z as a-z, as the
     * automaton reads bytes), over random lines of a small alphabet where the words keep turning up.
     */
    @Test
    void clauseLooksAgreeWithSearchingTheFoldedText() {
        Random rnd = new Random(5);
        // letters in both cases, a space, bytes the search prefers ("z", "_", "é"), one with 0x20 clear ("_")
        // and one 0x20 below a letter's ("\u001A" under "z"); lines long enough for the eight-byte test
        String alphabet = "abAB x:zZ._é\u001A";
        int crossing = 0;
        int inside = 0;
        for (int n = 0; n < 30_000; n++) {
            String[] words = new String[1 + rnd.nextInt(3)];
            for (int k = 0; k < words.length; k++) {
                words[k] = MultiLiteralMatcher.fold(random(rnd, alphabet, 1 + rnd.nextInt(4)));
            }
            ClauseSearch clause = new ClauseSearch(List.of(words));
            String a = random(rnd, alphabet, rnd.nextInt(n % 2 == 0 ? 8 : 40));
            String b = random(rnd, alphabet, rnd.nextInt(n % 2 == 0 ? 8 : 40));
            byte[] aBytes = a.getBytes(StandardCharsets.UTF_8);
            byte[] bBytes = b.getBytes(StandardCharsets.UTF_8);
            byte[] buf = (".." + a + "|" + b + ".").getBytes(StandardCharsets.UTF_8);
            int aFrom = 2;
            int aTo = aFrom + aBytes.length;
            int bFrom = aTo + 1;
            int bTo = bFrom + bBytes.length;
            boolean inA = false;
            boolean across = false;
            for (String w : words) {
                inA |= MultiLiteralMatcher.fold(a).contains(w);
                for (String sep : new String[] {"", " "}) {
                    String joined = MultiLiteralMatcher.fold(a + sep + b);
                    for (int p = joined.indexOf(w); p >= 0; p = joined.indexOf(w, p + 1)) {
                        across |= p < a.length() + sep.length() && p + w.length() > a.length();
                    }
                }
            }
            assertThat(clause.in(buf, aFrom, aTo)).as("%s in [%s]", List.of(words), a).isEqualTo(inA);
            assertThat(clause.in(a)).as("%s in [%s]", List.of(words), a).isEqualTo(inA);
            assertThat(clause.crosses(buf, aFrom, aTo, bFrom, bTo)).as("%s across [%s|%s]", List.of(words), a, b)
                    .isEqualTo(across);
            crossing += across ? 1 : 0;
            inside += inA ? 1 : 0;
        }
        assertThat(crossing).isGreaterThan(1000);
        assertThat(inside).isGreaterThan(1000);
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < length; k++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
