package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.index.DepNode;
import dev.wheelwright.index.DependencyReport;
import dev.wheelwright.index.HttpCache;
import dev.wheelwright.index.HttpFetcher;
import dev.wheelwright.index.IndexSettings;
import dev.wheelwright.index.PackageFinder;
import dev.wheelwright.index.PipConfig;
import dev.wheelwright.index.RequirementsFile;
import dev.wheelwright.index.Resolver;
import dev.wheelwright.index.Target;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectProblem;
import dev.wheelwright.project.ProjectReader;
import dev.wheelwright.report.DepsRenderer;
import dev.wheelwright.report.FindingsReport;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.shell.ShellSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deps [DIR|REQUIREMENT...]}: the dependency tree of a project (or of requirement strings)
 * for each target, which file pip would install there, and the WW-D findings for dependencies
 * without a wheel.
 */
@Command(name = "deps", mixinStandardHelpOptions = true,
        description = {"Dependency tree with wheel availability per target.",
                "",
                "Reads a project folder as 'doctor' does (pyproject.toml [build-system].requires, [project].dependencies and "
                        + "optional-dependencies; setup.cfg and setup.py setup_requires, install_requires and extras_require; "
                        + "setup.py is parsed as text, never run) or requirement strings, "
                        + "looks every dependency up in the package indexes (PEP 691 JSON / PEP 503 HTML, "
                        + "pip's configuration and PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS honoured) "
                        + "and shows, per target, the version and wheel pip would pick.",
                "",
                "Resolution is simple and deterministic, not a backtracking resolver: requirements are visited "
                        + "breadth first (top-level ones first) and the first one met for a name decides; the newest version its specifiers allow is taken (pre-releases only "
                        + "when asked for or when nothing else fits, yanked files only when pinned with ==, "
                        + "Requires-Python honoured), then the wheel whose tag the target prefers most, else the sdist. "
                        + "Requires-Dist is followed with markers evaluated for each target.",
                "",
                "Targets: --target (with --python, default " + Target.DEFAULT_PYTHON + ") when given. Otherwise, for a project "
                        + "folder, the platforms of [tool.wheelwright] targets in its pyproject.toml, else the wheels its CI builds with cibuildwheel (the same targets 'doctor' derives: runner and "
                        + "CIBW_ARCHS*/[tool.cibuildwheel] archs): macOS as macosx_<MACOSX_DEPLOYMENT_TARGET, at least 10.9 "
                        + "for x86_64 and 11.0 for arm64>_<arch> (universal2 resolves both thin archs, as pip installs on each "
                        + "kind of Mac), Linux as manylinux_2_17_<arch> or the configured manylinux image, Windows as "
                        + "win_amd64/win32/win_arm64; Python versions from CIBW_BUILD/[tool.cibuildwheel].build (minus "
                        + "CIBW_SKIP), else the oldest and newest of 3.8-3.14 that requires-python admits, else "
                        + Target.DEFAULT_PYTHON + " (--python overrides). Without CI targets, or for requirement strings: "
                        + "manylinux_2_17_x86_64, manylinux_2_17_aarch64, macosx_10_9_x86_64, macosx_11_0_arm64 and win_amd64. "
                        + "The report says where its targets came from.",
                "",
                "Findings: WW-D001/WW-D002 (no wheel for a target), WW-D003 (an index, find-links location or "
                        + "metadata file could not be read; also one stderr line per URL; the rest of the report still "
                        + "comes out), WW-D004 (no installable release at all: not on any index, no matching version).",
                "",
                "Exit codes: 0 no finding at or above --fail-on; 1 findings at or above --fail-on (WW-D003 and WW-D004 "
                        + "are errors, so an unreadable index gives 1 with the default --fail-on error; --fail-on never "
                        + "gives 0); 2 bad input: an invalid requirement, target or option, a malformed project file, "
                        + "an unknown --extra."})
public final class DepsCommand implements Callable<Integer>, ShellSession.Aware {

    private ShellSession session;

    @Override
    public void attach(ShellSession s) {
        this.session = s;
    }


    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    FindingsOptions findingsOptions;

    @Parameters(paramLabel = "DIR|REQUIREMENT", arity = "0..*",
            description = "A project folder (default: the current folder), or requirement strings such as 'cffi==1.14.6'.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE", description = "Read requirements from a requirements file "
            + "(repeatable), as pip reads it: -r includes, --hash and other per-line options, ${VAR}; its --index-url, "
            + "--extra-index-url, --no-index and --find-links lines apply after the command line's, as in pip.")
    List<Path> requirementFiles = new ArrayList<>();

    @Option(names = "--target", paramLabel = "PLATFORM", description = "A platform tag to resolve for, e.g. macosx_11_0_arm64 (repeatable).")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--python", paramLabel = "X.Y", description = "A Python version to resolve for (repeatable; default: "
            + Target.DEFAULT_PYTHON + ").")
    List<String> pythons = new ArrayList<>();

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "cp", description = "Python implementation: cp or pp (default: ${DEFAULT-VALUE}).")
    String impl;

    @Option(names = "--extra", paramLabel = "NAME", description = "Include the project's optional dependencies NAME (repeatable).")
    List<String> extras = new ArrayList<>();

    @Option(names = "--no-build-deps", description = "Leave out the project's build requirements.")
    boolean noBuildDeps;

    @Option(names = {"-i", "--index", "--index-url"}, paramLabel = "URL", description = "The package index (default: pip's configuration, else https://pypi.org/simple/).")
    String index;

    @Option(names = "--extra-index-url", paramLabel = "URL", description = "Another index to look in as well (repeatable).")
    List<String> extraIndexUrls = new ArrayList<>();

    @Option(names = {"-f", "--find-links"}, paramLabel = "DIR|URL", description = "A folder of wheels and sdists, or an HTML page of links (repeatable).")
    List<String> findLinks = new ArrayList<>();

    @Option(names = "--no-index", description = "Use no index, only --find-links.")
    boolean noIndex;

    @Option(names = "--isolated", description = "Ignore pip's environment variables and user configuration files (as pip --isolated).")
    boolean isolated;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "HTTP cache folder (default: ~/.cache/wheelwright/http).")
    Path cacheDir;

    @Option(names = "--cache-max-mb", paramLabel = "MB", defaultValue = "512",
            description = "Size cap of the HTTP cache; least recently used entries go first (default: ${DEFAULT-VALUE}).")
    long cacheMaxMb;

    @Option(names = "--no-cache", description = "Do not read or write the HTTP cache.")
    boolean noCache;

    @Option(names = "--pre", description = "Include pre-release and development versions for every requirement (as pip --pre).")
    boolean pre;

    @Option(names = "--offline", description = "Use only the HTTP cache; a page not in it is an error.")
    boolean offline;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "HTTP timeout (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2", description = "Retries on server errors and failed connections (default: ${DEFAULT-VALUE}).")
    int retries;

    @Override
    public Integer call() throws IOException {
        java.time.Instant started = java.time.Instant.now();
        FindingsOutput.validateBeforeWork(common, findingsOptions);
        if (timeout <= 0) {
            throw new WheelwrightException("--timeout " + timeout + ": must be a positive number of seconds");
        }
        if (retries < 0) {
            throw new WheelwrightException("--retries " + retries + ": must be 0 or more");
        }
        if (offline && noCache) {
            throw new WheelwrightException("--offline needs the cache: drop --no-cache");
        }
        List<Resolver.Root> roots = new ArrayList<>();
        Path project = null;
        String subject;
        List<Target> targets;
        String targetsFrom;
        List<String> notes = new ArrayList<>();
        List<RequirementsFile.Contents> fileOptions = new ArrayList<>();
        Path projectDir = inputs.isEmpty() && requirementFiles.isEmpty() ? Path.of(".")
                : inputs.size() == 1 && requirementFiles.isEmpty() ? projectDir(inputs.get(0)) : null;
        for (String in : inputs) {
            if (projectDir == null && looksLikePath(in)) {
                throw new WheelwrightException(in + ": " + (Files.isDirectory(Path.of(in))
                        ? "a project folder is given alone, without requirement strings or -r"
                        : Files.exists(Path.of(in)) ? "a file, not a project folder (read a requirements file with -r " + in + ")"
                        : "no such directory"));
            }
        }
        if (projectDir != null) {
            Path dir = projectDir;
            // One way to read a project: the project package, statically (setup.py is parsed, never run).
            ProjectFacts facts = new ProjectReader().read(dir);
            ProjectDependencies.Requirements req = ProjectDependencies.requirements(facts, dir, extras);
            if (!noBuildDeps) {
                req.build().forEach(r -> roots.add(new Resolver.Root(r, DepNode.Kind.BUILD)));
            }
            req.runtime().forEach(r -> roots.add(new Resolver.Root(r, DepNode.Kind.RUNTIME)));
            notes.addAll(req.notes());
            project = dir;
            subject = req.files().isEmpty() ? dir.toString() : dir.resolve(req.files().get(0)).normalize().toString();
            if (platforms.isEmpty() && !facts.declaredTargets().isEmpty()) {
                // The platforms the project says its release serves come before what CI happens to build.
                targets = targets(facts.declaredTargets());
                targetsFrom = "targets from [tool.wheelwright] targets in " + dir.resolve(facts.pyproject().file()).normalize();
            } else if (platforms.isEmpty()) {
                ProjectDependencies.failOnProblems(facts, dir, Set.of(ProjectProblem.Kind.CI_CONFIG));
                Optional<ProjectDependencies.CiTargets> ci = ProjectDependencies.fromCi(facts, Target.DEFAULT_PYTHON);
                if (ci.isPresent()) {
                    targets = ciTargets(ci.get());
                    targetsFrom = pythons.isEmpty() ? ci.get().describe()
                            : "targets from " + ci.get().platformsFrom() + "; Python from --python";
                } else {
                    targets = targets(Target.DEFAULT_PLATFORMS);
                    targetsFrom = "built-in default targets (no cibuildwheel build found in the project's CI configuration)";
                }
            } else {
                targets = targets(platforms);
                targetsFrom = "targets from --target";
            }
        } else {
            if (!extras.isEmpty()) {
                throw new WheelwrightException("--extra needs a project folder; write extras in the requirement instead (name[extra])");
            }
            for (String in : inputs) {
                roots.add(new Resolver.Root(in, DepNode.Kind.RUNTIME));
            }
            for (Path f : requirementFiles) {
                RequirementsFile.Contents c = RequirementsFile.read(f);
                c.requirements().forEach(r -> roots.add(new Resolver.Root(r.requirement(), DepNode.Kind.RUNTIME)));
                notes.addAll(c.notes());
                fileOptions.add(c);
            }
            subject = !requirementFiles.isEmpty() && inputs.isEmpty() ? requirementFiles.get(0).toString() : "requirements";
            targets = targets(platforms.isEmpty() ? Target.DEFAULT_PLATFORMS : platforms);
            targetsFrom = platforms.isEmpty() ? "built-in default targets" : "targets from --target";
        }
        if (roots.isEmpty()) {
            throw new WheelwrightException(subject + ": declares no requirements");
        }
        HttpCache cache = noCache ? null : new HttpCache(cacheDir != null ? cacheDir : HttpCache.defaultDir(),
                Math.max(1, cacheMaxMb) * 1024 * 1024);
        HttpFetcher http = new HttpFetcher(cache, offline, retries + 1, Duration.ofMillis(500), Duration.ofSeconds(Math.max(1, timeout)));
        IndexSettings where = settings();
        for (RequirementsFile.Contents c : fileOptions) {
            where = c.applyTo(where);
        }
        if (where.indexUrl() == null && where.extraIndexUrls().isEmpty() && where.findLinks().isEmpty()) {
            throw new WheelwrightException("--no-index: no --find-links given, so there is nowhere to look");
        }
        PackageFinder finder = PackageFinder.of(where, http);

        boolean anyPre = pre || fileOptions.stream().anyMatch(RequirementsFile.Contents::pre);
        DependencyReport report = new Resolver(finder).allowPrereleases(anyPre).resolve(subject, roots, targets)
                .withTargetsFrom(targetsFrom);

        RuleCatalog catalog = RuleCatalog.load(common.rules);
        List<RuleDefinition> rules = catalog.reading(Set.of(Reads.DEPS));
        Facts facts = Facts.builder().put(DependencyReport.class, report).build();
        FindingsOutput output = FindingsOutput.of(spec, common, findingsOptions).project(project).started(started).subject(subject)
                .checked("dependencies", report.matrix().size()).checked("targets", targets.size());
        if (report.targetsFrom() != null) {
            output.policy("targets", String.join(",", targets.stream().map(Target::label).toList()), report.targetsFrom());
        }
        List<Finding> raw = RuleEngine.run(rules, facts);
        List<Finding> findings = output.prepared(catalog, rules, raw);
        if (session != null) {
            session.recordFindings("deps", findings, project);
        }

        // Index problems are findings (WW-D003) and, as pip's "Could not fetch URL", one stderr line per URL.
        PrintWriter err = spec.commandLine().getErr();
        notes.forEach(n -> err.println("wheelwright: warning: " + n));
        if (cache != null) {
            cache.writeProblem().ifPresent(p -> err.println("wheelwright: warning: " + p));
        }
        report.problems().forEach(p -> err.println("wheelwright: " + p.message()));
        err.flush();

        // text, JSON and HTML show the tree and the matrix; SARIF, JUnit and GitHub the findings alone
        output.documents(new FindingsOutput.Documents() {
            @Override
            public boolean handles(String format) {
                return DepsRenderer.handles(format);
            }

            @Override
            public void render(String format, FindingsReport fr, boolean color, java.io.Writer w) throws IOException {
                DepsRenderer.render(format, report, fr, color, w);
            }
        });
        return output.report(catalog, rules, raw);
    }

    /**
     * The project folder an input names: a folder, or a pyproject.toml, setup.py or setup.cfg
     * file (its folder); null for a requirement string.
     */
    private static Path projectDir(String in) {
        if (!looksLikePath(in)) {
            return null;
        }
        Path p = Path.of(in);
        if (Files.isDirectory(p)) {
            return p;
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (Files.isRegularFile(p) && List.of("pyproject.toml", "setup.py", "setup.cfg").contains(name)) {
            return p.getParent() == null ? Path.of(".") : p.getParent();
        }
        return null;
    }

    /** A PEP 508 name has no slash and does not start with a dot; a direct reference has an '@'. */
    private static boolean looksLikePath(String in) {
        if (in.contains("@")) {
            return false;
        }
        try {
            Path p = Path.of(in);
            return !in.isBlank() && (in.contains("/") || in.contains("\\") || in.startsWith(".") || Files.isDirectory(p));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private List<Target> targets(List<String> plats) {
        List<String> ps = pythons.isEmpty() ? List.of(Target.DEFAULT_PYTHON) : pythons;
        List<Target> out = new ArrayList<>();
        for (String py : ps) {
            for (String pl : plats) {
                out.add(checked(new Target(pl.strip(), py.strip(), impl)));
            }
        }
        return out;
    }

    /** The CI's targets; --python, when given, replaces the Python versions CI would build. */
    private List<Target> ciTargets(ProjectDependencies.CiTargets ci) {
        if (!pythons.isEmpty()) {
            return targets(ci.targets().stream().map(ProjectDependencies.PlatformPython::platform).distinct().toList());
        }
        List<Target> out = new ArrayList<>();
        for (ProjectDependencies.PlatformPython p : ci.targets()) {
            out.add(checked(new Target(p.platform(), p.python(), p.impl())));
        }
        return out;
    }

    private static Target checked(Target t) {
        t.tags(); // validates the platform, the Python version and the implementation, naming the bad one
        return t;
    }

    private IndexSettings settings() {
        IndexSettings base = (isolated ? PipConfig.isolated() : PipConfig.system()).load();
        String idx = noIndex ? null : index != null ? index : base.indexUrl();
        List<String> extra = noIndex ? List.of() : !extraIndexUrls.isEmpty() ? extraIndexUrls : base.extraIndexUrls();
        List<String> links = !findLinks.isEmpty() ? findLinks : base.findLinks();
        return new IndexSettings(idx, extra, links, base.origin());
    }
}
