package dev.wheelwright.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CI configuration: GitHub Actions workflows fully (jobs, {@code runs-on} with matrix
 * expansion, {@code env} at workflow/job/step level, the cibuildwheel action and its version), and
 * other CI files (GitLab, Azure Pipelines, Travis, Cirrus, AppVeyor) only for their
 * {@code CIBW_*} variables, by pattern.
 */
final class CiReader {
    private CiReader() {}

    static final class InvalidYaml extends Exception {
        final int line;

        InvalidYaml(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private static final Pattern CIBW_ACTION = Pattern.compile("^(?:pypa|joerick)/cibuildwheel@(.+)$");
    private static final Pattern PIN_COMMENT = Pattern.compile("#\\s*v?([0-9]+(?:\\.[0-9]+)+)");
    private static final Pattern PIP_PIN = Pattern.compile("cibuildwheel\\s*(?:==|~=|>=)\\s*([0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern VERSION = Pattern.compile("^v?([0-9]+(?:\\.[0-9]+)*)$");
    private static final Pattern ENV_LINE = Pattern.compile("\\b(CIBW_[A-Z0-9_]+|MACOSX_DEPLOYMENT_TARGET)\\s*[:=]\\s*(\"[^\"]*\"|'[^']*'|[^\\s#][^#\\n]*)?");

    /** One GitHub workflow → one run per job and matrix row (no other file of the repository is read). */
    static List<CiRun> readWorkflow(String file, String text) throws InvalidYaml {
        return readWorkflow(file, text, rel -> null, new ArrayList<>());
    }

    /**
     * One GitHub workflow → one run per job and matrix row, following local reusable workflows
     * ({@code uses: ./.github/workflows/x.yml}) and local composite actions ({@code uses: ./path})
     * through {@code files} (a path relative to the repository root → its text, null when absent).
     * Expressions that cannot be evaluated are added to {@code problems} and build no fact.
     */
    static List<CiRun> readWorkflow(String file, String text, java.util.function.Function<String, String> files,
                                    List<ProjectProblem> problems) throws InvalidYaml {
        YamlTree.YMap top = parseTop(text);
        Workflow w = new Workflow(files, problems);
        w.read(file, top, text.split("\n", -1), null, "", 0);
        return w.out;
    }

    /** Whether a workflow's only trigger is {@code workflow_call} (it runs only as part of a caller). */
    static boolean calledOnly(String text) {
        YamlTree.YMap top;
        try {
            top = parseTop(text);
        } catch (InvalidYaml e) {
            return false;
        }
        YamlTree on = trigger(top);
        if (on instanceof YamlTree.YScalar sc) {
            return "workflow_call".equals(sc.value());
        }
        if (on instanceof YamlTree.YList l) {
            return l.items().size() == 1 && "workflow_call".equals(YamlTree.text(l.items().get(0)));
        }
        return on instanceof YamlTree.YMap m && m.entries().size() == 1 && m.entries().containsKey("workflow_call");
    }

    /** The {@code on:} node (YAML 1.1 readers may take the key {@code on} for the boolean true). */
    private static YamlTree trigger(YamlTree.YMap top) {
        return top.get("on") != null ? top.get("on") : top.get("true");
    }

    private static YamlTree.YMap parseTop(String text) throws InvalidYaml {
        YamlTree root;
        try {
            root = YamlTree.parse(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String msg = yamlMessage(e.getOriginalMessage());
            throw new InvalidYaml(msg, line);
        } catch (IOException e) {
            throw new InvalidYaml(String.valueOf(e.getMessage()), 0);
        }
        if (!(root instanceof YamlTree.YMap top)) {
            throw new InvalidYaml("a workflow must be a mapping at the top level", root.line());
        }
        return top;
    }

    /** Names whose unresolved value would change a build fact; other unknown values are left out silently. */
    private static final Pattern RELEVANT_ENV = Pattern.compile(
            "CIBW_(ARCHS|BUILD|SKIP|PLATFORM|ENVIRONMENT|PROJECT_REQUIRES_PYTHON|PRERELEASE_PYTHONS|ENABLE|FREE_THREADED_SUPPORT)(_[A-Z]+)?"
            + "|CIBW_[A-Z0-9]+_IMAGE|CIBW_BUILD_FRONTEND|MACOSX_DEPLOYMENT_TARGET|ARCHFLAGS|_PYTHON_HOST_PLATFORM");
    private static final Pattern BUILDER = Pattern.compile(
            "(?<setuppy>setup\\.py\\b[^\\n;&|]*\\bbdist_wheel)|(?<pipwheel>\\bpip3?\\s+wheel\\b)|(?<build>-m\\s+build\\b(?![^\\n;&|]*--sdist(?![^\\n;&|]*--wheel)))"
            + "|(?<maturin>\\bmaturin\\s+build\\b)|(?<docker>\\bdocker\\s+run\\b[^\\n]*?(?<image>quay\\.io/pypa/(?:manylinux|musllinux)[A-Za-z0-9_.:-]*))");
    private static final Pattern MATRIX_REF = Pattern.compile("matrix\\.([A-Za-z0-9_-]+)");

    /** A matrix row: values by key and the line each value is written on. */
    private record Row(Map<String, Object> values, Map<String, Integer> lines) {}

    private static final class Workflow {
        final java.util.function.Function<String, String> files;
        final List<ProjectProblem> problems;
        final List<CiRun> out = new ArrayList<>();
        final java.util.Set<String> reported = new java.util.HashSet<>();

        Workflow(java.util.function.Function<String, String> files, List<ProjectProblem> problems) {
            this.files = files;
            this.problems = problems;
        }

        void unresolved(String file, int line, String what, String text) {
            String t = text.strip().replaceAll("\\s+", " ");
            if (reported.add(file + ":" + line + ":" + t)) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_UNRESOLVED, file, line,
                        "cannot evaluate " + what + " '" + (t.length() > 120 ? t.substring(0, 117) + "..." : t)
                                + "' without running the workflow; facts that depend on it are left out"));
            }
        }

        /**
         * @param inputs the inputs of a called workflow, null for a workflow run by an event
         * @param prefix the caller's job id and " → " for a called workflow
         */
        void read(String file, YamlTree.YMap top, String[] lines, Map<String, Object> inputs, String prefix, int depth) {
            GhExpr.Contexts base = new GhExpr.Contexts(new LinkedHashMap<>());
            if (inputs != null) {
                base = base.with("inputs", inputs);
            }
            Map<String, Located<String>> workflowEnv = new LinkedHashMap<>();
            Map<String, Object> envCtx = new LinkedHashMap<>();
            java.util.Set<String> workflowUnknown = new java.util.TreeSet<>();
            env(file, top.get("env"), base.with("env", envCtx), workflowEnv, envCtx, null, workflowUnknown);
            if (!(top.get("jobs") instanceof YamlTree.YMap jobs)) {
                return;
            }
            for (Map.Entry<String, YamlTree> je : jobs.entries().entrySet()) {
                if (!(je.getValue() instanceof YamlTree.YMap job)) {
                    continue;
                }
                String jobId = prefix + je.getKey();
                GhExpr.Contexts jobBase = base.with("env", envCtx);
                for (Row row : matrixRows(file, job, jobBase)) {
                    GhExpr.Contexts ctx = jobBase.with("matrix", row.values());
                    YamlTree cond = job.get("if");
                    if (cond != null && GhExpr.condition(YamlTree.text(cond), ctx) == Boolean.FALSE) {
                        continue; // this job does not run for this matrix entry
                    }
                    String called = YamlTree.text(job.get("uses"));
                    if (called != null) {
                        call(file, job, called.strip(), ctx, row, jobId, depth);
                        continue;
                    }
                    Located<String> runner = runner(file, job.get("runs-on"), ctx, row);
                    ctx = ctx.with("runner", runnerContext(runner));
                    Map<String, Object> jobEnvCtx = new LinkedHashMap<>(envCtx);
                    Map<String, Located<String>> jobEnv = new LinkedHashMap<>(workflowEnv);
                    java.util.Set<String> jobUnknown = new java.util.TreeSet<>(workflowUnknown);
                    env(file, job.get("env"), ctx.with("env", jobEnvCtx), jobEnv, jobEnvCtx, row, jobUnknown);
                    Job state = new Job(jobEnv);
                    state.jobUnknown.addAll(jobUnknown);
                    if (job.get("uses") == null && job.get("steps") instanceof YamlTree.YList steps) {
                        steps(file, lines, steps, ctx.with("env", jobEnvCtx), jobEnvCtx, row, state, depth);
                    }
                    out.add(new CiRun(file, jobId, runner, state.version, state.uses,
                            state.uses ? state.stepEnv : state.builderEnv != null ? state.builderEnv : jobEnv,
                            state.actions, state.builders, state.unknown));
                }
            }
        }

        /** The {@code runner} context of a hosted image: os (Linux, macOS, Windows) and arch (X64, ARM64); unknown otherwise. */
        private static Object runnerContext(Located<String> runner) {
            if (runner == null) {
                return GhExpr.UNKNOWN;
            }
            return RunnerImages.builtIn().find(runner.value()).<Object>map(img -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("os", switch (img.os()) {
                    case "macos" -> "macOS";
                    case "windows" -> "Windows";
                    default -> "Linux";
                });
                m.put("arch", img.arch().equalsIgnoreCase("arm64") || img.arch().equals("aarch64") ? "ARM64" : "X64");
                // runner.temp, runner.name and the like are known only on the machine
                return new LinkedHashMap<>(m) {
                    @Override
                    public Object get(Object key) {
                        return containsKey(key) ? super.get(key) : GhExpr.UNKNOWN;
                    }
                };
            }).orElse(GhExpr.UNKNOWN);
        }

        /** A job that calls a local reusable workflow: its jobs run with the caller's {@code with:} inputs. */
        void call(String file, YamlTree.YMap job, String called, GhExpr.Contexts ctx, Row row, String jobId, int depth) {
            List<Located<String>> actions = List.of(new Located<>(called, file, job.get("uses").line()));
            if (!called.startsWith("./") || depth > 4) {
                // a workflow of another repository: only its reference is known
                out.add(new CiRun(file, jobId, null, null, false, Map.of(), actions, List.of()));
                return;
            }
            String rel = called.substring(2).replaceFirst("@.*$", "");
            String text = files.apply(rel);
            if (text == null) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_UNRESOLVED, file, job.get("uses").line(),
                        "the reusable workflow " + called + " is not in the repository; its jobs are left out"));
                return;
            }
            YamlTree.YMap top;
            try {
                top = parseTop(text);
            } catch (InvalidYaml e) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_CONFIG, rel, e.line, e.getMessage()));
                return;
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            if (trigger(top) instanceof YamlTree.YMap on && on.get("workflow_call") instanceof YamlTree.YMap wc
                    && wc.get("inputs") instanceof YamlTree.YMap declared) {
                for (Map.Entry<String, YamlTree> e : declared.entries().entrySet()) {
                    Object def = e.getValue() instanceof YamlTree.YMap d && d.get("default") != null
                            ? GhExpr.interpolate(YamlTree.text(d.get("default")), new GhExpr.Contexts(Map.of())) : null;
                    inputs.put(e.getKey(), def == null ? "" : def);
                }
            }
            if (job.get("with") instanceof YamlTree.YMap with) {
                for (Map.Entry<String, YamlTree> w : with.entries().entrySet()) {
                    String t = YamlTree.text(w.getValue());
                    Object v = t == null ? GhExpr.value(w.getValue()) : GhExpr.interpolate(t, ctx);
                    inputs.put(w.getKey(), v);
                }
            }
            read(rel, top, text.split("\n", -1), inputs, jobId + " → ", depth + 1);
        }

        /** What the steps of one job (and of the composite actions it runs) contribute. */
        static final class Job {
            Located<String> version;
            boolean uses;
            final Map<String, Located<String>> stepEnv;
            Map<String, Located<String>> builderEnv;
            final List<Located<String>> actions = new ArrayList<>();
            final List<Located<String>> builders = new ArrayList<>();

            /** Unknown settings every later step sees (workflow and job env, $GITHUB_ENV writes so far). */
            final java.util.Set<String> jobUnknown = new java.util.TreeSet<>();
            /** Unknown settings the building steps see. */
            final java.util.Set<String> unknown = new java.util.TreeSet<>();

            Job(Map<String, Located<String>> jobEnv) {
                stepEnv = new LinkedHashMap<>(jobEnv);
            }
        }

        void steps(String file, String[] lines, YamlTree.YList steps, GhExpr.Contexts ctx, Map<String, Object> envCtx,
                   Row row, Job state, int depth) {
            for (YamlTree s : steps.items()) {
                if (!(s instanceof YamlTree.YMap step)) {
                    continue;
                }
                YamlTree cond = step.get("if");
                Object runs = cond == null ? Boolean.TRUE : GhExpr.condition(YamlTree.text(cond), ctx);
                if (runs == Boolean.FALSE) {
                    continue; // a step that does not run for this matrix entry contributes nothing
                }
                Map<String, Object> stepEnvCtx = new LinkedHashMap<>(envCtx);
                Map<String, Located<String>> own = new LinkedHashMap<>();
                java.util.Set<String> stepUnknown = new java.util.TreeSet<>(state.jobUnknown);
                env(file, step.get("env"), ctx.with("env", stepEnvCtx), own, stepEnvCtx, row, stepUnknown);
                GhExpr.Contexts sctx = ctx.with("env", stepEnvCtx);
                String usesText = YamlTree.text(step.get("uses"));
                String run = YamlTree.text(step.get("run"));
                boolean isCibw = false;
                if (usesText != null) {
                    String u = usesText.strip();
                    int line = step.get("uses").line();
                    state.actions.add(new Located<>(u, file, line));
                    Matcher m = CIBW_ACTION.matcher(u);
                    if (m.matches()) {
                        isCibw = true;
                        String ref = m.group(1);
                        Matcher v = VERSION.matcher(ref);
                        String ver = v.matches() ? v.group(1) : pinComment(lines, line);
                        if (ver != null) {
                            state.version = new Located<>(ver, file, line);
                        }
                    } else if (u.matches("(?i)(PyO3|messense)/maturin-action@.*") && maturinBuilds(step, sctx)) {
                        state.builders.add(new Located<>("maturin-action" + withTarget(step, sctx), file, line));
                        builderEnv(state, own, stepUnknown);
                    } else if (u.startsWith("./") && depth < 5) {
                        composite(file, u, step, sctx, stepEnvCtx, row, state, depth);
                    }
                }
                if (run != null) {
                    String expanded = GhExpr.interpolate(run, sctx) instanceof String x ? x : run;
                    if (expanded.matches("(?s).*\\bcibuildwheel\\b.*") && !expanded.matches("(?s).*pip\\s+download.*")) {
                        isCibw = true;
                        Matcher m = PIP_PIN.matcher(run);
                        if (m.find() && state.version == null) {
                            state.version = new Located<>(m.group(1), file, blockStart(lines, step.get("run").line()) + lineOffset(run, m.start()));
                        }
                    }
                    Matcher b = BUILDER.matcher(run);
                    while (b.find()) {
                        if (b.group("image") != null && GhExpr.hasExpression(b.group("image"))) {
                            continue;
                        }
                        String what = b.group("setuppy") != null ? "setup.py bdist_wheel"
                                : b.group("pipwheel") != null ? "pip wheel"
                                : b.group("build") != null ? "python -m build"
                                : b.group("maturin") != null ? "maturin build" + maturinTarget(run, b.end()) : "docker " + b.group("image");
                        int line = blockStart(lines, step.get("run").line()) + lineOffset(run, b.start());
                        state.builders.add(new Located<>(what, file, line));
                        builderEnv(state, own, stepUnknown);
                    }
                }
                if (isCibw) {
                    state.uses = true;
                    state.stepEnv.putAll(own);
                    state.unknown.addAll(stepUnknown);
                    if (step.get("with") instanceof YamlTree.YMap with) {
                        for (Map.Entry<String, YamlTree> w : with.entries().entrySet()) {
                            String val = YamlTree.text(w.getValue());
                            if (val == null) {
                                continue;
                            }
                            int line = with.keyLines().get(w.getKey());
                            Object v = GhExpr.interpolate(val, sctx);
                            if (v == GhExpr.UNKNOWN || v instanceof List<?> || v instanceof Map<?, ?>) {
                                if (w.getKey().equals("only") || w.getKey().equals("config-file")) {
                                    unresolved(file, line, "with: " + w.getKey(), val);
                                    state.unknown.add("with:" + w.getKey());
                                }
                                continue;
                            }
                            state.stepEnv.put("with:" + w.getKey(), new Located<>(GhExpr.str(v), file, valueLine(val, row, line)));
                        }
                    }
                }
                if (run != null && run.contains("GITHUB_ENV")) {
                    githubEnv(file, lines, step, run, sctx, stepEnvCtx, runs == Boolean.TRUE, envCtx, state);
                }
            }
        }

        /** Variables a shell step writes to $GITHUB_ENV: the later steps of the job see them. */
        private void githubEnv(String file, String[] lines, YamlTree.YMap step, String run, GhExpr.Contexts sctx,
                               Map<String, Object> stepEnvCtx, boolean surelyRuns, Map<String, Object> envCtx, Job state) {
            GithubEnvWrites.Result w = GithubEnvWrites.of(run, sctx, stepEnvCtx, n -> RELEVANT_ENV.matcher(n).matches());
            int base = blockStart(lines, step.get("run").line());
            for (Map.Entry<String, String> e : w.set().entrySet()) {
                int line = base + w.lines().getOrDefault(e.getKey(), 0);
                if (surelyRuns) {
                    state.stepEnv.put(e.getKey(), new Located<>(e.getValue(), file, line));
                    if (state.builderEnv != null) {
                        state.builderEnv.put(e.getKey(), new Located<>(e.getValue(), file, line));
                    }
                    envCtx.put(e.getKey(), e.getValue());
                    state.jobUnknown.remove(e.getKey());
                } else {
                    unresolvedWrite(file, line, e.getKey(), "a step whose if: only a run decides", envCtx, state);
                }
            }
            for (Map.Entry<String, Integer> e : w.unknown().entrySet()) {
                int line = base + e.getValue();
                unresolvedWrite(file, line, e.getKey(), e.getKey().equals(GithubEnvWrites.ANY)
                        ? "a value only a run knows" : "a shell condition or variable", envCtx, state);
            }
        }

        private void unresolvedWrite(String file, int line, String name, String why, Map<String, Object> envCtx, Job state) {
            String what = name.equals(GithubEnvWrites.ANY) ? "variables" : name;
            if (reported.add(file + ":" + line + ":env-file:" + name)) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_UNRESOLVED, file, line,
                        "cannot tell which value the step writes to $GITHUB_ENV for " + what + " (" + why
                                + ") without running the workflow; facts that depend on it are left out"));
            }
            state.jobUnknown.add(name);
            state.stepEnv.remove(name);
            if (state.builderEnv != null) {
                state.builderEnv.remove(name);
            }
            envCtx.put(name, GhExpr.UNKNOWN);
        }

        private void builderEnv(Job state, Map<String, Located<String>> own, java.util.Set<String> stepUnknown) {
            state.unknown.addAll(stepUnknown);
            if (state.builderEnv == null) {
                state.builderEnv = new LinkedHashMap<>(state.stepEnv);
            }
            state.builderEnv.putAll(own);
        }

        /** {@code maturin build ... --target T} (or {@code --universal2}) on the rest of the command line, as " target T". */
        private static String maturinTarget(String run, int from) {
            int end = run.indexOf('\n', from);
            String rest = run.substring(from, end < 0 ? run.length() : end);
            if (rest.contains("--universal2")) {
                return " target universal2-apple-darwin";
            }
            Matcher m = Pattern.compile("--target[= ]\\s*([A-Za-z0-9_.-]+)").matcher(rest);
            return m.find() ? " target " + m.group(1) : "";
        }

        /** maturin-action runs {@code maturin build} by default; {@code command: sdist}, {@code upload} and the like build no wheel. */
        private static boolean maturinBuilds(YamlTree.YMap step, GhExpr.Contexts ctx) {
            if (step.get("with") instanceof YamlTree.YMap with && YamlTree.text(with.get("command")) != null) {
                Object c = GhExpr.interpolate(YamlTree.text(with.get("command")), ctx);
                return !(c instanceof String s) || s.isBlank() || s.strip().equals("build") || s.strip().equals("publish");
            }
            return true;
        }

        /**
         * maturin-action's inputs that decide the wheel: {@code target} (a Rust triple; {@code --target}
         * or {@code --universal2} in {@code args}) and {@code manylinux} ({@code musllinux_1_2}, {@code 2014},
         * {@code auto}, {@code off}), as " target T manylinux M".
         */
        private static String withTarget(YamlTree.YMap step, GhExpr.Contexts ctx) {
            StringBuilder out = new StringBuilder();
            if (step.get("with") instanceof YamlTree.YMap with) {
                String t = YamlTree.text(with.get("target"));
                Object v = t == null ? null : GhExpr.interpolate(t, ctx);
                Object args = YamlTree.text(with.get("args")) == null ? null : GhExpr.interpolate(YamlTree.text(with.get("args")), ctx);
                if (v instanceof String s && !s.isBlank()) {
                    out.append(" target ").append(s.strip());
                } else if (args instanceof String a) {
                    Matcher m = Pattern.compile("--target[= ]\\s*(\\S+)").matcher(a);
                    if (a.contains("--universal2") || a.contains("universal2-apple-darwin")) {
                        out.append(" target universal2-apple-darwin");
                    } else if (m.find()) {
                        out.append(" target ").append(m.group(1));
                    }
                }
                String ml = YamlTree.text(with.get("manylinux"));
                Object mv = ml == null ? null : GhExpr.interpolate(ml, ctx);
                if (mv instanceof String s && !s.isBlank()) {
                    out.append(" manylinux ").append(s.strip());
                }
            }
            return out.toString();
        }

        /** A local composite action ({@code uses: ./path}): its steps run as the job's, with its inputs. */
        void composite(String file, String uses, YamlTree.YMap step, GhExpr.Contexts ctx, Map<String, Object> envCtx,
                       Row row, Job state, int depth) {
            String dir = uses.substring(2).replaceAll("/+$", "");
            String rel = null;
            String text = null;
            for (String name : List.of("action.yml", "action.yaml")) {
                String candidate = dir.isEmpty() ? name : dir + "/" + name;
                text = files.apply(candidate);
                if (text != null) {
                    rel = candidate;
                    break;
                }
            }
            if (text == null) {
                if (dir.startsWith(".github/workflows/")) {
                    return; // not an action
                }
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_UNRESOLVED, file, step.get("uses").line(),
                        "the local action " + uses + " has no action.yml in the repository; its steps are left out"));
                return;
            }
            YamlTree.YMap top;
            try {
                top = parseTop(text);
            } catch (InvalidYaml e) {
                problems.add(new ProjectProblem(ProjectProblem.Kind.CI_CONFIG, rel, e.line, e.getMessage()));
                return;
            }
            if (!(top.get("runs") instanceof YamlTree.YMap runs) || !(runs.get("steps") instanceof YamlTree.YList steps)) {
                return; // a JavaScript or Docker action: nothing to read
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            if (top.get("inputs") instanceof YamlTree.YMap declared) {
                for (Map.Entry<String, YamlTree> e : declared.entries().entrySet()) {
                    Object def = e.getValue() instanceof YamlTree.YMap d && d.get("default") != null
                            ? GhExpr.interpolate(YamlTree.text(d.get("default")), new GhExpr.Contexts(Map.of())) : null;
                    inputs.put(e.getKey(), def == null ? "" : def);
                }
            }
            if (step.get("with") instanceof YamlTree.YMap with) {
                for (Map.Entry<String, YamlTree> w : with.entries().entrySet()) {
                    String t = YamlTree.text(w.getValue());
                    inputs.put(w.getKey(), t == null ? GhExpr.value(w.getValue()) : GhExpr.interpolate(t, ctx));
                }
            }
            GhExpr.Contexts actx = ctx.with("inputs", inputs);
            steps(rel, text.split("\n", -1), steps, actx, envCtx, new Row(Map.of(), Map.of()), state, depth + 1);
        }

        /** Reads an env mapping into {@code out} (with lines) and {@code envCtx} (for later expressions). */
        void env(String file, YamlTree node, GhExpr.Contexts ctx, Map<String, Located<String>> out, Map<String, Object> envCtx, Row row,
                 java.util.Set<String> unknown) {
            if (node instanceof YamlTree.YScalar sc && GhExpr.hasExpression(sc.value())) {
                Object v = GhExpr.interpolate(sc.value(), ctx);
                if (v instanceof Map<?, ?> m) {
                    m.forEach((k, x) -> {
                        out.put(String.valueOf(k), new Located<>(GhExpr.str(x), file, sc.line()));
                        envCtx.put(String.valueOf(k), GhExpr.str(x));
                        unknown.remove(String.valueOf(k));
                    });
                } else {
                    unresolved(file, sc.line(), "env", sc.value());
                    unknown.add(GithubEnvWrites.ANY);
                }
                return;
            }
            if (!(node instanceof YamlTree.YMap m)) {
                return;
            }
            for (Map.Entry<String, YamlTree> e : m.entries().entrySet()) {
                String v = YamlTree.text(e.getValue());
                if (v == null) {
                    continue;
                }
                int line = m.keyLines().get(e.getKey());
                Object value = GhExpr.interpolate(v, ctx);
                if (value == GhExpr.UNKNOWN) {
                    envCtx.put(e.getKey(), GhExpr.UNKNOWN);
                    out.remove(e.getKey());
                    if (RELEVANT_ENV.matcher(e.getKey()).matches()) {
                        unresolved(file, line, "env " + e.getKey(), v);
                        unknown.add(e.getKey());
                    }
                    continue;
                }
                unknown.remove(e.getKey());
                String s = GhExpr.str(value);
                envCtx.put(e.getKey(), s);
                out.put(e.getKey(), new Located<>(s, file, valueLine(v, row, line)));
            }
        }

        Located<String> runner(String file, YamlTree node, GhExpr.Contexts ctx, Row row) {
            if (node == null || node instanceof YamlTree.YMap) {
                return null; // no runner, or a runner group
            }
            List<Object> labels = new ArrayList<>();
            List<Integer> lineOf = new ArrayList<>();
            if (node instanceof YamlTree.YList l) {
                for (YamlTree item : l.items()) {
                    String t = YamlTree.text(item);
                    if (t != null) {
                        labels.add(GhExpr.interpolate(t, ctx));
                        lineOf.add(valueLine(t, row, item.line()));
                    }
                }
            } else {
                String t = YamlTree.text(node);
                if (t == null) {
                    return null;
                }
                Object v = GhExpr.interpolate(t, ctx);
                int line = valueLine(t, row, node.line());
                if (v instanceof List<?> vs) {
                    vs.forEach(x -> {
                        labels.add(x);
                        lineOf.add(line);
                    });
                } else {
                    labels.add(v);
                    lineOf.add(line);
                }
            }
            // a list of labels: the image label (if any) is the one that names an OS image
            String label = null;
            int line = node.line();
            for (int i = 0; i < labels.size(); i++) {
                Object x = labels.get(i);
                if (x == GhExpr.UNKNOWN || x instanceof Map<?, ?> || x instanceof List<?>) {
                    unresolved(file, lineOf.get(i), "runs-on", YamlTree.text(node) != null ? YamlTree.text(node) : String.valueOf(x));
                    return null;
                }
                String t = GhExpr.str(x);
                if (label == null || t.matches("(?i)(macos|ubuntu|windows)-.*")) {
                    label = t;
                    line = lineOf.get(i);
                }
            }
            return label == null || label.isBlank() ? null : new Located<>(label, file, line);
        }

        /** A value written as {@code ${{ matrix.x }}} is located where the matrix writes x for this row. */
        private static int valueLine(String text, Row row, int line) {
            if (row == null || !GhExpr.hasExpression(text)) {
                return line;
            }
            Matcher m = MATRIX_REF.matcher(text);
            if (m.find()) {
                Integer l = row.lines().get(m.group(1));
                if (l != null && l > 0) {
                    return l;
                }
            }
            return line;
        }

        /**
         * GitHub's matrix semantics: the cross product of the list-valued keys, minus {@code exclude}
         * rows, then {@code include} entries either extend the rows they match (without overwriting
         * an original value) or add a row. Values written as expressions are evaluated first.
         */
        List<Row> matrixRows(String file, YamlTree.YMap job, GhExpr.Contexts ctx) {
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(new LinkedHashMap<>(), new LinkedHashMap<>()));
            if (!(job.get("strategy") instanceof YamlTree.YMap strategy) || strategy.get("matrix") == null) {
                return rows;
            }
            YamlTree mnode = strategy.get("matrix");
            Map<String, Object> matrix;
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            Map<String, List<Integer>> itemLines = new LinkedHashMap<>();
            if (mnode instanceof YamlTree.YMap mm) {
                matrix = new LinkedHashMap<>();
                for (Map.Entry<String, YamlTree> e : mm.entries().entrySet()) {
                    YamlTree v = e.getValue();
                    keyLines.put(e.getKey(), mm.keyLines().get(e.getKey()));
                    if (v instanceof YamlTree.YScalar sc && GhExpr.hasExpression(sc.value())) {
                        Object x = GhExpr.interpolate(sc.value(), ctx);
                        if (x == GhExpr.UNKNOWN) {
                            unresolved(file, sc.line(), "matrix." + e.getKey(), sc.value());
                        }
                        matrix.put(e.getKey(), x);
                    } else {
                        matrix.put(e.getKey(), GhExpr.value(v));
                        if (v instanceof YamlTree.YList l) {
                            itemLines.put(e.getKey(), l.items().stream().map(YamlTree::line).toList());
                        }
                    }
                }
            } else {
                Object x = GhExpr.interpolate(YamlTree.text(mnode), ctx);
                if (!(x instanceof Map<?, ?> xm)) {
                    unresolved(file, mnode.line(), "strategy.matrix", String.valueOf(YamlTree.text(mnode)));
                    rows.set(0, new Row(Map.of(), Map.of()));
                    return List.of(new Row(unknownMatrix(), Map.of()));
                }
                matrix = new LinkedHashMap<>();
                xm.forEach((k, v) -> matrix.put(String.valueOf(k), v));
            }
            List<String> baseKeys = new ArrayList<>();
            for (Map.Entry<String, Object> e : matrix.entrySet()) {
                if (e.getKey().equals("include") || e.getKey().equals("exclude")) {
                    continue;
                }
                baseKeys.add(e.getKey());
                if (e.getValue() == GhExpr.UNKNOWN) {
                    for (Row r : rows) {
                        r.values().put(e.getKey(), GhExpr.UNKNOWN);
                    }
                    continue;
                }
                List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue() == null ? "" : e.getValue());
                List<Integer> ls = itemLines.get(e.getKey());
                List<Row> next = new ArrayList<>();
                for (Row r : rows) {
                    for (int i = 0; i < values.size(); i++) {
                        Row copy = new Row(new LinkedHashMap<>(r.values()), new LinkedHashMap<>(r.lines()));
                        copy.values().put(e.getKey(), values.get(i));
                        copy.lines().put(e.getKey(), ls != null && i < ls.size() ? ls.get(i) : keyLines.getOrDefault(e.getKey(), 0));
                        next.add(copy);
                    }
                }
                rows = next;
            }
            Object ex = matrix.get("exclude");
            if (ex instanceof List<?> exl) {
                for (Object x : exl) {
                    if (x instanceof Map<?, ?> xm) {
                        rows.removeIf(r -> xm.entrySet().stream().allMatch(p -> same(p.getValue(), r.values().get(String.valueOf(p.getKey())))));
                    }
                }
            } else if (ex == GhExpr.UNKNOWN) {
                unresolved(file, keyLines.getOrDefault("exclude", 0), "matrix.exclude", "exclude");
            }
            if (baseKeys.isEmpty()) {
                rows.clear();
            }
            Object inc = matrix.get("include");
            List<Map<String, Integer>> incLines = new ArrayList<>();
            if (mnode instanceof YamlTree.YMap mm && mm.get("include") instanceof YamlTree.YList il) {
                il.items().forEach(i -> incLines.add(i instanceof YamlTree.YMap im ? im.keyLines() : Map.of()));
            }
            if (inc instanceof List<?> incl) {
                int n = rows.size();
                for (int idx = 0; idx < incl.size(); idx++) {
                    if (!(incl.get(idx) instanceof Map<?, ?> xm)) {
                        continue;
                    }
                    Map<String, Integer> itemKeyLines = idx < incLines.size() ? incLines.get(idx) : Map.of();
                    int fallback = keyLines.getOrDefault("include", 0);
                    boolean extended = false;
                    for (int ri = 0; ri < n; ri++) {
                        Row r = rows.get(ri);
                        boolean ok = true;
                        for (String k : baseKeys) {
                            if (xm.containsKey(k) && !same(xm.get(k), r.values().get(k))) {
                                ok = false;
                            }
                        }
                        if (ok) {
                            xm.forEach((k, v) -> {
                                if (!baseKeys.contains(String.valueOf(k))) {
                                    r.values().put(String.valueOf(k), v);
                                    r.lines().put(String.valueOf(k), itemKeyLines.getOrDefault(String.valueOf(k), fallback));
                                }
                            });
                            extended = true;
                        }
                    }
                    if (!extended) {
                        Row added = new Row(new LinkedHashMap<>(), new LinkedHashMap<>());
                        xm.forEach((k, v) -> {
                            added.values().put(String.valueOf(k), v);
                            added.lines().put(String.valueOf(k), itemKeyLines.getOrDefault(String.valueOf(k), fallback));
                        });
                        rows.add(added);
                    }
                }
            } else if (inc == GhExpr.UNKNOWN) {
                unresolved(file, keyLines.getOrDefault("include", 0), "matrix.include", "include");
            }
            if (rows.isEmpty()) {
                rows.add(new Row(new LinkedHashMap<>(), new LinkedHashMap<>()));
            }
            return rows;
        }

        private static Map<String, Object> unknownMatrix() {
            return new LinkedHashMap<>() {
                @Override
                public Object get(Object key) {
                    return GhExpr.UNKNOWN;
                }

                @Override
                public boolean containsKey(Object key) {
                    return true;
                }
            };
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof Map<?, ?> || a instanceof List<?>) {
                return java.util.Objects.equals(a, b);
            }
            if (a == null || b == null) {
                return a == b;
            }
            return GhExpr.str(a).equals(GhExpr.str(b));
        }
    }

    /**
     * SnakeYAML's messages hold a context line, a problem line and, under each, the position and
     * an excerpt with a caret; keep the two sentences on one line.
     */
    static String yamlMessage(String original) {
        if (original == null || original.isBlank()) {
            return "invalid YAML";
        }
        List<String> parts = new ArrayList<>();
        for (String l : original.split("\n")) {
            if (l.isBlank() || l.startsWith(" ") || l.startsWith("\t")) {
                continue; // " in 'reader', line ..", the excerpt and its caret
            }
            parts.add(l.strip());
        }
        // Jackson names its own setting in limit messages ("..., from `StreamReadConstraints...`)"): not the user's concern
        return parts.isEmpty() ? "invalid YAML" : String.join("; ", parts).replaceAll(", from `[^`]*`\\)", ")");
    }

    /** A non-GitHub CI file: its CIBW_* assignments, wherever they are. */
    static List<CiRun> readOther(String file, String text) {
        Map<String, Located<String>> env = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        Located<String> version = null;
        boolean uses = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ENV_LINE.matcher(lines[i]);
            while (m.find()) {
                String v = m.group(2) == null ? "" : m.group(2).strip();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                env.put(m.group(1), new Located<>(v, file, i + 1));
            }
            if (lines[i].contains("cibuildwheel")) {
                uses = true;
                Matcher p = PIP_PIN.matcher(lines[i]);
                if (p.find() && version == null) {
                    version = new Located<>(p.group(1), file, i + 1);
                }
            }
        }
        if (env.isEmpty() && !uses) {
            return List.of();
        }
        return List.of(new CiRun(file, "", null, version, uses, env));
    }

    /** A block scalar ({@code run: |}) is reported at its indicator; its text starts on the next line. */
    private static int blockStart(String[] lines, int line) {
        if (line >= 1 && line <= lines.length && lines[line - 1].matches(".*:\\s*[|>][-+0-9]*\\s*(#.*)?")) {
            return line + 1;
        }
        return line;
    }

    private static int lineOffset(String text, int index) {
        int n = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A commit-pinned action often carries its version in a comment: {@code @abc123 # v2.21.3}. */
    private static String pinComment(String[] lines, int line) {
        if (line < 1 || line > lines.length) {
            return null;
        }
        Matcher m = PIN_COMMENT.matcher(lines[line - 1]);
        return m.find() ? m.group(1) : null;
    }
}
