package dev.wheelwright.fix;

import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectProblem;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.project.Requirements;
import dev.wheelwright.project.SetupCfg;
import dev.wheelwright.project.SetupPy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pyproject-build-system}: moves a setuptools project to a PEP 517 build. Writes (or adds
 * to) pyproject.toml a {@code [build-system]} table (PEP 518) whose {@code requires} are
 * setuptools plus every setup_requires entry with its specifier, and whose backend is
 * {@code setuptools.build_meta}; then removes setup_requires from setup.py or setup.cfg when it is
 * written there as a literal (otherwise it says what to remove by hand). The build front end then
 * installs the build requirements itself, so setuptools never fetches eggs into {@code .eggs}.
 */
public final class PyprojectBuildSystemFix implements FixAction {
    static final String BACKEND = "setuptools.build_meta";

    @Override
    public String id() {
        return "pyproject-build-system";
    }

    @Override
    public String summary() {
        return "Declare the build requirements in pyproject.toml [build-system] and drop setup_requires (PEP 517 build)";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts p) {
        for (ProjectProblem pr : p.problems()) {
            if (pr.kind() == ProjectProblem.Kind.PYPROJECT || pr.kind() == ProjectProblem.Kind.SETUP_CFG) {
                throw new FixRefusedException(pr.file() + (pr.line() > 0 ? ":" + pr.line() : "") + ": " + pr.message()
                        + "; fix the file first");
            }
        }
        if (p.setupPy() == null && p.setupCfg() == null) {
            throw new FixRefusedException(root + ": no setup.py or setup.cfg; this fix is for setuptools projects");
        }
        PyProject py = p.pyproject();
        if (py != null && py.buildBackend() != null && !py.buildBackend().startsWith("setuptools.build_meta")) {
            throw new FixRefusedException("pyproject.toml:" + py.backendLine() + ": [build-system] uses build-backend '"
                    + py.buildBackend() + "', not setuptools; move setup_requires there by hand");
        }
        List<FileEdit> edits = new ArrayList<>();
        List<String> manual = new ArrayList<>();

        // what setup_requires says, from wherever it is written
        List<String> setupRequires = new ArrayList<>();
        SetupPy setupPy = p.setupPy();
        Optional<SetupPy.Keyword> spKeyword = setupPy == null ? Optional.empty() : setupPy.keyword("setup_requires");
        if (spKeyword.isPresent()) {
            Optional<List<String>> strings = spKeyword.get().value().strings();
            if (strings.isPresent()) {
                setupRequires.addAll(strings.get());
            } else {
                SetupPy.Keyword k = spKeyword.get();
                String src = setupPy.text().substring(k.start(), k.end()).replaceFirst("^setup_requires\\s*=\\s*", "")
                        .replaceAll("\\s+", " ");
                List<String> known = k.value().knownStrings();
                if (known.isEmpty()) {
                    manual.add(setupPy.file() + ":" + k.line() + ": setup_requires is computed when setup.py runs ("
                            + src + "); add those packages to [build-system].requires in pyproject.toml and remove setup_requires");
                } else {
                    // ["cffi", *extra]: the literal items are certain; the rest is the user's to move
                    setupRequires.addAll(known);
                    manual.add(setupPy.file() + ":" + k.line() + ": setup_requires is partly computed when setup.py runs ("
                            + src + "); its literal items are in [build-system].requires now: add the others there and remove setup_requires");
                }
            }
        }
        Optional<SetupCfg.Entry> cfgEntry = p.setupCfg() == null ? Optional.empty() : p.setupCfg().get("options", "setup_requires");
        cfgEntry.ifPresent(e -> setupRequires.addAll(e.items()));

        // a project never requires itself to build (cffi's own setup.py must not get requires = [..., "cffi"])
        Optional<String> self = ProjectName.of(p);
        for (String r : List.copyOf(setupRequires)) {
            if (ProjectName.isSelf(r, self)) {
                setupRequires.remove(r);
                manual.add("left \"" + r.strip() + "\" out of [build-system].requires: it is this project itself");
            }
        }
        boolean addCffi = p.usesCffi() && !ProjectName.isSelf("cffi", self);
        if (py == null || !py.hasBuildSystem()) {
            List<String> requires = requirements(setupRequires, addCffi);
            String block = "[build-system]\nrequires = [" + String.join(", ", requires.stream().map(PyprojectBuildSystemFix::quote).toList())
                    + "]\nbuild-backend = \"" + BACKEND + "\"\n";
            if (py == null) {
                edits.add(new FileEdit("pyproject.toml", null, block));
            } else {
                edits.add(new FileEdit(py.file(), py.text(), insertTable(py.text(), block)));
            }
        } else {
            // [build-system] exists: every setup_requires package must be in requires already
            Map<String, String> present = new LinkedHashMap<>();
            if (py.buildRequires() != null) {
                py.buildRequires().forEach(r -> Requirements.name(r).ifPresent(n -> present.put(n, r)));
            }
            for (String r : requirements(setupRequires, false)) {
                Optional<String> n = Requirements.name(r);
                if (n.isPresent() && !present.containsKey(n.get()) && !n.get().equals("setuptools")) {
                    manual.add(py.file() + ":" + py.requiresLine() + ": add \"" + r + "\" to [build-system].requires");
                }
            }
        }

        if (spKeyword.isPresent() && spKeyword.get().literal()) {
            SetupPy.Keyword k = spKeyword.get();
            edits.add(new FileEdit(setupPy.file(), setupPy.text(), TextEdits.removeArgument(setupPy.text(), k.start(), k.end())));
        } else if (spKeyword.isPresent() && spKeyword.get().value().strings().isPresent()) {
            SetupPy.Keyword k = spKeyword.get();
            if (setupPy.text().startsWith("setup_requires", k.start())) {
                // setup_requires=NAME in the call, NAME fully known: the argument goes, the list stays unused
                edits.add(new FileEdit(setupPy.file(), setupPy.text(), TextEdits.removeArgument(setupPy.text(), k.start(), k.end())));
            } else {
                manual.add(setupPy.file() + ":" + k.line()
                        + ": setup_requires is set in the keyword dict passed to setup(**...); remove it there by hand");
            }
        }
        if (cfgEntry.isPresent()) {
            SetupCfg cfg = p.setupCfg();
            String text = cfg.text();
            int from = TextEdits.offsetOfLine(text, cfgEntry.get().line());
            int to = TextEdits.offsetOfLine(text, cfgEntry.get().lastLine() + 1);
            edits.add(new FileEdit(cfg.file(), text, text.substring(0, from) + text.substring(to)));
        }
        return new FixPlan(id(), edits, manual);
    }

    /**
     * setuptools first (the setup_requires entry for it if there is one), then the other entries
     * in order, once each. {@code wheel} is left out unless setuptools is capped below 70.1: newer
     * setuptools builds wheels itself.
     */
    static List<String> requirements(List<String> setupRequires, boolean cffi) {
        Map<String, String> byName = new LinkedHashMap<>();
        byName.put("setuptools", "setuptools");
        for (String r : setupRequires) {
            Requirements.name(r).ifPresent(n -> {
                if (n.equals("setuptools")) {
                    byName.put(n, r.strip());
                } else {
                    byName.putIfAbsent(n, r.strip());
                }
            });
        }
        if (cffi) {
            byName.putIfAbsent("cffi", "cffi");
        }
        if (Requirements.allowsSetuptoolsWithBdistWheel(byName.get("setuptools"))) {
            byName.remove("wheel");
        }
        return new ArrayList<>(byName.values());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Adds a table to TOML text without disturbing anything: before the first table header when
     * only comments and blank lines precede it (so it reads first, as is customary), else at the
     * end (a header placed earlier would capture root-level keys).
     */
    static String insertTable(String text, String block) {
        String[] lines = text.split("\n", -1);
        int offset = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("[")) {
                return text.substring(0, offset) + block + "\n" + text.substring(offset);
            }
            if (!t.isEmpty() && !t.startsWith("#")) {
                break;
            }
            offset += line.length() + 1;
        }
        String base = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        return base + (base.isBlank() ? "" : "\n") + block;
    }
}
