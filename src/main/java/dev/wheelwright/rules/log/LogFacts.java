package dev.wheelwright.rules.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log says about the machine and tools that produced it, collected once while the log
 * streams (no second pass) and readable in log rules' {@code when:} as {@code logFacts.<field>}
 * (rules/README.md lists the names). A fact the log does not state is null, so a condition on it
 * is false.
 *
 * @param pipVersion        pip's version: {@code You are using pip version X} (pip 8-21),
 *                          {@code A new release of pip is available: X -> Y} (pip 22.1+),
 *                          {@code pip X from PATH (python Y)} ({@code pip --version}),
 *                          {@code Using pip X from ...} (pip -v)
 * @param setuptoolsVersion setuptools' version from a setuptools wheel or install line
 * @param pythonVersion     {@code X.Y} of the interpreter: {@code (python X.Y)}, {@code Python X.Y.Z},
 *                          an include path {@code include/pythonX.Y}
 * @param interpreterArch   the interpreter's arch from distutils' build folders
 *                          ({@code build/temp.macosx-11.0-arm64-cpython-311}, {@code lib.linux-aarch64-3.9})
 * @param hostArch          the machine's arch: a Darwin kernel's {@code RELEASE_ARM64_*}, a
 *                          {@code uname -a} line, a Rosetta crash report ({@code Translated Report})
 * @param tags              the tags {@code pip debug --verbose} lists under {@code Compatible tags:}
 *                          (at most {@value #MAX_TAGS})
 * @param unsupportedPlatforms the platform tags of the wheels pip refused with {@code X is not a supported
 *                          wheel on this platform} (at most {@value #MAX_TAGS})
 * @param successLine       the last line where the run succeeded ({@code Successfully installed},
 *                          {@code python -m build}'s {@code Successfully built X.whl}), 0 when none
 * @param lines             the log's number of lines
 * @param tailStart         the first of the log's last {@value #TAIL} lines (1 for a shorter log): what
 *                          "at the end of the log" means for a traceback
 * @param errorLines        the last {@value #MAX_ERROR_LINES} error lines ({@code error:}, {@code ERROR:}, {@code SystemExit: },
 *                          {@code Error:}, {@code Exception:}, {@code fatal:}, {@code FAILED}, ...) that are
 *                          not pip's generic closing lines, oldest first
 * @param errorLineNumbers  their 1-based line numbers
 * @param indexErrorLine    the first line where the installer says it could not read a package index
 *                          ({@code Could not fetch URL}, {@code Cannot fetch index base URL}, easy_install's
 *                          {@code Download error on}, urllib3's {@code after connection broken by}), 0 when none:
 *                          a "no matching distribution" after it is the network's doing
 * @param runtimeLine       the first line where the log shows Python code run outside a build, 0 when none:
 *                          the header of a traceback from the interactive interpreter ({@code File "<stdin>"},
 *                          Python 3.13's {@code File "<python-input-0>"}) or from a {@code python -c} one-liner
 *                          ({@code File "<string>", line 1, in <module>} followed at once by an
 *                          {@code ImportError}/{@code ModuleNotFoundError}/{@code AttributeError}/{@code NameError};
 *                          pip's {@code setup.py} shim frame is followed by the setup.py frame instead, or by
 *                          its own {@code No module named setuptools}, which is a build).
 *                          A traceback from there on is a run-time error, not a build failure
 * @param wheelBuiltLine    the last line where pip stored a wheel it had built from source ({@code Stored in
 *                          directory: ...}, pip 8-26), 0 when none
 * @param dependenciesLine  the first line where easy_install or {@code setup.py install/develop} starts on the
 *                          install requirements ({@code Processing dependencies for X}, setuptools 0.6-80), 0 when
 *                          none: what easy_install fetches before it is {@code setup_requires}
 * @param delocateArchs     the architectures {@code delocate-wheel --require-archs X} was asked for (as written,
 *                          e.g. {@code arm64}, {@code x86_64}, {@code arm64,x86_64}), null when not stated
 * @param delocateFailedLine the first line where delocate-wheel failed, 0 when none: its traceback's script
 *                          frame ({@code bin/delocate-wheel", line 8, in <module>}, {@code delocate/cmd/delocate_wheel.py",
 *                          line N, in main}) or a traceback right after its {@code Fixing: X.whl} line
 */
public record LogFacts(String pipVersion, String setuptoolsVersion, String pythonVersion, String interpreterArch,
                       String hostArch, List<String> tags, List<String> unsupportedPlatforms, long successLine, long lines, long tailStart, List<String> errorLines,
                       List<Long> errorLineNumbers, long indexErrorLine, long runtimeLine, long wheelBuiltLine, long dependenciesLine,
                       String delocateArchs, long delocateFailedLine) {
    public static final int MAX_TAGS = 64;
    public static final int MAX_ERROR_LINES = 5;
    public static final int TAIL = 40;

    public LogFacts {
        tags = List.copyOf(tags);
        unsupportedPlatforms = List.copyOf(unsupportedPlatforms);
        errorLines = List.copyOf(errorLines);
        errorLineNumbers = List.copyOf(errorLineNumbers);
    }

    public static final LogFacts NONE = new LogFacts(null, null, null, null, null, List.of(), List.of(), 0, 0, 1, List.of(), List.of(), 0, 0, 0, 0, null, 0);

    /** The facts a line can state. */
    enum Field { PIP, SETUPTOOLS, PYTHON, INTERPRETER_ARCH, HOST_ARCH, TAG_HEADER, TAG, UNSUPPORTED, SUCCESS, ERROR, INDEX_ERROR, RUNTIME, STRING_FRAME, BUILT, DEPENDENCIES, DELOCATE_ARCHS, DELOCATE_FAILED, FIXING, TRACEBACK }

    /** Whether a statement of the field says only that it is there (its value is ""): where, not what. */
    static boolean presenceOnly(Field field) {
        return field == Field.SUCCESS || field == Field.TAG_HEADER || field == Field.INDEX_ERROR || field == Field.RUNTIME
                || field == Field.STRING_FRAME || field == Field.BUILT || field == Field.DEPENDENCIES
                || field == Field.DELOCATE_FAILED || field == Field.FIXING || field == Field.TRACEBACK;
    }

    /** Whether later statements of the field still count (the first statement of a version or arch wins). */
    static boolean collectsAll(Field f) {
        return f == Field.TAG || f == Field.UNSUPPORTED || f == Field.SUCCESS || f == Field.ERROR || f == Field.STRING_FRAME || f == Field.BUILT
                || f == Field.FIXING || f == Field.TRACEBACK;
    }

    /** One shape of line that states a fact; group {@code v} holds the value. */
    record FactPattern(Field field, Pattern pattern, List<String> literals) {
        FactPattern(Field field, String regex, String... literals) {
            this(field, Pattern.compile(regex), List.of(literals));
        }

        /** The value the line states, or null. */
        String value(Matcher m) {
            return value(m, false);
        }

        /** Like {@link #value(Matcher)}; {@code atStart}: the pattern can only match at the line's start (tried there only). */
        String value(Matcher m, boolean atStart) {
            if (!(atStart ? m.lookingAt() : m.find())) {
                return null;
            }
            if (presenceOnly(field)) {
                return "";
            }
            if (field == Field.ERROR) {
                return GenericLines.isGeneric(m.group()) ? null : m.group().strip();
            }
            String v = m.group("v");
            return field == Field.HOST_ARCH || field == Field.INTERPRETER_ARCH ? arch(v) : v;
        }
    }

    static final String SUCCESS_INSTALLED = "Successfully installed ";
    private static final String VER = "(?<v>\\d+(?:\\.\\d+)+)";

    static final List<FactPattern> PATTERNS = List.of(
            // pip 8-19: "You are using pip version 9.0.1, however version ..."; 20-21: "...; however, ..."
            new FactPattern(Field.PIP, "You are using pip version " + VER, "You are using pip version "),
            // pip 22.1+: "[notice] A new release of pip is available: 23.0 -> 23.1" (22.0: "available: ")
            new FactPattern(Field.PIP, "A new release of pip (?:is )?available: " + VER + " -> ", "A new release of pip "),
            // pip --version: "pip 23.0.1 from /usr/lib/python3/dist-packages/pip (python 3.11)"; pip -v: "Using pip 23.0 from ..."
            // (two patterns, not "(?:^|Using )pip ...": "pip " is on every line that runs pip, where the
            // alternation was tried at every position; the line-start one is tried at the start only)
            new FactPattern(Field.PIP, "^pip " + VER + " from \\S", "pip "),
            new FactPattern(Field.PIP, "Using pip " + VER + " from \\S", "Using pip "),
            new FactPattern(Field.SETUPTOOLS, "\\bsetuptools-" + VER + "(?:-py\\d|\\.tar\\.gz| |$)", "setuptools-"),
            // pip 8-9: "Requirement already satisfied: setuptools in /usr/lib/python3/dist-packages (39.0.1)"
            new FactPattern(Field.SETUPTOOLS, "^\\s*Requirement already satisfied: setuptools in \\S+ \\(" + VER + "\\)\\s*$",
                    "Requirement already satisfied: setuptools in "),
            new FactPattern(Field.PYTHON, "\\(python (?<v>[23]\\.\\d+)\\)", "(python "),
            new FactPattern(Field.PYTHON, "^Python (?<v>[23]\\.\\d+)\\.\\d+\\s*$", "Python "),
            new FactPattern(Field.PYTHON, "include/python(?<v>[23]\\.\\d+)", "include/python"),
            new FactPattern(Field.INTERPRETER_ARCH,
                    "build[/\\\\](?:temp|lib|bdist)\\.(?:macosx-\\d+(?:\\.\\d+)*|linux|win|mingw)-(?<v>[a-z0-9_]+)-(?:cpython-\\d+|\\d\\.\\d+)",
                    "build/temp.", "build/lib.", "build\\temp.", "build\\lib.", "build/bdist."),
            new FactPattern(Field.HOST_ARCH, "Darwin Kernel Version [\\d.]+: .*RELEASE_(?<v>ARM64|X86_64)", "RELEASE_"),
            new FactPattern(Field.HOST_ARCH, "^Linux \\S+ \\S+ #\\d+.* (?<v>x86_64|aarch64|ppc64le|s390x|armv7l|i686) GNU/Linux", " GNU/Linux"),
            new FactPattern(Field.HOST_ARCH, "^(?<v>Translated) Report", "Translated Report"),
            // pip debug --verbose: "Compatible tags: 1234" and then one indented tag a line
            new FactPattern(Field.TAG_HEADER, "^Compatible tags: \\d+", "Compatible tags: "),
            // (the scanner tells a tag line on its bytes; the regex documents the shape)
            new FactPattern(Field.TAG, "^\\s+(?<v>[a-z]+\\d*(?:\\.[a-z]+\\d*)*-[a-z0-9_]+-[a-z0-9_.]+)\\s*$", "-cp3", "-none-", "-abi3-", "-pp3"),
            // pip 8-9 "... is not a supported wheel on this platform." (index.py: "for this platform"), pip 10+ the same
            new FactPattern(Field.UNSUPPORTED, "-(?<v>[A-Za-z0-9_.]+)\\.whl is not a supported wheel (?:on|for) this platform",
                    "is not a supported wheel "),
            // (the scanner recognises this one on the line's bytes: it is the first pattern of SUCCESS)
            new FactPattern(Field.SUCCESS, "^\\s*Successfully installed \\S", SUCCESS_INSTALLED),
            new FactPattern(Field.SUCCESS, "^\\s*Successfully built \\S+\\.(?:whl|tar\\.gz)\\b", "Successfully built "),
            // the installer could not read an index: pip 1.5-26, easy_install, urllib3 retries
            new FactPattern(Field.INDEX_ERROR, "Could not fetch URL \\S|Cannot fetch index base URL|Download error on https?://|after connection broken by '",
                    "Could not fetch URL ", "Cannot fetch index base URL", "Download error on ", "after connection broken by '"),
            // the interactive interpreter's frame: "File "<stdin>", line 1, in <module>" (Python 3.13's new REPL:
            // "File "<python-input-0>", line 1, in <module>")
            new FactPattern(Field.RUNTIME, "^\\s*File \"<(?:stdin|python-input-\\d+)>\", line \\d+, in <module>", "File \"<stdin>\"", "File \"<python-input-"),
            // the frame of code given as a string: `python -c` (run time when the exception follows at once) and pip's setup.py shim
            new FactPattern(Field.STRING_FRAME, "^\\s*File \"<string>\", line 1, in <module>\\s*$", "File \"<string>\", line 1, in <module>"),
            // pip 8-26 after building a wheel from source: "Stored in directory: /root/.cache/pip/wheels/..."
            new FactPattern(Field.BUILT, "^\\s*Stored in directory: \\S", "Stored in directory: "),
            // setuptools' easy_install (0.6-80) turning to the install requirements: "Processing dependencies for foo==1.0"
            new FactPattern(Field.DEPENDENCIES, "^\\s*Processing dependencies for \\S", "Processing dependencies for "),
            // delocate-wheel's command line (cibuildwheel 2-3 echo it: "+ delocate-wheel --require-archs arm64 -w ...")
            new FactPattern(Field.DELOCATE_ARCHS, "delocate-wheel\\s.*?--require-archs[= ]+(?<v>[A-Za-z0-9_,]+)", "--require-archs"),
            // delocate-wheel's traceback (delocate 0.8-0.13): the console script's frame, the command module's main()
            new FactPattern(Field.DELOCATE_FAILED,
                    "[/\\\\]bin[/\\\\]delocate-wheel\", line \\d+, in <module>|[/\\\\]delocate[/\\\\]cmd[/\\\\]delocate_wheel\\.py\", line \\d+, in main",
                    "delocate-wheel\", line ", "delocate_wheel.py\", line "),
            // delocate-wheel -v prints "Fixing: X.whl" just before it delocates; a traceback right after it is its failure
            new FactPattern(Field.FIXING, "^\\s*Fixing: \\S+\\.whl\\s*$", "Fixing: "),
            new FactPattern(Field.TRACEBACK, "^\\s*Traceback \\(most recent call last\\):", "Traceback (most recent call last):"),
            // an error line (case matters: the pre-filter's literals are found regardless of case)
            new FactPattern(Field.ERROR, "^.*(?:error:|Error:|ERROR:|ERROR |Exception:|SystemExit: |Errno |fatal:|FAILED|error\\[E|Error ).*$", "error:", "SystemExit: ", "Error:", "ERROR:", "ERROR ", "Exception:", "Errno ", "fatal:",
                    "FAILED", "error[E", "Error "));

    /** An arch as wheel tags spell it (x86_64, arm64, aarch64, ...). */
    static String arch(String v) {
        return switch (v) {
            case "ARM64" -> "arm64";
            case "X86_64", "amd64", "AMD64", "win_amd64" -> "x86_64";
            case "Translated" -> "arm64"; // Rosetta translates x86_64 code on an arm64 Mac
            default -> v;
        };
    }

    /** The exception of a {@code python -c} one-liner that failed at run time (an import, a name). */
    private static final Pattern ONE_LINER_EXCEPTION = Pattern.compile("(?:ImportError|ModuleNotFoundError|AttributeError|NameError): ");
    /** pip 1.x-20's own one-liner ({@code import setuptools, tokenize;__file__=...}) failing on its imports: a build. */
    private static final Pattern SHIM_IMPORT = Pattern.compile("(?:ImportError|ModuleNotFoundError): No module named '?(?:setuptools|tokenize)\\b");

    /** Collects facts in line order: the first statement of a version or arch wins, the last success line counts. */
    static final class Builder {
        private String pip;
        private String setuptools;
        private String python;
        private String interpreterArch;
        private String hostArch;
        private final List<String> tags = new ArrayList<>();
        private final List<String> unsupported = new ArrayList<>();
        private boolean tagList;   // pip debug's "Compatible tags:" came: tag lines count from here
        private long success;
        private long indexError;
        private long runtime;
        private long stringFrame;   // the last `File "<string>", line 1` frame
        private long built;
        private long dependencies;
        private String delocateArchs;
        private long delocateFailed;
        private long fixing;
        private final java.util.ArrayDeque<String> errors = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Long> errorNumbers = new java.util.ArrayDeque<>();

        void accept(Field f, String value, long line) {
            switch (f) {
                case PIP -> pip = pip == null ? value : pip;
                case SETUPTOOLS -> setuptools = setuptools == null ? value : setuptools;
                case PYTHON -> python = python == null ? value : python;
                case INTERPRETER_ARCH -> interpreterArch = interpreterArch == null ? value : interpreterArch;
                case HOST_ARCH -> hostArch = hostArch == null ? value : hostArch;
                case TAG_HEADER -> tagList = true;
                case TAG -> {
                    if (tagList && tags.size() < MAX_TAGS && !tags.contains(value)) {
                        tags.add(value);
                    }
                }
                case UNSUPPORTED -> {
                    if (unsupported.size() < MAX_TAGS && !unsupported.contains(value)) {
                        unsupported.add(value);
                    }
                }
                case SUCCESS -> success = line;
                case INDEX_ERROR -> indexError = indexError == 0 ? line : indexError;
                // the traceback's header is the line above the frame
                case RUNTIME -> runtime = runtime == 0 ? Math.max(1, line - 1) : runtime;
                case STRING_FRAME -> stringFrame = line;
                case BUILT -> built = line;
                case DEPENDENCIES -> dependencies = dependencies == 0 ? line : dependencies;
                case DELOCATE_ARCHS -> delocateArchs = delocateArchs == null ? value : delocateArchs;
                case DELOCATE_FAILED -> delocateFailed = delocateFailed == 0 ? line : delocateFailed;
                case FIXING -> fixing = line;
                case TRACEBACK -> {
                    if (delocateFailed == 0 && fixing > 0 && line == fixing + 1) {
                        delocateFailed = line;
                    }
                }
                case ERROR -> {
                    if (runtime == 0 && stringFrame > 0 && line == stringFrame + 1 && ONE_LINER_EXCEPTION.matcher(value).lookingAt()
                            && !SHIM_IMPORT.matcher(value).lookingAt()) {
                        runtime = Math.max(1, stringFrame - 1);
                    }
                    if (value.length() > 500) {
                        value = value.substring(0, 500) + "…";
                    }
                    if (errors.size() == MAX_ERROR_LINES) {
                        errors.removeFirst();
                        errorNumbers.removeFirst();
                    }
                    errors.addLast(value);
                    errorNumbers.addLast(line);
                }
            }
        }

        LogFacts build(long lines) {
            return new LogFacts(pip, setuptools, python, interpreterArch, hostArch, tags, unsupported, success, lines, Math.max(1, lines - TAIL + 1),
                    List.copyOf(errors), List.copyOf(errorNumbers), indexError, runtime, built, dependencies, delocateArchs, delocateFailed);
        }
    }
}
