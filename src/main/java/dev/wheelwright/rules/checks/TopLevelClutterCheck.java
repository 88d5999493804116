package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Source-tree files and folders installed straight into site-packages: top-level {@code tests/},
 * {@code docs/}, {@code README.md}, {@code setup.py}, {@code __pycache__/}, {@code .github/} and
 * the like, in the wheel's root or its {@code .data/purelib|platlib} folders. They clash between
 * distributions (every project that ships a top-level {@code tests} package overwrites the
 * others') and were never meant to be installed. One finding per wheel, every member as evidence.
 */
public final class TopLevelClutterCheck implements Check {
    static final Set<String> FOLDERS = Set.of("tests", "test", "testing", "docs", "doc", "examples", "example",
            "benchmarks", "__pycache__", ".github", ".git", ".tox", ".nox", ".venv", "venv", ".pytest_cache",
            ".mypy_cache", ".eggs");
    private static final Pattern FILES = Pattern.compile(
            "(?i)(readme|changelog|changes|history|news|authors|contributing|license|licence|copying|notice)([._-].*)?"
                    + "|setup\\.py|setup\\.cfg|pyproject\\.toml|manifest\\.in|tox\\.ini|noxfile\\.py|conftest\\.py"
                    + "|requirements([._-].*)?\\.txt|makefile|\\.gitignore|\\.gitattributes|\\.pre-commit-config\\.yaml"
                    + "|\\.travis\\.yml|\\.coveragerc|\\.editorconfig");

    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            Map<String, List<String>> byEntry = new LinkedHashMap<>();
            for (WheelMember m : w.members()) {
                String installed = installedPath(w, m.name());
                if (installed == null || installed.isEmpty()) {
                    continue;
                }
                int slash = installed.indexOf('/');
                String top = slash < 0 ? installed : installed.substring(0, slash);
                boolean folder = slash >= 0 && slash < installed.length() - 1 || (slash >= 0 && m.directory());
                boolean clutter = folder ? FOLDERS.contains(top.toLowerCase(Locale.ROOT))
                        : !m.directory() && FILES.matcher(top).matches();
                if (clutter) {
                    List<String> members = byEntry.computeIfAbsent(folder ? top + "/" : top, k -> new ArrayList<>());
                    if (!members.contains(m.name())) {
                        members.add(m.name());
                    }
                }
            }
            if (byEntry.isEmpty()) {
                continue;
            }
            List<String> entries = new ArrayList<>(byEntry.keySet());
            List<String> evidence = new ArrayList<>();
            byEntry.values().forEach(evidence::addAll);
            String first = byEntry.values().iterator().next().get(0);
            hits.add(WheelChecks.at(w, first), WheelChecks.values(w,
                    "entries", String.join(", ", WheelChecks.firstFew(entries, 5)),
                    "count", entries.size() == 1 ? "1 top-level entry" : entries.size() + " top-level entries",
                    "members", evidence.size()), evidence);
        }
    }

    /** The member's path below site-packages, or null when it installs elsewhere (metadata, scripts, headers, data). */
    static String installedPath(WheelFacts w, String member) {
        String scheme = w.scheme(member);
        if (scheme.equals("root")) {
            // a wheel without a matching dist-info still has other *.dist-info / *.data folders: not clutter
            String top = member.contains("/") ? member.substring(0, member.indexOf('/')) : member;
            return top.endsWith(".dist-info") || top.endsWith(".data") ? null : member;
        }
        if (scheme.equals("purelib") || scheme.equals("platlib")) {
            String prefix = w.dataDir() + "/" + scheme + "/";
            return member.length() > prefix.length() ? member.substring(prefix.length()) : null;
        }
        return null;
    }
}
