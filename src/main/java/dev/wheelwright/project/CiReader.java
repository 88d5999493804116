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

    private static final Pattern MATRIX_EXPR = Pattern.compile("\\$\\{\\{\\s*matrix\\.([A-Za-z0-9_.-]+)\\s*}}");
    private static final Pattern CIBW_ACTION = Pattern.compile("^(?:pypa|joerick)/cibuildwheel@(.+)$");
    private static final Pattern PIN_COMMENT = Pattern.compile("#\\s*v?([0-9]+(?:\\.[0-9]+)+)");
    private static final Pattern PIP_PIN = Pattern.compile("cibuildwheel\\s*(?:==|~=|>=)\\s*([0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern VERSION = Pattern.compile("^v?([0-9]+(?:\\.[0-9]+)*)$");
    private static final Pattern ENV_LINE = Pattern.compile("\\b(CIBW_[A-Z0-9_]+|MACOSX_DEPLOYMENT_TARGET)\\s*[:=]\\s*(\"[^\"]*\"|'[^']*'|[^\\s#][^#\\n]*)?");

    /** One GitHub workflow → one run per job and matrix row. */
    static List<CiRun> readWorkflow(String file, String text) throws InvalidYaml {
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
        String[] lines = text.split("\n", -1);
        List<CiRun> out = new ArrayList<>();
        Map<String, Located<String>> workflowEnv = env(file, top.get("env"), Map.of());
        if (!(top.get("jobs") instanceof YamlTree.YMap jobs)) {
            return out;
        }
        for (Map.Entry<String, YamlTree> je : jobs.entries().entrySet()) {
            if (!(je.getValue() instanceof YamlTree.YMap job)) {
                continue;
            }
            List<Map<String, YamlTree>> rows = matrixRows(job);
            for (Map<String, YamlTree> row : rows) {
                Map<String, Located<String>> jobEnv = new LinkedHashMap<>(workflowEnv);
                jobEnv.putAll(env(file, job.get("env"), row));
                Located<String> runner = runner(file, job.get("runs-on"), row);
                Located<String> version = null;
                boolean uses = false;
                Map<String, Located<String>> stepEnv = new LinkedHashMap<>(jobEnv);
                if (job.get("steps") instanceof YamlTree.YList steps) {
                    for (YamlTree s : steps.items()) {
                        if (!(s instanceof YamlTree.YMap step)) {
                            continue;
                        }
                        String usesText = YamlTree.text(step.get("uses"));
                        String run = YamlTree.text(step.get("run"));
                        boolean isCibw = false;
                        if (usesText != null) {
                            Matcher m = CIBW_ACTION.matcher(usesText.strip());
                            if (m.matches()) {
                                isCibw = true;
                                int line = step.get("uses").line();
                                String ref = m.group(1);
                                Matcher v = VERSION.matcher(ref);
                                String ver = v.matches() ? v.group(1) : pinComment(lines, line);
                                if (ver != null) {
                                    version = new Located<>(ver, file, line);
                                }
                            }
                        }
                        if (run != null && run.contains("cibuildwheel")) {
                            isCibw = true;
                            Matcher m = PIP_PIN.matcher(run);
                            if (m.find() && version == null) {
                                version = new Located<>(m.group(1), file, blockStart(lines, step.get("run").line()) + lineOffset(run, m.start()));
                            }
                        }
                        if (isCibw) {
                            uses = true;
                            stepEnv.putAll(env(file, step.get("env"), row));
                            if (step.get("with") instanceof YamlTree.YMap with) {
                                for (Map.Entry<String, YamlTree> w : with.entries().entrySet()) {
                                    String val = YamlTree.text(w.getValue());
                                    if (val != null) {
                                        stepEnv.put("with:" + w.getKey(), new Located<>(expand(val, row), file, with.keyLines().get(w.getKey())));
                                    }
                                }
                            }
                        }
                    }
                }
                out.add(new CiRun(file, je.getKey(), runner, version, uses, uses ? stepEnv : jobEnv));
            }
        }
        return out;
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

    private static Map<String, Located<String>> env(String file, YamlTree node, Map<String, YamlTree> row) {
        Map<String, Located<String>> out = new LinkedHashMap<>();
        if (node instanceof YamlTree.YMap m) {
            for (Map.Entry<String, YamlTree> e : m.entries().entrySet()) {
                String v = YamlTree.text(e.getValue());
                if (v != null) {
                    String expanded = expand(v, row);
                    int line = m.keyLines().get(e.getKey());
                    YamlTree source = matrixSource(v, row);
                    out.put(e.getKey(), new Located<>(expanded, file, source != null && !expanded.equals(v) ? source.line() : line));
                }
            }
        }
        return out;
    }

    private static Located<String> runner(String file, YamlTree node, Map<String, YamlTree> row) {
        if (node == null) {
            return null;
        }
        String label;
        int line = node.line();
        if (node instanceof YamlTree.YList l) {
            // a list of labels: the image label (if any) is the one that names an OS image
            label = null;
            for (YamlTree item : l.items()) {
                String t = YamlTree.text(item);
                if (t != null && (label == null || t.matches("(?i)(macos|ubuntu|windows)-.*"))) {
                    label = t;
                    line = item.line();
                }
            }
            if (label == null) {
                return null;
            }
        } else if (node instanceof YamlTree.YMap) {
            return null; // runner groups
        } else {
            label = YamlTree.text(node);
        }
        if (label == null) {
            return null;
        }
        YamlTree source = matrixSource(label, row);
        String expanded = expand(label, row);
        if (source != null && !expanded.equals(label)) {
            line = source.line();
        }
        return new Located<>(expanded, file, line);
    }

    /** The matrix node that a {@code ${{ matrix.x }}} expression in the text refers to, if any. */
    private static YamlTree matrixSource(String text, Map<String, YamlTree> row) {
        Matcher m = MATRIX_EXPR.matcher(text);
        return m.find() ? lookup(row, m.group(1)) : null;
    }

    private static String expand(String text, Map<String, YamlTree> row) {
        Matcher m = MATRIX_EXPR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            YamlTree v = lookup(row, m.group(1));
            String s = v == null ? null : YamlTree.text(v);
            m.appendReplacement(sb, Matcher.quoteReplacement(s != null ? s : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static YamlTree lookup(Map<String, YamlTree> row, String path) {
        String[] parts = path.split("\\.");
        YamlTree cur = row.get(parts[0]);
        for (int i = 1; i < parts.length && cur != null; i++) {
            cur = cur instanceof YamlTree.YMap m ? m.get(parts[i]) : null;
        }
        return cur;
    }

    /**
     * GitHub's matrix semantics: the cross product of the list-valued keys, minus {@code exclude}
     * rows, then {@code include} entries either extend the rows they match or add a row.
     */
    static List<Map<String, YamlTree>> matrixRows(YamlTree.YMap job) {
        List<Map<String, YamlTree>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>());
        if (!(job.get("strategy") instanceof YamlTree.YMap strategy) || !(strategy.get("matrix") instanceof YamlTree.YMap matrix)) {
            return rows;
        }
        List<String> baseKeys = new ArrayList<>();
        for (Map.Entry<String, YamlTree> e : matrix.entries().entrySet()) {
            if (e.getKey().equals("include") || e.getKey().equals("exclude")) {
                continue;
            }
            baseKeys.add(e.getKey());
            List<YamlTree> values = e.getValue() instanceof YamlTree.YList l ? l.items() : List.of(e.getValue());
            List<Map<String, YamlTree>> next = new ArrayList<>();
            for (Map<String, YamlTree> r : rows) {
                for (YamlTree v : values) {
                    Map<String, YamlTree> copy = new LinkedHashMap<>(r);
                    copy.put(e.getKey(), v);
                    next.add(copy);
                }
            }
            rows = next;
        }
        if (matrix.get("exclude") instanceof YamlTree.YList ex) {
            for (YamlTree x : ex.items()) {
                if (x instanceof YamlTree.YMap xm) {
                    rows.removeIf(r -> matches(r, xm));
                }
            }
        }
        if (baseKeys.isEmpty()) {
            rows.clear();
        }
        if (matrix.get("include") instanceof YamlTree.YList inc) {
            for (YamlTree x : inc.items()) {
                if (!(x instanceof YamlTree.YMap xm)) {
                    continue;
                }
                boolean extended = false;
                for (Map<String, YamlTree> r : rows) {
                    boolean ok = true;
                    for (String k : baseKeys) {
                        if (xm.entries().containsKey(k) && !same(xm.get(k), r.get(k))) {
                            ok = false;
                        }
                    }
                    if (ok && baseKeys.stream().anyMatch(xm.entries()::containsKey)) {
                        xm.entries().forEach(r::putIfAbsent);
                        extended = true;
                    }
                }
                if (!extended) {
                    rows.add(new LinkedHashMap<>(xm.entries()));
                }
            }
        }
        if (rows.isEmpty()) {
            rows.add(new LinkedHashMap<>());
        }
        return rows;
    }

    private static boolean matches(Map<String, YamlTree> row, YamlTree.YMap pattern) {
        for (Map.Entry<String, YamlTree> e : pattern.entries().entrySet()) {
            if (!same(e.getValue(), row.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(YamlTree a, YamlTree b) {
        if (a == null || b == null) {
            return a == b;
        }
        String x = YamlTree.text(a);
        String y = YamlTree.text(b);
        return x != null ? x.equals(y) : a.equals(b);
    }
}
