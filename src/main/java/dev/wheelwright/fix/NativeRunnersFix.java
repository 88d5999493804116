package dev.wheelwright.fix;

import dev.wheelwright.project.BuildTarget;
import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.Located;
import dev.wheelwright.project.ProjectFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cibw-native-runners}: stops cross-compiling macOS wheels in GitHub Actions. The macOS
 * arch list ({@code CIBW_ARCHS_MACOS} or {@code [tool.cibuildwheel.macos].archs}) becomes
 * {@code native}, and the job's runner list gains a runner of each arch it used to cross-compile
 * for (an Apple silicon image next to an Intel one, or the reverse), so every wheel is built and
 * tested on its own CPU. universal2 is replaced by its two thin halves. Layouts it cannot edit
 * safely (a literal {@code runs-on} in a job that already has a matrix, {@code include} rows,
 * a shared {@code CIBW_ARCHS}) are left as steps to take by hand.
 */
public final class NativeRunnersFix implements FixAction {
    static final Map<String, String> NATIVE_RUNNER = Map.of("arm64", "macos-15", "x86_64", "macos-15-intel");
    private static final Pattern ENV_VALUE = Pattern.compile("^(\\s*CIBW_ARCHS_MACOS\\s*:\\s*)([^#]*?)(\\s*(#.*)?)$");
    private static final Pattern TOML_ARCHS = Pattern.compile("^(\\s*archs\\s*=\\s*)([^#]*?)(\\s*(#.*)?)$");
    private static final Pattern RUNS_ON = Pattern.compile("^(\\s*)runs-on\\s*:\\s*(\\S+)\\s*(#.*)?$");

    @Override
    public String id() {
        return "cibw-native-runners";
    }

    @Override
    public String summary() {
        return "Build each macOS arch on a runner of that arch (CIBW_ARCHS_MACOS=native plus a native runner per arch)";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts p) {
        Map<String, String> texts = new LinkedHashMap<>(); // path -> edited text
        Map<String, String> originals = new LinkedHashMap<>();
        List<String> manual = new ArrayList<>();
        Map<CiRun, List<BuildTarget>> byRun = new LinkedHashMap<>();
        for (BuildTarget t : p.targets()) {
            if (t.os().equals("macos") && t.runnerArch() != null) {
                byRun.computeIfAbsent(t.run(), k -> new ArrayList<>()).add(t);
            }
        }
        Set<String> doneDeclarations = new LinkedHashSet<>();
        Set<String> doneRunners = new LinkedHashSet<>();
        for (Map.Entry<CiRun, List<BuildTarget>> e : byRun.entrySet()) {
            List<BuildTarget> targets = e.getValue();
            if (targets.stream().noneMatch(BuildTarget::crossCompiled)) {
                continue;
            }
            CiRun run = e.getKey();
            if (!run.file().startsWith(".github/workflows/")) {
                manual.add(run.file() + ": build each macOS arch on its own runner with CIBW_ARCHS_MACOS=native");
                continue;
            }
            Located<String> declared = targets.get(0).declared();
            String runnerArch = targets.get(0).runnerArch();
            Set<String> needed = new LinkedHashSet<>();
            for (BuildTarget t : targets) {
                if (t.arch().equals("universal2")) {
                    needed.add("x86_64");
                    needed.add("arm64");
                } else {
                    needed.add(t.arch());
                }
            }
            // 1. the arch list becomes "native"
            String key = declared.file() + ":" + declared.line();
            if (doneDeclarations.add(key)) {
                String text = load(root, declared.file(), texts, originals);
                String edited = replaceOnLine(text, declared.line(),
                        declared.file().endsWith(".toml") ? TOML_ARCHS : ENV_VALUE,
                        declared.file().endsWith(".toml") ? "[\"native\"]" : "native");
                if (edited == null) {
                    manual.add(key + ": set the macOS archs to native (CIBW_ARCHS_MACOS: native); wheelwright cannot edit this line");
                    continue;
                }
                texts.put(declared.file(), edited);
            }
            // a deployment target below 11.0 that covered only the x86_64 half of universal2
            // now reaches a thin arm64 build (WW-P005): say so rather than guess the user's intent
            Located<String> dt = targets.get(0).deploymentTarget();
            if (dt != null && needed.contains("arm64") && !targets.stream().allMatch(t -> t.arch().equals("arm64"))
                    && dev.wheelwright.project.Requirements.compareVersions(dt.value(), "11.0") < 0) {
                manual.add(dt.file() + ":" + dt.line() + ": MACOSX_DEPLOYMENT_TARGET=" + dt.value()
                        + " will apply to the arm64 build too; raise it to 11.0 for arm64 (see deployment-target-too-low-for-arm64)");
            }
            // 2. a native runner for every other arch
            for (String arch : needed) {
                if (arch.equals(runnerArch)) {
                    continue;
                }
                String label = NATIVE_RUNNER.get(arch);
                if (label == null || !doneRunners.add(run.file() + ":" + run.job() + ":" + label)) {
                    continue;
                }
                String text = load(root, run.file(), texts, originals);
                String edited = addRunner(text, run, label);
                if (edited == null) {
                    manual.add(run.file() + ":" + run.runner().line() + ": add a " + arch + " runner (" + label
                            + ") to job '" + run.job() + "' next to " + run.runner().value());
                } else {
                    texts.put(run.file(), edited);
                }
            }
        }
        List<FileEdit> edits = new ArrayList<>();
        texts.forEach((path, after) -> {
            if (!after.equals(originals.get(path))) {
                edits.add(new FileEdit(path, originals.get(path), after));
            }
        });
        return new FixPlan(id(), edits, manual);
    }

    private static String load(Path root, String rel, Map<String, String> texts, Map<String, String> originals) {
        if (!texts.containsKey(rel)) {
            try {
                String t = Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
                texts.put(rel, t);
                originals.put(rel, t);
            } catch (IOException ex) {
                throw new FixRefusedException(rel + ": cannot read: " + ex.getMessage(), ex);
            }
        }
        return texts.get(rel);
    }

    /** Replaces group 2 of the pattern on a 1-based line, keeping quotes' absence/presence simple; null if no match. */
    static String replaceOnLine(String text, int line, Pattern pattern, String value) {
        int s = TextEdits.offsetOfLine(text, line);
        int e = text.indexOf('\n', s);
        if (e < 0) {
            e = text.length();
        }
        Matcher m = pattern.matcher(text.substring(s, e));
        if (!m.matches()) {
            return null;
        }
        return text.substring(0, s) + m.group(1) + value + m.group(3) + text.substring(e);
    }

    /**
     * Adds a runner label to the list that the job's runner came from: a flow list
     * ({@code os: [a, b]}), a block list ({@code - a}), or a literal {@code runs-on: a} that is
     * turned into a matrix. Returns null when the layout is not one of those.
     */
    static String addRunner(String text, CiRun run, String label) {
        int line = run.runner().line();
        String current = run.runner().value();
        int s = TextEdits.offsetOfLine(text, line);
        int e = text.indexOf('\n', s);
        if (e < 0) {
            e = text.length();
        }
        String l = text.substring(s, e);
        Matcher runsOn = RUNS_ON.matcher(l);
        if (runsOn.matches() && runsOn.group(2).equals(current)) {
            if (jobHasStrategy(text, line, runsOn.group(1).length())) {
                return null;
            }
            String ind = runsOn.group(1);
            String block = ind + "runs-on: ${{ matrix.os }}\n" + ind + "strategy:\n" + ind + "  matrix:\n" + ind
                    + "    os: [" + current + ", " + label + "]";
            return text.substring(0, s) + block + text.substring(e);
        }
        // a flow list [a, b]: compared item by item (macos-15 is not in [macos-15-intel])
        Matcher flow = FLOW_LIST.matcher(l);
        while (flow.find()) {
            List<String> items = flowItems(flow.group(2));
            if (!items.contains(current)) {
                continue;
            }
            if (items.contains(label)) {
                return text;
            }
            String inner = flow.group(2);
            String trimmed = inner.stripTrailing();
            String quote = itemQuote(inner, current);
            String updated = flow.group(1) + trimmed + ", " + quote + label + quote + inner.substring(trimmed.length()) + "]";
            return text.substring(0, s) + l.substring(0, flow.start()) + updated + l.substring(flow.end()) + text.substring(e);
        }
        Matcher item = Pattern.compile("^(\\s*-\\s*)([\"']?)" + Pattern.quote(current) + "\\2\\s*(#.*)?$").matcher(l);
        if (item.matches()) {
            if (blockListHas(text, line, item.group(1), label)) {
                return text;
            }
            return text.substring(0, e) + "\n" + item.group(1) + item.group(2) + label + item.group(2) + text.substring(e);
        }
        return null;
    }

    private static final Pattern FLOW_LIST = Pattern.compile("(\\[)([^\\]\\[]*)\\]");

    /** Whether the block list holding the item on this 1-based line has LABEL as an item (compared whole). */
    private static boolean blockListHas(String text, int line, String dash, String label) {
        String[] lines = text.split("\n", -1);
        Pattern same = Pattern.compile("^" + Pattern.quote(dash) + "([\"']?)(.*?)\\1\\s*(#.*)?$");
        for (int dir : new int[] {-1, 1}) {
            for (int i = line - 1 + dir; i >= 0 && i < lines.length; i += dir) {
                Matcher m = same.matcher(lines[i]);
                if (!m.matches()) {
                    break;
                }
                if (m.group(2).strip().equals(label)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The items of a YAML flow list's inside, unquoted. */
    static List<String> flowItems(String inside) {
        List<String> out = new ArrayList<>();
        for (String part : inside.split(",", -1)) {
            String v = part.strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                v = v.substring(1, v.length() - 1);
            }
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The quote the list writes the item in ("" when plain), so an added item looks like its neighbours. */
    private static String itemQuote(String inside, String item) {
        for (String part : inside.split(",", -1)) {
            String v = part.strip();
            if (v.equals("\"" + item + "\"")) {
                return "\"";
            }
            if (v.equals("'" + item + "'")) {
                return "'";
            }
        }
        return "";
    }

    /** Whether the job whose runs-on is at this line already has a strategy key at its indentation. */
    private static boolean jobHasStrategy(String text, int line, int indent) {
        String[] lines = text.split("\n", -1);
        for (int dir : new int[] {-1, 1}) {
            for (int i = line - 1 + dir; i >= 0 && i < lines.length; i += dir) {
                String l = lines[i];
                if (l.isBlank() || l.strip().startsWith("#")) {
                    continue;
                }
                int ind = l.length() - l.stripLeading().length();
                if (ind < indent) {
                    break;
                }
                if (ind == indent && l.stripLeading().startsWith("strategy:")) {
                    return true;
                }
            }
        }
        return false;
    }
}
