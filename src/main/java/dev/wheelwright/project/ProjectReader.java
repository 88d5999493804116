package dev.wheelwright.project;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a project folder into {@link ProjectFacts}: pyproject.toml, setup.cfg, setup.py (as
 * text), CI files, and what follows from them (build targets, cffi use). Nothing in the project
 * is executed. A file that exists but cannot be understood becomes a {@link ProjectProblem};
 * only a folder that cannot be read at all stops the run.
 */
public final class ProjectReader {

    /** Larger project files are not configuration a person wrote; refuse rather than load them. */
    static final long MAX_FILE_BYTES = 4L << 20;
    private static final Set<String> SKIP_DIRS = Set.of(".git", ".hg", ".tox", ".nox", ".venv", "venv", "env",
            "build", "dist", "node_modules", "site-packages", "__pycache__", ".eggs", "wheelhouse", "target");
    private static final Pattern DEPLOYMENT = Pattern.compile("MACOSX_DEPLOYMENT_TARGET\\s*=\\s*[\"']?([0-9][0-9.]*)");
    private static final Pattern SET_SOURCE = Pattern.compile("\\.set_source\\s*\\(");

    private final java.util.function.Supplier<RunnerImages> runners;

    public ProjectReader(RunnerImages runners) {
        this.runners = () -> runners;
    }

    /**
     * With the built-in runner table, read when a CI job first asks for it: a folder without CI
     * files (doctor on a log alone) does not pay for parsing it.
     */
    public ProjectReader() {
        this.runners = RunnerImages::builtIn;
    }

    public ProjectFacts read(Path dir) {
        if (!Files.exists(dir)) {
            throw new ProjectException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new ProjectException(dir + ": not a directory (doctor reads a project folder)");
        }
        List<ProjectProblem> problems = new ArrayList<>();
        PyProject pyproject = null;
        Optional<String> text = readText(dir, "pyproject.toml", ProjectProblem.Kind.PYPROJECT, problems);
        if (text.isPresent()) {
            try {
                pyproject = PyProjectReader.read("pyproject.toml", text.get(), problems);
            } catch (PyProjectReader.InvalidToml e) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.PYPROJECT, "pyproject.toml", e.line, e.getMessage()));
            }
        }
        SetupCfg cfg = null;
        text = readText(dir, "setup.cfg", ProjectProblem.Kind.SETUP_CFG, problems);
        if (text.isPresent()) {
            try {
                cfg = SetupCfg.parse("setup.cfg", text.get());
            } catch (SetupCfg.SetupCfgException e) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.SETUP_CFG, "setup.cfg", e.line(), e.detail()));
            }
        }
        SetupPy setupPy = null;
        text = readText(dir, "setup.py", ProjectProblem.Kind.SETUP_PY, problems);
        if (text.isPresent()) {
            setupPy = SetupPyParser.parse("setup.py", text.get());
            if (setupPy.unparsable() != null) {
                int line = lineOf(setupPy.unparsable());
                problems.add(new ProjectProblem(ProjectProblem.Kind.SETUP_PY, "setup.py", line,
                        setupPy.unparsable().replaceFirst("^line \\d+: ", "")));
            }
        }
        List<String> ciFiles = new ArrayList<>();
        List<CiRun> ci = readCi(dir, problems, ciFiles);
        List<BuildTarget> targets = targets(ci, pyproject);
        List<Located<String>> cffi = cffiBuilders(dir, pyproject, cfg, setupPy);
        return new ProjectFacts(dir.toString(), pyproject, cfg, setupPy, ci, targets, cffi, problems,
                noBuildIsolation(dir, ciFiles, pyproject));
    }

    private static int lineOf(String located) {
        Matcher m = Pattern.compile("^line (\\d+):").matcher(located);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A file's text if it exists; binary or oversized content is a problem, not an exception. */
    private static Optional<String> readText(Path dir, String rel, ProjectProblem.Kind kind, List<ProjectProblem> problems) {
        Path p = dir.resolve(rel);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                problems.add(new ProjectProblem(kind, rel, 0, "larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not read"));
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(p);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    problems.add(new ProjectProblem(kind, rel, lineAt(bytes, i), "binary data (NUL byte at offset " + i + "), not text"));
                    return Optional.empty();
                }
            }
            java.nio.charset.Charset charset = StandardCharsets.UTF_8;
            if (kind == ProjectProblem.Kind.SETUP_PY) {
                Optional<String> declared = pep263Encoding(bytes);
                if (declared.isPresent()) {
                    try {
                        charset = java.nio.charset.Charset.forName(pythonCodecName(declared.get()));
                    } catch (IllegalArgumentException e) {
                        // Python stops with "SyntaxError: unknown encoding" on such a file
                        int decl = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("coding");
                        problems.add(new ProjectProblem(kind, rel, lineAt(bytes, Math.max(0, decl)), "unknown encoding '" + declared.get()
                                + "' in its coding declaration"));
                        return Optional.empty();
                    }
                }
            }
            java.nio.charset.CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                result = decoder.flush(out);
            }
            if (result.isError()) {
                int at = in.position();
                problems.add(new ProjectProblem(kind, rel, lineAt(bytes, at), "not " + charset.name() + " text (byte 0x"
                        + String.format("%02X", bytes[at] & 0xff) + " at offset " + at + ")"));
                return Optional.empty();
            }
            String s = out.flip().toString();
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            return Optional.of(s);
        } catch (IOException e) {
            throw new ProjectException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * PEP 263: a comment matching {@code coding[:=]\s*([-\w.]+)} on the first or second line
     * declares the source encoding of a Python file (UTF-8 when there is none, PEP 3120).
     */
    static Optional<String> pep263Encoding(byte[] bytes) {
        int line = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length && line < 2; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                String text = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
                Matcher m = CODING.matcher(text);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
                if (!BLANK_OR_COMMENT.matcher(text).matches()) {
                    return Optional.empty(); // PEP 263: the second line counts only after a comment or blank line
                }
                line++;
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    /**
     * The Java name of a Python codec name as a coding declaration writes it. CPython's
     * tokenizer (get_normal_name) folds "utf-8-*" to utf-8 and "latin-1-*", "iso-8859-1-*",
     * "iso-latin-1-*" to iso-8859-1; other names (cp1252, euc-jp, iso-8859-15) are Java aliases too.
     */
    static String pythonCodecName(String declared) {
        String n = declared.toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("utf-8") || n.startsWith("utf-8-")) {
            return "UTF-8";
        }
        for (String latin1 : new String[] {"latin-1", "iso-8859-1", "iso-latin-1"}) {
            if (n.equals(latin1) || n.startsWith(latin1 + "-")) {
                return "ISO-8859-1";
            }
        }
        return n;
    }

    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t\\f]*(#.*)?\\r?$");

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private List<CiRun> readCi(Path dir, List<ProjectProblem> problems, List<String> ciFiles) {
        List<CiRun> out = new ArrayList<>();
        Path wf = dir.resolve(".github/workflows");
        if (Files.isDirectory(wf)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(wf)) {
                files = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return Files.isRegularFile(p) && (n.endsWith(".yml") || n.endsWith(".yaml"));
                }).sorted().toList();
            } catch (IOException e) {
                throw new ProjectException(wf + ": cannot list: " + e.getMessage(), e);
            }
            Map<String, String> texts = new java.util.LinkedHashMap<>();
            for (Path f : files) {
                String rel = ".github/workflows/" + f.getFileName();
                readText(dir, rel, ProjectProblem.Kind.CI_CONFIG, problems).ifPresent(t -> texts.put(rel, t));
            }
            for (Map.Entry<String, String> wfe : texts.entrySet()) {
                String rel = wfe.getKey();
                Optional<String> text = Optional.of(wfe.getValue());
                ciFiles.add(rel);
                // a workflow only other workflows call runs as part of its callers (CiReader follows the call)
                if (CiReader.calledOnly(wfe.getValue()) && texts.entrySet().stream()
                        .anyMatch(o -> !o.getKey().equals(rel) && o.getValue().contains("./" + rel))) {
                    continue;
                }
                try {
                    out.addAll(CiReader.readWorkflow(rel, text.get(), r -> repositoryFile(dir, r), problems));
                } catch (CiReader.InvalidYaml e) {
                    problems.add(new ProjectProblem(ProjectProblem.Kind.CI_CONFIG, rel, e.line, e.getMessage()));
                }
            }
        }
        for (String other : List.of(".gitlab-ci.yml", "azure-pipelines.yml", ".travis.yml", ".cirrus.yml",
                "appveyor.yml", ".circleci/config.yml")) {
            Optional<String> text = readText(dir, other, ProjectProblem.Kind.CI_CONFIG, problems);
            text.ifPresent(t -> {
                ciFiles.add(other);
                out.addAll(CiReader.readOther(other, t));
            });
        }
        return out;
    }

    /** A file of the repository that a workflow names (a reusable workflow, a local action), or null. */
    private static String repositoryFile(Path dir, String rel) {
        if (rel.contains("..")) {
            return null;
        }
        Path root = dir.toAbsolutePath().normalize();
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return null;
        }
        try {
            return Files.size(p) > MAX_FILE_BYTES ? null : Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ build targets

    private List<BuildTarget> targets(List<CiRun> ci, PyProject pyproject) {
        List<BuildTarget> out = new ArrayList<>();
        for (CiRun run : ci) {
            if (run.runner() == null || (!run.usesCibuildwheel() && run.builders().isEmpty())) {
                continue;
            }
            Optional<RunnerImages.Image> image = runners.get().find(run.runner().value());
            String os = image.map(RunnerImages.Image::os).orElseGet(() -> guessOs(run.runner().value()));
            if (os == null) {
                continue;
            }
            String runnerArch = image.map(RunnerImages.Image::arch).orElse(null);
            if (run.archsUnknown(os)) {
                continue; // what it builds depends on a value only a run knows (said as a CI_UNRESOLVED problem)
            }
            if (!run.usesCibuildwheel()) {
                out.addAll(BuilderTargets.of(run, os, runnerArch));
                continue;
            }
            String platform = run.cibwPlatform();
            if (platform != null && !platform.equals("auto")) {
                if (!Set.of("linux", "macos", "windows").contains(platform)) {
                    continue; // ios, android, pyodide: not a macOS, Linux or Windows wheel
                }
                os = platform; // e.g. CIBW_PLATFORM=linux on a macOS runner builds Linux wheels in containers
                if (run.archsUnknown(os)) {
                    continue;
                }
                if (!os.equals(image.map(RunnerImages.Image::os).orElse(os))) {
                    runnerArch = image.map(RunnerImages.Image::arch).map(a -> a.equals("arm64") ? "aarch64" : a).orElse(null);
                }
            }
            Located<String> declared = archOption(run, pyproject, os);
            Located<String> deployment = os.equals("macos") ? deploymentTarget(run, pyproject) : null;
            String spec = declared == null ? "auto" : declared.value();
            for (String arch : expandArchs(spec, os, runnerArch, run.cibuildwheel() == null ? null : run.cibuildwheel().value())) {
                out.add(new BuildTarget(run, os, arch, runnerArch, cross(os, arch, runnerArch), declared, deployment));
            }
        }
        return out;
    }

    private static String guessOs(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("macos")) {
            return "macos";
        }
        if (l.contains("windows")) {
            return "windows";
        }
        if (l.contains("ubuntu") || l.contains("linux")) {
            return "linux";
        }
        return null;
    }

    /** cibuildwheel's precedence: CIBW_ARCHS_&lt;OS&gt;, then CIBW_ARCHS, then pyproject. */
    private static Located<String> archOption(CiRun run, PyProject pyproject, String os) {
        String suffix = os.toUpperCase(Locale.ROOT);
        Optional<Located<String>> env = run.envVar("CIBW_ARCHS_" + suffix).or(() -> run.envVar("CIBW_ARCHS"));
        if (env.isPresent()) {
            return env.get();
        }
        if (pyproject != null) {
            for (String table : List.of("tool.cibuildwheel." + os, "tool.cibuildwheel")) {
                String path = table.equals("tool.cibuildwheel") ? "archs" : os + ".archs";
                Optional<Object> v = pyproject.cibuildwheelOption(path);
                if (v.isPresent()) {
                    String text = v.get() instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
                            : String.valueOf(v.get());
                    return new Located<>(text, pyproject.file(), PyProjectReader.keyLine(pyproject.text(), table, "archs"));
                }
            }
        }
        return null;
    }

    /** MACOSX_DEPLOYMENT_TARGET as cibuildwheel would pass it to the macOS build. */
    private static Located<String> deploymentTarget(CiRun run, PyProject pyproject) {
        for (String var : List.of("CIBW_ENVIRONMENT_MACOS", "CIBW_ENVIRONMENT")) {
            Optional<Located<String>> env = run.envVar(var);
            if (env.isPresent()) {
                Matcher m = DEPLOYMENT.matcher(env.get().value());
                if (m.find()) {
                    return new Located<>(m.group(1), env.get().file(), env.get().line());
                }
            }
        }
        Optional<Located<String>> direct = run.envVar("MACOSX_DEPLOYMENT_TARGET");
        if (direct.isPresent()) {
            return direct.get();
        }
        if (pyproject != null) {
            for (String path : List.of("macos.environment", "environment")) {
                Optional<Object> v = pyproject.cibuildwheelOption(path);
                if (v.isEmpty()) {
                    continue;
                }
                String value = null;
                if (v.get() instanceof Map<?, ?> m && m.get("MACOSX_DEPLOYMENT_TARGET") != null) {
                    value = String.valueOf(m.get("MACOSX_DEPLOYMENT_TARGET"));
                } else if (v.get() instanceof String s) {
                    Matcher m = DEPLOYMENT.matcher(s);
                    value = m.find() ? m.group(1) : null;
                }
                if (value != null) {
                    String table = path.startsWith("macos") ? "tool.cibuildwheel.macos" : "tool.cibuildwheel";
                    int line = PyProjectReader.keyLine(pyproject.text(), table + ".environment", "MACOSX_DEPLOYMENT_TARGET");
                    if (line == 0) {
                        line = PyProjectReader.keyLine(pyproject.text(), table, "environment");
                    }
                    return new Located<>(value, pyproject.file(), line);
                }
            }
        }
        return null;
    }

    /** cibuildwheel's arch keywords: auto/native/auto64 mean the runner's own arch, all means every one. */
    static List<String> expandArchs(String spec, String os, String runnerArch) {
        return expandArchs(spec, os, runnerArch, null);
    }

    /**
     * As {@link #expandArchs(String, String, String)}, for a known cibuildwheel version: before 3.0
     * (changelog v3.0.0, #2458) Linux {@code auto} on an x86_64 runner included i686.
     */
    static List<String> expandArchs(String spec, String os, String runnerArch, String cibuildwheelVersion) {
        List<String> out = expandArchs0(spec, os, runnerArch);
        if (os.equals("linux") && "x86_64".equals(runnerArch) && cibuildwheelVersion != null
                && cibuildwheelVersion.matches("[12]\\..*") && java.util.Arrays.asList(spec.split("[\\s,]+")).contains("auto")) {
            add(out, "i686");
        }
        return out;
    }

    private static List<String> expandArchs0(String spec, String os, String runnerArch) {
        List<String> out = new ArrayList<>();
        for (String tok : spec.split("[\\s,]+")) {
            if (tok.isBlank()) {
                continue;
            }
            switch (tok) {
                case "auto", "native", "auto64" -> {
                    if (runnerArch != null) {
                        add(out, runnerArch);
                        // cibuildwheel (architecture.py auto_archs): a 64-bit Windows runner builds x86 too
                        if (tok.equals("auto") && os.equals("windows") && runnerArch.equals("AMD64")) {
                            add(out, "x86");
                        }
                    }
                }
                case "all" -> {
                    switch (os) {
                        case "macos" -> List.of("x86_64", "arm64", "universal2").forEach(a -> add(out, a));
                        case "windows" -> List.of("AMD64", "x86", "ARM64").forEach(a -> add(out, a));
                        default -> List.of("x86_64", "i686", "aarch64", "ppc64le", "s390x", "armv7l", "riscv64").forEach(a -> add(out, a));
                    }
                }
                case "auto32" -> {
                    if (os.equals("windows")) {
                        add(out, "x86");
                    } else if (os.equals("linux")) {
                        add(out, "i686");
                    }
                }
                default -> add(out, tok);
            }
        }
        return out;
    }

    private static void add(List<String> list, String v) {
        if (!list.contains(v)) {
            list.add(v);
        }
    }

    /** Code for another CPU than the runner's is cross-compiled (Linux uses emulation, not cross compilers). */
    static boolean cross(String os, String arch, String runnerArch) {
        if (runnerArch == null) {
            return false;
        }
        return switch (os) {
            case "macos" -> arch.equals("universal2") || !arch.equals(runnerArch);
            case "windows" -> arch.equals("ARM64") != runnerArch.equals("ARM64");
            default -> false;
        };
    }

    // ------------------------------------------------------------------ build isolation

    private static final Pattern NO_ISOLATION = Pattern.compile("--no-build-isolation|PIP_NO_BUILD_ISOLATION\\s*[:=]\\s*\\S+");

    /** Lines of CI files and pyproject.toml that switch PEP 517 build isolation off. */
    private static List<Located<String>> noBuildIsolation(Path dir, List<String> ciFiles, PyProject pyproject) {
        List<Located<String>> out = new ArrayList<>();
        java.util.Set<String> files = new java.util.LinkedHashSet<>(ciFiles);
        if (pyproject != null) {
            files.add(pyproject.file());
        }
        for (String rel : files) {
            String text;
            try {
                text = rel.equals("pyproject.toml") && pyproject != null ? pyproject.text()
                        : Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // already read once; a file that vanished since says nothing here
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = NO_ISOLATION.matcher(lines[i]);
                if (m.find() && !lines[i].strip().startsWith("#")) {
                    out.add(new Located<>(m.group(), rel, i + 1));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ cffi

    /**
     * The cffi builders the build runs: the {@code cffi_modules} entries of setup.py or setup.cfg,
     * and an FFI build script that setup.py imports for its {@code ext_modules} (the older
     * {@code ffi.distutils_extension()} style, also written in setup.py itself). Other files
     * calling {@code FFI()} (demos, tests, cffi's own sources) build nothing when the wheel is built.
     */
    private static List<Located<String>> cffiBuilders(Path dir, PyProject pyproject, SetupCfg cfg, SetupPy setupPy) {
        List<Located<String>> out = new ArrayList<>();
        if (setupPy != null) {
            // a cffi_modules value setup.py computes (e.g. a list only PyPy builds fill: pyzmq) is not known
            // to build a cffi extension in every build: no fact is built on it
            setupPy.keyword("cffi_modules").flatMap(k -> k.value().strings().map(mods -> Map.entry(k, mods)))
                    .ifPresent(e -> e.getValue().forEach(m -> out.add(new Located<>(m, setupPy.file(), e.getKey().line()))));
        }
        if (cfg != null) {
            cfg.get("options", "cffi_modules").ifPresent(e ->
                    e.items().forEach(m -> out.add(new Located<>(m, cfg.file(), e.line()))));
        }
        if (pyproject != null && pyproject.buildRequires() != null
                && pyproject.buildRequires().stream().anyMatch(r -> Requirements.name(r).filter("cffi"::equals).isPresent()
                        // "cffi; implementation_name == 'pypy'": only PyPy builds use it (pyzmq's backend for PyPy)
                        && !pypyOnly(r))) {
            out.add(new Located<>("cffi in [build-system].requires", pyproject.file(), pyproject.requiresLine()));
        }
        if (setupPy == null || setupPy.keyword("ext_modules").isEmpty()) {
            return out;
        }
        // ext_modules=[ffi.distutils_extension()]: the builder is setup.py itself or a module it imports
        Set<String> imported = importedModules(setupPy.text());
        for (Path py : pythonFiles(dir)) {
            String rel = dir.relativize(py).toString().replace('\\', '/');
            boolean self = rel.equals("setup.py");
            if (!self && imported.stream().noneMatch(m -> moduleNames(rel).contains(m))) {
                continue;
            }
            try {
                if (Files.size(py) > MAX_FILE_BYTES) {
                    continue;
                }
                String t = self ? setupPy.text() : new String(Files.readAllBytes(py), StandardCharsets.UTF_8);
                if (!t.contains("FFI(")) {
                    continue;
                }
                Matcher m = SET_SOURCE.matcher(t);
                if (m.find()) {
                    int line = (int) t.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    if (out.stream().noneMatch(l -> l.value().startsWith(rel))) {
                        out.add(new Located<>(rel, rel, line));
                    }
                }
            } catch (IOException e) {
                // an unreadable source file says nothing about cffi; the build will report it
            }
        }
        return out;
    }

    private static final Pattern PYPY_MARKER = Pattern.compile("(implementation_name|platform_python_implementation)\\s*==\\s*['\"]pypy['\"]");

    /** A requirement whose marker limits it to PyPy; searched after the ";" (".*;.*X" backtracks over a long one). */
    private static boolean pypyOnly(String requirement) {
        int semi = requirement.indexOf(';');
        return semi >= 0 && PYPY_MARKER.matcher(requirement.substring(semi + 1).toLowerCase(Locale.ROOT)).find();
    }

    private static final Pattern FROM_IMPORT = Pattern.compile("(?m)^[ \\t]*from[ \\t]+([A-Za-z_][\\w.]*)[ \\t]+import[ \\t]+\\(?([\\w ,\\t]+)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^[ \\t]*import[ \\t]+([\\w., \\t]+)");

    /** Modules setup.py imports (dotted, and for {@code from a import b} also {@code a.b}). */
    static Set<String> importedModules(String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = FROM_IMPORT.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
            for (String n : m.group(2).split(",")) {
                String name = n.strip().split("\\s+")[0];
                if (!name.isEmpty()) {
                    out.add(m.group(1) + "." + name);
                }
            }
        }
        m = IMPORT.matcher(text);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                String name = n.strip().split("\\s+")[0];
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The module names a file can be imported as from setup.py: its dotted path, without src/, or its own name (sys.path tweaks). */
    static Set<String> moduleNames(String rel) {
        String dotted = rel.substring(0, rel.length() - 3).replace('/', '.');
        Set<String> out = new java.util.LinkedHashSet<>();
        out.add(dotted);
        if (dotted.startsWith("src.")) {
            out.add(dotted.substring(4));
        }
        out.add(dotted.substring(dotted.lastIndexOf('.') + 1));
        return out;
    }

    private static List<Path> pythonFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        walk(dir, 0, out);
        out.sort(null);
        return out;
    }

    private static void walk(Path d, int depth, List<Path> out) {
        if (depth > 3 || out.size() > 2000) {
            return;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (!SKIP_DIRS.contains(n) && !n.startsWith(".")) {
                        walk(p, depth + 1, out);
                    }
                } else if (n.endsWith(".py") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            // unreadable sub-folders are skipped: they hold no configuration wheelwright reads
        }
    }
}
