package dev.wheelwright.binary.elf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BuiltinTable;
import dev.wheelwright.binary.ElfSlice.VersionNeed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The manylinux policies (PEP 513, 571, 599, 600) as data: which system libraries a wheel may
 * link against and which symbol versions those libraries may be asked for, per policy and arch,
 * as auditwheel's policy file lists them (the table names its source; it is written by
 * {@code scripts/make-manylinux-policy-table.py}). Loaded from
 * {@code /rules/tables/manylinux-policy.json} and validated at load: a broken table names the field.
 */
public final class ManylinuxPolicies {
    /** Where the built-in table lives on the classpath (packed into the jar from {@code rules/}). */
    public static final String RESOURCE = "/rules/tables/manylinux-policy.json";

    /**
     * One policy.
     *
     * @param name           the PEP 600 name, e.g. manylinux_2_17
     * @param aliases        legacy names, e.g. manylinux2014
     * @param glibc          the glibc version it stands for, e.g. "2.17"
     * @param libraries      sonames a wheel may expect on the system (plus the arch's loader)
     * @param symbolVersions per arch the policy is defined for, per family (GLIBC, GLIBCXX, CXXABI,
     *                       GCC, ZLIB, LIBATOMIC), every version the family provides there (the part
     *                       after {@code FAMILY_}); an empty set allows none
     */
    public record Policy(String name, List<String> aliases, String glibc, Set<String> libraries,
                         Map<String, Map<String, Set<String>>> symbolVersions) {
        public Policy {
            aliases = List.copyOf(aliases);
            libraries = Set.copyOf(libraries);
            symbolVersions = Map.copyOf(symbolVersions);
        }

        /** Archs the policy is defined for. */
        public Set<String> archs() {
            return symbolVersions.keySet();
        }

        /**
         * The newest numeric version of a family on an arch ("3.4.19" for GLIBCXX under
         * manylinux2014), "" when the family allows none, null when the policy does not judge it.
         */
        public String newest(String family, String arch) {
            Set<String> versions = symbolVersions.getOrDefault(arch, Map.of()).get(family);
            if (versions == null) {
                return null;
            }
            String best = "";
            int[] bestParsed = null;
            for (String v : versions) {
                int[] p = SymbolVersion.parse(v);
                if (p != null && (bestParsed == null || SymbolVersion.compare(p, bestParsed) > 0)) {
                    best = v;
                    bestParsed = p;
                }
            }
            return best;
        }
    }

    /** Why a binary falls outside a policy. */
    public sealed interface Violation permits LibraryNotAllowed, SymbolVersionTooNew, ArchNotCovered {
        String describe();
    }

    public record LibraryNotAllowed(String library) implements Violation {
        public String describe() {
            return library + " is not a library the policy allows";
        }
    }

    /** A version the policy's systems lack; {@code allowed} is the family's newest there (null: none). */
    public record SymbolVersionTooNew(String library, String version, String allowed) implements Violation {
        public String describe() {
            return library + " " + version + " is newer than the policy allows"
                    + (allowed == null ? "" : " (" + allowed + ")");
        }

        /** The family of the version: GLIBCXX for GLIBCXX_3.4.22. */
        public String family() {
            int cut = version.indexOf('_');
            return cut < 0 ? version : version.substring(0, cut);
        }
    }

    public record ArchNotCovered(String arch) implements Violation {
        public String describe() {
            return "the policy is not defined for " + arch;
        }
    }

    private static volatile ManylinuxPolicies builtin;

    private final List<Policy> policies;
    private final Map<String, String> loaders;
    private final String source;

    ManylinuxPolicies(List<Policy> policies, Map<String, String> loaders, String source) {
        this.policies = List.copyOf(policies);
        this.loaders = Map.copyOf(loaders);
        this.source = source;
    }

    /** The table shipped with wheelwright, loaded once. */
    public static ManylinuxPolicies builtin() {
        ManylinuxPolicies p = builtin;
        if (p == null) {
            p = parse(RESOURCE, BuiltinTable.bytes(ManylinuxPolicies.class, RESOURCE));
            builtin = p;
        }
        return p;
    }

    /** Where the table's data comes from (the auditwheel version it was written from). */
    public String source() {
        return source;
    }

    /** Parses and validates a table; {@code source} names it in errors. */
    public static ManylinuxPolicies parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new BinaryFormatException(source + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BinaryFormatException(source + ": the top level must be an object");
        }
        String from = text(source, "source", root.get("source"));
        Map<String, String> loaders = new LinkedHashMap<>();
        JsonNode l = root.get("loaders");
        if (l == null || !l.isObject()) {
            throw new BinaryFormatException(source + ": field 'loaders' must be an object of arch to loader soname");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            loaders.put(e.getKey(), text(source, "loaders." + e.getKey(), e.getValue()));
        }
        JsonNode ps = root.get("policies");
        if (ps == null || !ps.isArray() || ps.isEmpty()) {
            throw new BinaryFormatException(source + ": field 'policies' must be a non-empty array");
        }
        List<Policy> out = new ArrayList<>();
        int[] previous = null;
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String at = "policies[" + i + "]";
            if (!p.isObject()) {
                throw new BinaryFormatException(source + ": " + at + " must be an object");
            }
            String name = text(source, at + ".name", p.get("name"));
            if (!name.matches("manylinux_\\d+_\\d+")) {
                throw new BinaryFormatException(source + ": " + at + ".name '" + name + "' is not a manylinux_x_y name");
            }
            String glibc = text(source, at + ".glibc", p.get("glibc"));
            int[] g = SymbolVersion.parse(glibc);
            if (g == null || !name.equals("manylinux_" + g[0] + "_" + (g.length > 1 ? g[1] : 0))) {
                throw new BinaryFormatException(source + ": " + at + ".glibc '" + glibc + "' does not match name " + name);
            }
            if (previous != null && SymbolVersion.compare(g, previous) <= 0) {
                throw new BinaryFormatException(source + ": " + at + ".glibc must be newer than the policy before it");
            }
            previous = g;
            JsonNode sv = p.get("symbolVersions");
            if (sv == null || !sv.isObject() || sv.isEmpty()) {
                throw new BinaryFormatException(source + ": " + at + ".symbolVersions must be a non-empty object of arch to families");
            }
            Map<String, Map<String, Set<String>>> perArch = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sv.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = at + ".symbolVersions." + e.getKey();
                if (!loaders.containsKey(e.getKey())) {
                    throw new BinaryFormatException(source + ": " + field + " names an arch without a loader in 'loaders'");
                }
                if (!e.getValue().isObject()) {
                    throw new BinaryFormatException(source + ": " + field + " must be an object of family to versions");
                }
                Map<String, Set<String>> families = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
                    Map.Entry<String, JsonNode> fam = f.next();
                    String ff = field + "." + fam.getKey();
                    if (!fam.getKey().matches("[A-Z][A-Z0-9]*")) {
                        throw new BinaryFormatException(source + ": " + ff + " is not a family name (upper case, no '_')");
                    }
                    families.put(fam.getKey(), Set.copyOf(strings(source, ff, fam.getValue(), true)));
                }
                Set<String> libc = families.get("GLIBC");
                if (libc == null) {
                    throw new BinaryFormatException(source + ": " + field + ".GLIBC must list the glibc versions");
                }
                // CentOS 7 on aarch64 has GLIBC_2.18 under manylinux2014 (the list need not stop at the
                // name), and newer glibcs have GLIBC_ABI_DT_RELR: any names, as long as versions are among them
                if (libc.stream().noneMatch(v -> SymbolVersion.parse(v) != null)) {
                    throw new BinaryFormatException(source + ": " + field + ".GLIBC lists no dotted version");
                }
                perArch.put(e.getKey(), families);
            }
            out.add(new Policy(name, strings(source, at + ".aliases", p.get("aliases"), true), glibc,
                    new LinkedHashSet<>(strings(source, at + ".libraries", p.get("libraries"), false)), perArch));
        }
        return new ManylinuxPolicies(out, loaders, from);
    }

    private static String text(String source, String field, JsonNode n) {
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new BinaryFormatException(source + ": field '" + field + "' must be a non-empty string");
        }
        return n.asText();
    }

    private static List<String> strings(String source, String field, JsonNode n, boolean mayBeEmpty) {
        if (n == null || !n.isArray() || (!mayBeEmpty && n.isEmpty())) {
            throw new BinaryFormatException(source + ": field '" + field + "' must be a"
                    + (mayBeEmpty ? "n" : " non-empty") + " array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(text(source, field + "[" + i + "]", n.get(i)));
        }
        return out;
    }

    /** All policies, oldest (most compatible) first. */
    public List<Policy> policies() {
        return policies;
    }

    /** A policy by its PEP 600 name or legacy alias ("manylinux_2_17", "manylinux2014"). */
    public Optional<Policy> byName(String name) {
        return policies.stream().filter(p -> p.name.equals(name) || p.aliases.contains(name)).findFirst();
    }

    /**
     * The glibc version a manylinux tag stands for, for any PEP 600 name (also ones not in the
     * table, e.g. manylinux_2_40) and the legacy aliases; empty for anything else.
     */
    public Optional<String> glibcFor(String tag) {
        Optional<Policy> p = byName(tag);
        if (p.isPresent()) {
            return Optional.of(p.get().glibc);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("manylinux_(\\d{1,4})_(\\d{1,4})").matcher(tag);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)))
                : Optional.empty();
    }

    /** Libraries a policy allows on an arch (its list plus the arch's dynamic loader); empty if not defined there. */
    public Set<String> allowedLibraries(String policy, String arch) {
        Policy p = byName(policy).orElse(null);
        if (p == null || !p.archs().contains(arch)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>(p.libraries);
        if (loaders.containsKey(arch)) {
            out.add(loaders.get(arch));
        }
        return Set.copyOf(out);
    }

    /**
     * Everything that keeps a binary out of a policy: libraries outside the policy's list, and
     * symbol versions required from allowed libraries that the policy's systems lack. As
     * auditwheel judges them, a version's family is the part before its first '_'
     * ({@code GLIBCXX_3.4.21} → GLIBCXX, {@code CXXABI_TM_1} → CXXABI); a family the policy does
     * not list is not judged; any other version must be one the policy lists for the family on
     * that arch. Versions required from the dynamic loader are not judged (auditwheel skips it),
     * nor those required from libraries outside the list: those libraries travel with the wheel.
     */
    public List<Violation> check(Policy policy, String arch, List<String> needed, List<VersionNeed> needs) {
        List<Violation> out = new ArrayList<>();
        Map<String, Set<String>> families = policy.symbolVersions.get(arch);
        if (families == null) {
            out.add(new ArchNotCovered(arch));
            return out;
        }
        String loader = loaders.get(arch);
        for (String lib : needed) {
            if (!policy.libraries.contains(lib) && !lib.equals(loader)) {
                out.add(new LibraryNotAllowed(lib));
            }
        }
        for (VersionNeed n : needs) {
            if (!policy.libraries.contains(n.library())) {
                continue;
            }
            int cut = n.version().indexOf('_');
            if (cut <= 0) {
                continue; // not a family_version name (e.g. a library's own base version)
            }
            String family = n.version().substring(0, cut);
            Set<String> allowed = families.get(family);
            if (allowed == null || allowed.contains(n.version().substring(cut + 1))) {
                continue;
            }
            String newest = policy.newest(family, arch);
            out.add(new SymbolVersionTooNew(n.library(), n.version(), newest.isEmpty() ? null : family + "_" + newest));
        }
        return out;
    }

    /** The oldest (most widely installable) policy the binary satisfies, as auditwheel reports it. */
    public Optional<Policy> mostCompatible(String arch, List<String> needed, List<VersionNeed> needs) {
        for (Policy p : policies) {
            if (p.archs().contains(arch) && check(p, arch, needed, needs).isEmpty()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
