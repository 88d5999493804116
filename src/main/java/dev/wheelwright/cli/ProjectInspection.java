package dev.wheelwright.cli;

import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.ProjectProblem;
import dev.wheelwright.project.PyProject;
import dev.wheelwright.project.PyValue;
import dev.wheelwright.project.SetupPy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code inspect DIR} shows of a project folder, read as {@code doctor} reads it (nothing in
 * it is executed), as one object of the {@code projects} array and as text. Facts only: what the
 * files declare, what CI builds, which files could not be read; the judgement is {@code doctor}'s.
 */
final class ProjectInspection {
    private ProjectInspection() {}

    static Map<String, Object> json(ProjectFacts p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", p.root());
        m.put("files", files(p));
        m.put("name", name(p));
        PyProject py = p.pyproject();
        if (py != null && (py.hasBuildSystem() || py.buildRequires() != null || py.buildBackend() != null)) {
            Map<String, Object> bs = new LinkedHashMap<>();
            bs.put("requires", py.buildRequires());
            bs.put("buildBackend", py.buildBackend());
            m.put("buildSystem", bs);
        } else {
            m.put("buildSystem", null);
        }
        m.put("requiresPython", p.requiresPython().orElse(null));
        m.put("setupRequires", p.setupRequires().map(Located::value).orElse(null));
        m.put("dependencies", p.installRequires());
        m.put("extensions", extensions(p));
        List<Map<String, Object>> cffi = new ArrayList<>();
        p.cffiBuilders().forEach(c -> cffi.add(located("module", c)));
        m.put("cffiModules", cffi);
        List<Map<String, Object>> ci = new ArrayList<>();
        for (CiRun r : p.ci()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", r.file());
            o.put("job", r.job());
            o.put("runner", r.runner() == null ? null : r.runner().value());
            o.put("usesCibuildwheel", r.usesCibuildwheel());
            o.put("cibuildwheel", r.cibuildwheel() == null ? null : r.cibuildwheel().value());
            ci.add(o);
        }
        m.put("ci", ci);
        List<Map<String, Object>> builds = new ArrayList<>();
        for (BuildTarget t : p.targets()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("os", t.os());
            o.put("arch", t.arch());
            o.put("runner", t.run().runner() == null ? null : t.run().runner().value());
            o.put("runnerArch", t.runnerArch());
            o.put("crossCompiled", t.crossCompiled());
            o.put("deploymentTarget", t.deploymentTarget() == null ? null : t.deploymentTarget().value());
            o.put("file", t.run().file());
            o.put("job", t.run().job());
            builds.add(o);
        }
        m.put("buildTargets", builds);
        m.put("declaredTargets", p.declaredTargets());
        List<Map<String, Object>> noIso = new ArrayList<>();
        p.noBuildIsolation().forEach(l -> noIso.add(located("text", l)));
        m.put("noBuildIsolation", noIso);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ProjectProblem pr : p.problems()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", pr.file());
            o.put("line", pr.line() > 0 ? pr.line() : null);
            o.put("message", pr.message());
            problems.add(o);
        }
        m.put("problems", problems);
        return m;
    }

    static List<String> text(ProjectFacts p) {
        List<String> out = new ArrayList<>();
        out.add("project " + p.root());
        List<String> files = files(p);
        out.add("  files:           " + (files.isEmpty() ? "none of pyproject.toml, setup.cfg, setup.py or CI files" : String.join(", ", files)));
        String name = name(p);
        if (name != null) {
            out.add("  name:            " + name);
        }
        PyProject py = p.pyproject();
        if (py != null && (py.hasBuildSystem() || py.buildRequires() != null || py.buildBackend() != null)) {
            out.add("  build backend:   " + (py.buildBackend() == null ? "(not set: setuptools.build_meta:__legacy__)" : py.buildBackend()));
            out.add("  build requires:  " + (py.buildRequires() == null ? "(not set)" : join(py.buildRequires())));
        } else if (!files.isEmpty()) {
            out.add("  build system:    none declared (no [build-system] table)");
        }
        String rp = p.requiresPython().orElse(null);
        if (rp != null) {
            out.add("  requires-python: " + rp);
        }
        p.setupRequires().ifPresent(s -> out.add("  setup_requires:  " + join(s.value()) + "  (" + s.file() + ":" + s.line() + ")"));
        if (!p.installRequires().isEmpty()) {
            out.add("  dependencies:    " + join(p.installRequires()));
        }
        List<String> ext = extensions(p);
        if (!ext.isEmpty()) {
            out.add("  extensions:      " + join(ext));
        }
        for (Located<String> c : p.cffiBuilders()) {
            out.add("  cffi:            " + c.value() + "  (" + where(c) + ")");
        }
        for (CiRun r : p.ci()) {
            out.add("  ci:              " + r.file() + (r.job().isEmpty() ? "" : " job " + r.job())
                    + (r.runner() == null ? "" : " on " + r.runner().value())
                    + (r.usesCibuildwheel() ? ", cibuildwheel" + (r.cibuildwheel() == null ? "" : " " + r.cibuildwheel().value()) : ""));
        }
        for (BuildTarget t : p.targets()) {
            out.add("  builds:          " + t.os() + " " + t.arch()
                    + (t.run().runner() == null ? "" : " on " + t.run().runner().value())
                    + (t.crossCompiled() ? " (cross-compiled)" : "")
                    + (t.deploymentTarget() == null ? "" : ", MACOSX_DEPLOYMENT_TARGET " + t.deploymentTarget().value()));
        }
        if (!p.declaredTargets().isEmpty()) {
            out.add("  targets:         " + join(p.declaredTargets()) + "  ([tool.wheelwright] targets)");
        }
        for (Located<String> l : p.noBuildIsolation()) {
            out.add("  no isolation:    " + l.value() + "  (" + where(l) + ")");
        }
        for (ProjectProblem pr : p.problems()) {
            out.add("  problem:         " + pr.file() + (pr.line() > 0 ? ":" + pr.line() : "") + ": " + pr.message());
        }
        return out;
    }

    /** The project files that exist, in the order doctor reads them (CI files as it found them). */
    static List<String> files(ProjectFacts p) {
        Set<String> out = new LinkedHashSet<>();
        for (ProjectProblem.Kind k : new ProjectProblem.Kind[] {ProjectProblem.Kind.PYPROJECT, ProjectProblem.Kind.SETUP_CFG,
                ProjectProblem.Kind.SETUP_PY}) {
            boolean read = switch (k) {
                case PYPROJECT -> p.pyproject() != null;
                case SETUP_CFG -> p.setupCfg() != null;
                case SETUP_PY -> p.setupPy() != null;
                default -> false;
            };
            String file = switch (k) {
                case PYPROJECT -> "pyproject.toml";
                case SETUP_CFG -> "setup.cfg";
                default -> "setup.py";
            };
            if (read || p.problems().stream().anyMatch(pr -> pr.kind() == k)) {
                out.add(file);
            }
        }
        p.ci().forEach(r -> out.add(r.file()));
        p.problems().stream().filter(pr -> pr.kind() == ProjectProblem.Kind.CI_CONFIG).forEach(pr -> out.add(pr.file()));
        return List.copyOf(out);
    }

    /** The distribution name: PEP 621 [project].name, else setup.cfg [metadata] name, else a literal setup(name=...). */
    static String name(ProjectFacts p) {
        if (p.pyproject() != null && p.pyproject().projectName() != null) {
            return p.pyproject().projectName();
        }
        if (p.setupCfg() != null) {
            var e = p.setupCfg().get("metadata", "name");
            if (e.isPresent() && !e.get().value().isBlank()) {
                return e.get().value().strip();
            }
        }
        if (p.setupPy() != null) {
            var k = p.setupPy().keyword("name");
            if (k.isPresent() && k.get().value() instanceof PyValue.Str s) {
                return s.value();
            }
        }
        return null;
    }

    /** Names of the setup.py Extension(...) modules written as literals. */
    private static List<String> extensions(ProjectFacts p) {
        List<String> out = new ArrayList<>();
        SetupPy s = p.setupPy();
        if (s == null) {
            return out;
        }
        for (PyValue.Call c : s.extensions()) {
            PyValue first = c.args().isEmpty() ? c.kwargs().get("name") : c.args().get(0);
            out.add(first instanceof PyValue.Str str ? str.value() : c.callee() + "(...)");
        }
        return out;
    }

    private static Map<String, Object> located(String key, Located<String> l) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(key, l.value());
        o.put("file", l.file());
        o.put("line", l.line() > 0 ? l.line() : null);
        return o;
    }

    private static String where(Located<?> l) {
        return l.file() + (l.line() > 0 ? ":" + l.line() : "");
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? "(none)" : String.join(", ", items);
    }
}
