package dev.wheelwright.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.cases.CaseLoader;
import dev.wheelwright.rules.cases.RuleCases;
import dev.wheelwright.rules.cases.RuleCases.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the whole catalogue under {@code rules/} and collects every defect before failing:
 * loadable rule files, unique ids and names, folder and family agree with the id, the public
 * names of the catalogue used exactly, README headings, cases of both kinds, placeholders that
 * some fail case fills, pattern literals for the pre-filter, check classes that exist.
 */
class RuleCatalogTest {

    static final Map<String, String> FAMILY_FOLDERS = Map.of(
            "build", "B", "project", "P", "wheel", "W", "macho", "M", "elf", "E", "pe", "X", "jvm", "J", "deps", "D");

    /** The public catalogue: these ids carry exactly these names. */
    static final Map<String, String> CATALOGUE = new LinkedHashMap<>();

    static {
        String[] b = {"setup-requires-egg-conflict", "setup-requires-fetch-failed", "bdist-wheel-missing", "cffi-cross-compile",
                "no-wheel-for-target", "not-supported-wheel", "no-matching-distribution", "incompatible-architecture",
                "universal2-missing-slice", "linker-arch-mismatch", "dylib-not-found", "deployment-target-mismatch",
                "old-pip-platform-tags", "manylinux-policy-violation", "codesign-invalid", "compiler-missing",
                "python-headers-missing", "library-headers-missing", "library-missing", "rust-compiler-missing",
                "python-too-new", "build-dependency-undeclared", "build-dependency-incompatible", "cross-compiled-untested"};
        for (int i = 0; i < b.length; i++) {
            CATALOGUE.put(String.format("WW-B%03d", i + 1), b[i]);
        }
        String[] p = {"legacy-setup-py-build", "setup-requires-conflict", "cffi-cross-compile-config", "universal2-with-cffi",
                "deployment-target-too-low-for-arm64", "runner-image-retired", "cibuildwheel-too-old", "wheel-in-build-requires",
                "build-system-missing"};
        for (int i = 0; i < p.length; i++) {
            CATALOGUE.put(String.format("WW-P%03d", i + 1), p[i]);
        }
        String[] w = {"filename-tag-mismatch", "record-hash-mismatch", "record-missing-entry", "purelib-with-binaries",
                "pyc-in-wheel", "duplicate-files"};
        for (int i = 0; i < w.length; i++) {
            CATALOGUE.put(String.format("WW-W%03d", i + 1), w[i]);
        }
        String[] m = {"binary-missing-tagged-arch", "binary-arch-not-in-tag", "minos-above-tag", "arm64-unsigned",
                "external-dylib", "inconsistent-minos-across-slices"};
        for (int i = 0; i < m.length; i++) {
            CATALOGUE.put(String.format("WW-M%03d", i + 1), m[i]);
        }
        CATALOGUE.put("WW-E001", "glibc-too-new-for-tag");
        CATALOGUE.put("WW-E002", "external-shared-library");
        CATALOGUE.put("WW-E003", "elf-arch-not-in-tag");
        CATALOGUE.put("WW-X001", "pe-arch-not-in-tag");
        CATALOGUE.put("WW-X002", "external-dll");
        CATALOGUE.put("WW-J001", "jar-needs-newer-java");
        CATALOGUE.put("WW-D001", "dependency-no-wheel-for-target");
        CATALOGUE.put("WW-D002", "build-dependency-no-wheel-for-target");
    }

    static final List<String> README_HEADINGS = List.of("## Why it matters", "## Common causes", "## How to fix");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\|[^{}|]*)?}");

    @Test
    void theCatalogueIsComplete() throws Exception {
        List<String> defects = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        Map<String, Path> names = new HashMap<>();
        List<Path> dirs = RuleCases.ruleDirs();
        assertThat(dirs).as("rule folders under rules/").isNotEmpty();
        for (Path dir : dirs) {
            defects.addAll(checkRule(dir, ids, names));
        }
        assertThat(defects).as("catalogue defects").isEmpty();
    }

    @Test
    void theBuiltInIndexListsEveryRuleFolder() throws Exception {
        Set<String> indexed = new HashSet<>();
        for (RuleDefinition r : RuleCatalog.builtIn()) {
            indexed.add(r.id());
        }
        Set<String> onDisk = new HashSet<>();
        for (Path dir : RuleCases.ruleDirs()) {
            onDisk.add(dir.getFileName().toString().substring(0, 7));
        }
        assertThat(indexed).as("rules in " + RuleCatalog.INDEX + " (rebuild with mvn process-resources)").isEqualTo(onDisk);
    }

    @Test
    void aDefectiveRuleFolderYieldsEveryDefectAtOnce(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("build/WW-P001-wrong-folder");
        Files.createDirectories(dir.resolve("cases"));
        Files.writeString(dir.resolve("rule.yaml"), """
                id: WW-B017
                name: python-header-missing
                severity: error
                title: t
                reads: log
                match:
                  - pattern: '(?<what>[a-z]+)[.]h'
                message: "{what} missing"
                """);
        Files.writeString(dir.resolve("README.md"), "# x\n## Why it matters\n");
        Files.writeString(dir.resolve("cases/fail-a.log"), "nothing here\n");
        Files.writeString(dir.resolve("cases/fail-a.expected.yaml"), "findings: []\n");
        List<String> defects = checkRule(dir, new HashMap<>(), new HashMap<>());
        assertThat(String.join("\n", defects))
                .contains("folder should be named WW-B017-python-header-missing")
                .contains("is named 'python-headers-missing' in the catalogue")
                .contains("heading '## Common causes' missing")
                .contains("heading '## How to fix' missing")
                .contains("has no literal of 3+ characters")
                .contains("no pass-* case")
                .contains("placeholder {what} is not filled by any fail case");
    }

    static List<String> checkRule(Path dir, Map<String, Path> ids, Map<String, Path> names) throws Exception {
        List<String> defects = new ArrayList<>();
        String where = dir.toString();
        RuleDefinition rule;
        try {
            rule = RuleParser.parse(dir.resolve("rule.yaml").toString(), Files.readString(dir.resolve("rule.yaml")),
                    new RuleSource.Directory(dir));
        } catch (RuntimeException e) {
            defects.add(e.getMessage());
            return defects;
        }
        Path prevId = ids.putIfAbsent(rule.id(), dir);
        if (prevId != null) {
            defects.add(where + ": id " + rule.id() + " is also used by " + prevId);
        }
        Path prevName = names.putIfAbsent(rule.name(), dir);
        if (prevName != null) {
            defects.add(where + ": name " + rule.name() + " is also used by " + prevName);
        }
        String folder = dir.getFileName().toString();
        if (!folder.equals(rule.id() + "-" + rule.name())) {
            defects.add(where + ": folder should be named " + rule.id() + "-" + rule.name());
        }
        Path family = dir.getParent() == null ? null : dir.getParent().getFileName();
        String letter = family == null ? null : FAMILY_FOLDERS.get(family.toString());
        if (letter == null) {
            defects.add(where + ": not in a family folder (" + String.join(", ", FAMILY_FOLDERS.keySet()) + ")");
        } else if (!rule.family().equals(letter)) {
            defects.add(where + ": id " + rule.id() + " does not belong in family folder " + family + " (WW-" + letter + ")");
        }
        String catalogueName = CATALOGUE.get(rule.id());
        if (catalogueName != null && !catalogueName.equals(rule.name())) {
            defects.add(where + ": " + rule.id() + " is named '" + catalogueName + "' in the catalogue, not '" + rule.name() + "'");
        }
        CATALOGUE.forEach((id, name) -> {
            if (name.equals(rule.name()) && !id.equals(rule.id())) {
                defects.add(where + ": name " + name + " belongs to " + id + " in the catalogue, not " + rule.id());
            }
        });
        String readme = rule.readme().orElse(null);
        if (readme == null) {
            defects.add(where + ": README.md missing");
        } else {
            for (String h : README_HEADINGS) {
                if (!readme.lines().anyMatch(l -> l.strip().equals(h))) {
                    defects.add(where + "/README.md: heading '" + h + "' missing");
                }
            }
        }
        for (LogPattern p : rule.patterns()) {
            if (p.literals().isEmpty()) {
                defects.add(where + ": pattern " + p.regex() + " has no literal of 3+ characters for the pre-filter; declare 'literal:'");
            }
        }
        if (rule.check() != null) {
            try {
                RuleEngine.instantiate(rule);
            } catch (RuntimeException e) {
                defects.add(e.getMessage());
            }
        }
        List<Case> cases = RuleCases.cases(dir);
        if (cases.stream().noneMatch(Case::fail)) {
            defects.add(where + ": no fail-* case");
        }
        if (cases.stream().allMatch(Case::fail)) {
            defects.add(where + ": no pass-* case");
        }
        defects.addAll(placeholders(rule, dir, cases));
        return defects;
    }

    /** Each placeholder of message and fix must be filled in the findings of some fail case. */
    static List<String> placeholders(RuleDefinition rule, Path dir, List<Case> cases) {
        List<String> defects = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (String t : new String[] {rule.message(), rule.fix() == null ? null : rule.fix().summary()}) {
            if (t != null) {
                Matcher m = PLACEHOLDER.matcher(t);
                while (m.find()) {
                    wanted.add(m.group());
                }
            }
        }
        if (wanted.isEmpty()) {
            return defects;
        }
        CaseLoader loader;
        try {
            loader = (CaseLoader) Class.forName(RuleCases.loaderClass(rule.reads())).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            defects.add(dir + ": no case loader " + RuleCases.loaderClass(rule.reads()) + " to check its placeholders");
            return defects;
        }
        Set<String> filled = new HashSet<>();
        for (Case c : cases) {
            if (!c.fail()) {
                continue;
            }
            try {
                Facts facts = loader.load(c.input(), dir);
                for (Finding f : RuleEngine.run(List.of(rule), facts)) {
                    String text = f.message() + "\n" + (f.fix() == null ? "" : f.fix().summary());
                    for (String w : wanted) {
                        if (!text.contains(w)) {
                            filled.add(w);
                        }
                    }
                }
            } catch (Exception e) {
                defects.add(c.input() + ": cannot run: " + e);
            }
        }
        for (String w : wanted) {
            if (!filled.contains(w)) {
                defects.add(dir + ": placeholder " + w + " is not filled by any fail case");
            }
        }
        return defects;
    }
}
