package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiBuildSelector;
import dev.wheelwright.project.CiPlatforms;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectProblem;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.project.PyValue;
import dev.wheelwright.project.SetupCfg;
import dev.wheelwright.project.SetupPy;
import dev.wheelwright.spec.Names;
import dev.wheelwright.spec.SpecifierSet;
import dev.wheelwright.spec.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code deps} takes from a project read by {@link dev.wheelwright.project.ProjectReader}:
 * the requirements (build and runtime, with the extras asked for) and, when no {@code --target} is
 * given, the targets its CI builds wheels for, as cibuildwheel would build them.
 */
final class ProjectDependencies {
    private ProjectDependencies() {}

    /**
     * The requirements of a project.
     *
     * @param build    PEP 518 {@code [build-system].requires}, then {@code setup_requires} (setuptools'
     *                 PEP 517 backend installs both before the build); without {@code requires}, pip's
     *                 default {@code setuptools>=40.8.0} last
     * @param runtime  install_requires / {@code [project].dependencies}, then the extras asked for
     * @param files    the files the requirements came from, relative to the project
     * @param notes    what could not be read (a {@code setup_requires} computed when setup.py runs)
     */
    record Requirements(List<String> build, List<String> runtime, List<String> files, List<String> notes) {}

    /**
     * Reads the requirements.
     *
     * @throws WheelwrightException when a project file is malformed (one line naming it), when the
     *         folder holds no project file, or when an extra is unknown
     */
    /** The build requirement pip assumes for a project that declares none (pip's pyproject handling). */
    static final String PIP_DEFAULT_BUILD_REQUIREMENT = "setuptools>=40.8.0";

    static Requirements requirements(ProjectFacts facts, Path dir, List<String> extras) {
        failOnProblems(facts, dir, Set.of(ProjectProblem.Kind.PYPROJECT, ProjectProblem.Kind.SETUP_CFG, ProjectProblem.Kind.SETUP_PY));
        PyProject py = facts.pyproject();
        SetupCfg cfg = facts.setupCfg();
        SetupPy setupPy = facts.setupPy();
        if (py == null && cfg == null && setupPy == null) {
            Path reqs = dir.resolve("requirements.txt");
            throw new WheelwrightException(dir + ": no pyproject.toml, setup.cfg or setup.py (not a Python project folder)"
                    + (java.nio.file.Files.isRegularFile(reqs) ? "; for its requirements file use -r " + reqs : ""));
        }
        List<String> build = new ArrayList<>();
        List<String> runtime = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        if (py != null && py.buildRequires() != null) {
            build.addAll(py.buildRequires());
            files.add(py.file());
        }
        Optional<Located<List<String>>> setupRequires = facts.setupRequires();
        setupRequires.ifPresent(l -> {
            build.addAll(l.value());
            files.add(l.file());
        });
        if (setupRequires.isEmpty() && setupPy != null) {
            setupPy.keyword("setup_requires").filter(k -> k.value().strings().isEmpty()).ifPresent(k ->
                    notes.add(dir.resolve(setupPy.file()) + ":" + k.line() + ": setup_requires is computed when setup.py runs; not read"));
        }
        if (py == null || py.buildRequires() == null) {
            // pip without [build-system].requires (the PEP 518 fallback) builds through setuptools'
            // backend and installs setuptools>=40.8.0 for it, as it installs setup_requires
            build.add(PIP_DEFAULT_BUILD_REQUIREMENT);
        }
        List<String> install = facts.installRequires();
        runtime.addAll(install);
        if (!install.isEmpty()) {
            files.add(installSource(facts));
        } else if (py != null) {
            dynamicFiles(py, dir, "dependencies").ifPresent(d -> {
                runtime.addAll(d.value());
                files.add(d.file());
                notes.addAll(d.notes());
            });
        }
        if (setupPy != null) {
            setupPy.keyword("install_requires").filter(k -> k.value().strings().isEmpty()).ifPresent(k ->
                    notes.add(dir.resolve(setupPy.file()) + ":" + k.line() + ": install_requires is computed when setup.py runs; not read"));
        }
        for (String extra : extras) {
            Optional<Located<List<String>>> reqs = extra(facts, extra);
            if (reqs.isEmpty() && py != null) {
                Optional<Dynamic> d = dynamicFiles(py, dir, "optional-dependencies." + extra);
                d.ifPresent(x -> notes.addAll(x.notes()));
                reqs = d.map(x -> new Located<>(x.value(), x.file(), 0));
            }
            if (reqs.isEmpty()) {
                throw new WheelwrightException(dir + ": no extra named '" + extra + "' in the project");
            }
            runtime.addAll(reqs.get().value());
            files.add(reqs.get().file());
        }
        return new Requirements(build, runtime, List.copyOf(files), notes);
    }

    /** Requirements read from the files a {@code [tool.setuptools.dynamic]} entry names. */
    private record Dynamic(List<String> value, String file, List<String> notes) {}

    /**
     * setuptools "Dynamic Metadata": {@code [tool.setuptools.dynamic] dependencies = {file = [...]}}
     * (and {@code optional-dependencies.<extra>}) takes the requirements from files in the
     * requirements-file format, relative to the project. Read only when {@code [project].dynamic}
     * lists the field, as setuptools does.
     */
    private static Optional<Dynamic> dynamicFiles(PyProject py, Path dir, String dottedKey) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree(py.text());
        } catch (java.io.IOException e) {
            return Optional.empty(); // malformed TOML was reported already
        }
        String field = dottedKey.contains(".") ? dottedKey.substring(0, dottedKey.indexOf('.')) : dottedKey;
        boolean declared = false;
        for (com.fasterxml.jackson.databind.JsonNode d : root.path("project").path("dynamic")) {
            declared |= d.asText().equals(field);
        }
        if (!declared) {
            return Optional.empty();
        }
        com.fasterxml.jackson.databind.JsonNode node = root.path("tool").path("setuptools").path("dynamic");
        for (String part : dottedKey.split("\\.")) {
            com.fasterxml.jackson.databind.JsonNode next = node.path(part);
            if (next.isMissingNode() && node.isObject()) {
                // PEP 685: extra names compare normalised.
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (Names.canonicalize(e.getKey()).equals(Names.canonicalize(part))) {
                        next = e.getValue();
                    }
                }
            }
            node = next;
        }
        com.fasterxml.jackson.databind.JsonNode file = node.path("file");
        List<String> names = new ArrayList<>();
        if (file.isTextual()) {
            names.add(file.asText());
        } else {
            file.forEach(f -> names.add(f.asText()));
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<String> reqs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String n : names) {
            dev.wheelwright.index.RequirementsFile.Contents c = dev.wheelwright.index.RequirementsFile.read(dir.resolve(n));
            c.requirements().forEach(r -> reqs.add(r.requirement()));
            notes.addAll(c.notes());
        }
        return Optional.of(new Dynamic(reqs, names.get(0), notes));
    }

    /** Where {@link ProjectFacts#installRequires()} took its list from (same order of preference). */
    private static String installSource(ProjectFacts facts) {
        if (facts.setupPy() != null && facts.setupPy().keyword("install_requires")
                .filter(k -> k.value().strings().isPresent()).isPresent()) {
            return facts.setupPy().file();
        }
        if (facts.setupCfg() != null && facts.setupCfg().get("options", "install_requires").isPresent()) {
            return facts.setupCfg().file();
        }
        return facts.pyproject().file();
    }

    /** An extra's requirements: PEP 621 optional-dependencies, setup.cfg extras_require, setup.py extras_require. */
    private static Optional<Located<List<String>>> extra(ProjectFacts facts, String extra) {
        // PEP 685: extra names compare normalised.
        String want = Names.canonicalize(extra);
        PyProject py = facts.pyproject();
        if (py != null) {
            for (Map.Entry<String, List<String>> e : py.optionalDependencies().entrySet()) {
                if (Names.canonicalize(e.getKey()).equals(want)) {
                    return Optional.of(new Located<>(e.getValue(), py.file(), 0));
                }
            }
        }
        SetupCfg cfg = facts.setupCfg();
        if (cfg != null) {
            for (String section : List.of("options.extras_require", "options.extras-require")) {
                Map<String, SetupCfg.Entry> entries = cfg.sections().get(section);
                if (entries == null) {
                    continue;
                }
                for (SetupCfg.Entry e : entries.values()) {
                    if (Names.canonicalize(e.key()).equals(want)) {
                        return Optional.of(new Located<>(e.items(), cfg.file(), e.line()));
                    }
                }
            }
        }
        SetupPy setupPy = facts.setupPy();
        if (setupPy != null) {
            Optional<SetupPy.Keyword> k = setupPy.keyword("extras_require");
            if (k.isPresent() && k.get().value() instanceof PyValue.Dict d) {
                for (Map.Entry<String, PyValue> e : d.entries().entrySet()) {
                    if (Names.canonicalize(e.getKey()).equals(want) && e.getValue().strings().isPresent()) {
                        return Optional.of(new Located<>(e.getValue().strings().get(), setupPy.file(), k.get().line()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A project file that could not be understood stops {@code deps}: one line naming the file and line. */
    static void failOnProblems(ProjectFacts facts, Path dir, Set<ProjectProblem.Kind> kinds) {
        for (ProjectProblem p : facts.problems()) {
            if (kinds.contains(p.kind())) {
                String what = switch (p.kind()) {
                    case PYPROJECT -> "malformed TOML: ";
                    case CI_CONFIG -> "malformed CI configuration: ";
                    default -> "";
                };
                throw new WheelwrightException(dir.resolve(p.file()) + (p.line() > 0 ? ":" + p.line() : "") + ": " + what + p.message());
            }
        }
    }

    // ------------------------------------------------------------------ targets from CI

    /** A platform tag and a Python version, with the CI file that asks for it. */
    record PlatformPython(String platform, String python, String impl) {}

    /**
     * The targets the project's CI builds wheels for, or empty when it builds none with
     * cibuildwheel.
     *
     * @param targets     platform tag and Python pairs, deduplicated, Python versions ascending, then
     *                    platforms in the order the CI files name them
     * @param platformsFrom the CI files (and pyproject.toml, when it sets archs) the platforms come from
     * @param pythonFrom  where the Python versions come from
     */
    record CiTargets(List<PlatformPython> targets, String platformsFrom, String pythonFrom) {
        String describe() {
            return "targets from " + platformsFrom + "; Python from " + pythonFrom;
        }
    }

    /** CPython versions cibuildwheel builds; a build selector picks among these. */
    static final List<String> CPYTHONS = CiBuildSelector.CPYTHONS;
    /** PyPy versions, built only when a selector names {@code pp...} explicitly. */
    static final List<String> PYPYS = List.of("3.8", "3.9", "3.10", "3.11");

    /**
     * Maps the project's {@link ProjectFacts#targets()} to platform tags and Python versions.
     *
     * <ul>
     * <li>macOS: {@code macosx_<MACOSX_DEPLOYMENT_TARGET>_<arch>}, with cibuildwheel's floors
     *     (10.9 for x86_64, 11.0 for arm64: no arm64 Mac runs an older macOS); macOS 11 and later
     *     count by major version only (packaging's {@code mac_platforms}: 12.3 is 12_0).
     *     {@code universal2} resolves both thin archs: a universal2 wheel is installed by pip on
     *     an Intel Mac and on an Apple silicon Mac, and on each pip picks the dependencies'
     *     wheels for that machine (a thin wheel first, universal2 after it).</li>
     * <li>Linux: {@code manylinux_2_17_<arch>} (manylinux2014), or the manylinux image the
     *     project configures ({@code CIBW_MANYLINUX_<ARCH>_IMAGE} or
     *     {@code [tool.cibuildwheel].manylinux-<arch>-image}: manylinux1 is 2_5, manylinux2010
     *     2_12, manylinux2014 2_17, manylinux_2_28 2_28); and {@code musllinux_1_2_<arch>} (or the
     *     configured {@code musllinux-<arch>-image}), which cibuildwheel builds unless skipped.</li>
     * <li>Windows: AMD64 {@code win_amd64}, x86 {@code win32}, ARM64 {@code win_arm64}.</li>
     * </ul>
     * Python versions: cibuildwheel's build selector ({@code CIBW_BUILD}, else
     * {@code [tool.cibuildwheel].build}; {@code CIBW_SKIP} / {@code skip} removes) matched
     * against each target's identifiers ({@code cp39-macosx_arm64}); without a build selector, the oldest
     * and the newest of {@link #CPYTHONS} that the project's requires-python admits (the oldest
     * is where old pins lack new platforms' wheels, the newest where releases lack the new
     * Python's wheels); without requires-python, {@code fallbackPython}. Requires-Python (or
     * {@code CIBW_PROJECT_REQUIRES_PYTHON}, which replaces it) always limits the versions, as it
     * limits cibuildwheel.
     */
    static Optional<CiTargets> fromCi(ProjectFacts facts, String fallbackPython) {
        Map<String, Set<PlatformPython>> byPlatform = new LinkedHashMap<>();
        Set<String> platformFiles = new LinkedHashSet<>();
        Set<String> pythonFrom = new LinkedHashSet<>();
        String projectRequiresPython = facts.requiresPython().orElse(null);
        for (BuildTarget bt : facts.targets()) {
            // cibuildwheel: CIBW_PROJECT_REQUIRES_PYTHON replaces the project's requires-python.
            String requiresPython = bt.run().envVar("CIBW_PROJECT_REQUIRES_PYTHON").map(Located::value).orElse(projectRequiresPython);
            List<CiPlatforms.Platform> plats = CiPlatforms.of(bt, facts.pyproject());
            if (plats.isEmpty()) {
                continue;
            }
            CiBuildSelector sel = CiBuildSelector.of(bt.run(), facts.pyproject());
            for (CiPlatforms.Platform plat : plats) {
                List<Py> pys;
                if (sel.build() != null) {
                    pys = new ArrayList<>();
                    for (String v : CPYTHONS) {
                        if (sel.selects("cp" + v.replace(".", "") + "-" + plat.identifier()) && admits(requiresPython, v)) {
                            pys.add(new Py("cp", v));
                        }
                    }
                    if (sel.build().toLowerCase(Locale.ROOT).contains("pp") && !plat.identifier().startsWith("musllinux")) { // no PyPy musllinux builds
                        for (String v : PYPYS) {
                            if (sel.selects("pp" + v.replace(".", "") + "-" + plat.identifier()) && admits(requiresPython, v)) {
                                pys.add(new Py("pp", v));
                            }
                        }
                    }
                    pythonFrom.add(sel.from());
                } else if (requiresPython != null) {
                    List<String> ok = CPYTHONS.stream().filter(v -> admits(requiresPython, v) && !sel.skips("cp" + v.replace(".", "") + "-" + plat.identifier())).toList();
                    pys = new ArrayList<>();
                    if (!ok.isEmpty()) {
                        pys.add(new Py("cp", ok.get(0)));
                        if (ok.size() > 1) {
                            pys.add(new Py("cp", ok.get(ok.size() - 1)));
                        }
                    }
                    pythonFrom.add("requires-python '" + requiresPython + "' (oldest and newest admitted)");
                } else {
                    pys = new ArrayList<>();
                    if (!sel.skips("cp" + fallbackPython.replace(".", "") + "-" + plat.identifier())) {
                        pys.add(new Py("cp", fallbackPython));
                    }
                    pythonFrom.add("the default " + fallbackPython);
                }
                if (pys.isEmpty()) {
                    continue; // the selector builds nothing here (e.g. CIBW_BUILD names Linux only)
                }
                platformFiles.add(bt.run().file());
                if (bt.declared() != null) {
                    platformFiles.add(bt.declared().file());
                }
                Set<PlatformPython> set = byPlatform.computeIfAbsent(plat.tag(), k -> new LinkedHashSet<>());
                for (Py py : pys) {
                    set.add(new PlatformPython(plat.tag(), py.version(), py.impl()));
                }
            }
        }
        if (byPlatform.isEmpty()) {
            return Optional.empty();
        }
        // Python versions ascending (cp before pp), then platforms in CI order: the order --python/--target give.
        List<PlatformPython> all = byPlatform.values().stream().flatMap(Set::stream).toList();
        List<Py> pythons = new ArrayList<>(all.stream().map(p -> new Py(p.impl(), p.python())).distinct().toList());
        pythons.sort((a, b) -> a.impl().equals(b.impl()) ? Version.parse(a.version()).compareTo(Version.parse(b.version()))
                : a.impl().compareTo(b.impl()));
        List<PlatformPython> ordered = new ArrayList<>();
        for (Py py : pythons) {
            for (Set<PlatformPython> set : byPlatform.values()) {
                set.stream().filter(p -> p.impl().equals(py.impl()) && p.python().equals(py.version())).forEach(ordered::add);
            }
        }
        return Optional.of(new CiTargets(ordered, String.join(", ", platformFiles), String.join(", ", pythonFrom)));
    }

    private static boolean admits(String requiresPython, String python) {
        if (requiresPython == null || requiresPython.isBlank()) {
            return true;
        }
        try {
            return SpecifierSet.parse(requiresPython).contains(Version.parse(python), true);
        } catch (WheelwrightException e) {
            return true; // pip ignores an invalid Requires-Python; so does this
        }
    }

    /** An implementation ({@code cp}, {@code pp}) and a Python version X.Y. */
    record Py(String impl, String version) {}
}
