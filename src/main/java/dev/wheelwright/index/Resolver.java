package dev.wheelwright.index;

import dev.wheelwright.WheelwrightException;
import dev.wheelwright.index.DepNode.Kind;
import dev.wheelwright.index.DepNode.Status;
import dev.wheelwright.spec.Tag;
import dev.wheelwright.spec.Version;
import dev.wheelwright.spec.WheelFilename;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks, per target, the version and file pip would install for each requirement, and follows
 * Requires-Dist transitively with markers evaluated for that target.
 *
 * <p>This is deliberately not a backtracking resolver: requirements are visited breadth first
 * (top-level ones before their dependencies) and the first requirement met for a name decides
 * its version (as pip's legacy resolver did); a later requirement on the same name is
 * shown as a repeat and flagged when the chosen version does not satisfy it. Choice per name:
 * the newest version allowed by the specifiers (PEP 440 pre-release rules: pre-releases only
 * when the specifier names one or nothing else fits; PEP 592: yanked files only when pinned with
 * {@code ==}; Requires-Python must admit the target's Python) that has a compatible wheel or an
 * sdist; then the wheel whose tag comes first in the target's tag order, else the sdist.
 */
public final class Resolver {
    /** Guards against pathological depth; real trees are far shallower. */
    private static final int MAX_DEPTH = 64;

    private final PackageFinder finder;
    /** Problems met during one {@link #resolve} call, by URL and reason (pages are shared by all targets). */
    private final Map<String, ProblemBuilder> problems = new LinkedHashMap<>();

    /** pip's {@code --pre}: pre-releases are candidates for every requirement. */
    private boolean allowPre;

    public Resolver(PackageFinder finder) {
        this.finder = finder;
    }

    /** As pip's {@code --pre}: include pre-release and development versions for every requirement. */
    public Resolver allowPrereleases(boolean pre) {
        this.allowPre = pre;
        return this;
    }

    /** A top-level requirement and whether it is needed to build or to run. */
    public record Root(String requirement, Kind kind) {}

    /**
     * Resolves every root for every target.
     *
     * @throws IndexException when a root requirement is not a valid PEP 508 requirement
     */
    public DependencyReport resolve(String subject, List<Root> roots, List<Target> targets) {
        List<Pep508.Req> parsed = new ArrayList<>();
        for (Root r : roots) {
            parsed.add(Pep508.requirement(r.requirement()));
        }
        problems.clear();
        List<DependencyReport.TargetTree> trees = new ArrayList<>();
        for (Target t : targets) {
            TargetRun run = new TargetRun(t);
            List<DepNode> nodes = run.resolve(parsed, roots.stream().map(Root::kind).toList());
            trees.add(new DependencyReport.TargetTree(t, nodes));
        }
        List<String> sources = finder.sources().stream().map(PackageSource::describe).toList();
        List<IndexProblem> found = problems.values().stream()
                .map(b -> new IndexProblem(b.first.kind(), b.first.url(), b.first.source(), b.first.reason(), List.copyOf(b.packages)))
                .toList();
        return new DependencyReport(subject, sources, trees, found, null);
    }

    /** One failing URL and reason, and every dependency that needed it. */
    private static final class ProblemBuilder {
        final IndexProblem first;
        final LinkedHashSet<String> packages = new LinkedHashSet<>();

        ProblemBuilder(IndexProblem first) {
            this.first = first;
        }
    }


    private void record(IndexProblem p, String pkg) {
        problems.computeIfAbsent(p.url() + "\n" + p.reason(), k -> new ProblemBuilder(p)).packages.add(pkg);
    }

    /** The version and file picked for one name on one target. */
    private record Choice(Version version, Status status, DistributionFile file, String tag,
            boolean missing, String firstWheelVersion, String note, List<DistributionFile> sameVersion) {}

    private final class TargetRun {
        private final Target target;
        private final Map<String, String> env;
        private final Map<Tag, Integer> priority = new HashMap<>();
        private final Version python;
        private final Map<String, Choice> chosen = new HashMap<>();
        /** The extras whose dependencies were followed, per chosen name. */
        private final Map<String, java.util.Set<String>> followedExtras = new HashMap<>();

        TargetRun(Target target) {
            this.target = target;
            this.env = target.markerEnvironment();
            List<Tag> tags = target.tags();
            for (int i = 0; i < tags.size(); i++) {
                priority.putIfAbsent(tags.get(i), i);
            }
            this.python = Version.parse(env.get("python_full_version"));
        }

        /**
         * Resolves the roots breadth first, as pip's legacy resolver did: every top-level
         * requirement is decided before any dependency, then each level in turn, so a user's
         * own pin wins over what a dependency asks for.
         */
        List<DepNode> resolve(List<Pep508.Req> reqs, List<Kind> kinds) {
            ArrayDeque<Pending> queue = new ArrayDeque<>();
            List<Building> roots = new ArrayList<>();
            for (int i = 0; i < reqs.size(); i++) {
                if (Pep508.markerHolds(reqs.get(i).marker(), env)) {
                    Building b = new Building();
                    roots.add(b);
                    queue.add(new Pending(reqs.get(i), kinds.get(i), 0, b));
                }
            }
            while (!queue.isEmpty()) {
                Pending p = queue.poll();
                visit(p, queue);
            }
            return roots.stream().map(Building::build).toList();
        }

        /** A node whose children are still being found. */
        private static final class Building {
            DepNode node;
            final List<Building> children = new ArrayList<>();

            DepNode build() {
                List<DepNode> kids = children.stream().map(Building::build).toList();
                DepNode n = node;
                return new DepNode(n.name(), n.requirement(), n.kind(), n.version(), n.status(), n.file(), n.tag(),
                        n.missingForTarget(), n.firstWheelVersion(), n.note(), n.repeated(), kids);
            }
        }

        private record Pending(Pep508.Req req, Kind kind, int depth, Building into) {}

        private void visit(Pending p, ArrayDeque<Pending> queue) {
            Pep508.Req req = p.req();
            Kind kind = p.kind();
            String name = req.normalizedName();
            // The build environment and the runtime environment are separate installs.
            String key = kind + ":" + name;
            Choice known = chosen.get(key);
            if (known != null) {
                String note = null;
                if (known.version() != null && !Pep508.contains(req.specifierSet(), known.version(), true)) {
                    note = "conflict: " + known.version() + " was chosen earlier but this needs " + req.specifier();
                }
                // pip installs the union of the extras asked for: extras new here bring their own dependencies.
                java.util.Set<String> done = followedExtras.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>());
                List<String> added = req.extras().stream().filter(x -> !done.contains(x)).toList();
                if (!added.isEmpty()) {
                    note = join(note, follow(known, req, added, List.copyOf(done), p, queue));
                    done.addAll(added);
                }
                p.into().node = new DepNode(name, req.text(), kind, str(known.version()), known.status(),
                        fileName(known.file()), known.tag(), known.missing(), known.firstWheelVersion(), note, true, List.of());
                return;
            }
            Choice c = choose(req);
            chosen.put(key, c);
            followedExtras.put(key, new java.util.LinkedHashSet<>(req.extras()));
            String note = join(c.note(), follow(c, req, req.extras(), null, p, queue));
            p.into().node = new DepNode(name, req.text(), kind, str(c.version()), c.status(), fileName(c.file()), c.tag(),
                    c.missing(), c.firstWheelVersion(), note, false, List.of());
        }

        /**
         * Queues the dependencies of a chosen release: with {@code before} null, those that apply
         * with no extra or with one of {@code extras}; otherwise only those that {@code extras}
         * add to what {@code before} (and no extra) already brought.
         *
         * @return a note for the node, or null
         */
        private String follow(Choice c, Pep508.Req req, List<String> extras, List<String> before, Pending p,
                ArrayDeque<Pending> queue) {
            String name = req.normalizedName();
            Kind kind = p.kind();
            String note = null;
            if (p.depth() < MAX_DEPTH && (c.status() == Status.WHEEL || c.status() == Status.SDIST_ONLY)) {
                try {
                    Optional<DistributionFile> source = metadataSource(c);
                    if (source.isEmpty()) {
                        note = join(note, c.file() == null ? null : "dependencies unknown: only an sdist, which would have to be built");
                    } else {
                        if (c.status() == Status.SDIST_ONLY && before == null) {
                            note = join(note, "dependencies read from " + source.get().filename());
                        }
                        for (String dep : finder.metadata(source.get()).requiresDist()) {
                            Pep508.Req d;
                            try {
                                d = Pep508.requirement(dep);
                            } catch (WheelwrightException e) {
                                note = join(note, source.get().filename() + ": " + e.getMessage());
                                continue;
                            }
                            if (before == null ? applies(d, extras) : applies(d, extras) && !applies(d, before)) {
                                Building child = new Building();
                                p.into().children.add(child);
                                queue.add(new Pending(d, kind, p.depth() + 1, child));
                            }
                        }
                    }
                } catch (IndexException e) {
                    note = join(note, "dependencies unknown: " + e.getMessage());
                    String source = c.file() != null && c.file().source() != null ? c.file().source() : "metadata";
                    record(IndexProblem.of(IndexProblem.Kind.METADATA, e.getMessage(), source, name), name);
                }
            }
            return note;
        }

        /** PEP 508: a dependency applies when its marker holds with no extra or with one of the extras asked for. */
        private boolean applies(Pep508.Req dep, List<String> extras) {
            Map<String, String> e = new HashMap<>(env);
            e.put("extra", "");
            if (Pep508.markerHolds(dep.marker(), e)) {
                return true;
            }
            for (String x : extras) {
                e.put("extra", x);
                if (Pep508.markerHolds(dep.marker(), e)) {
                    return true;
                }
            }
            return false;
        }

        private Optional<DistributionFile> metadataSource(Choice c) {
            if (c.file() != null && c.file().isWheel()) {
                return Optional.of(c.file());
            }
            // Core metadata is the same in every wheel of a version: read it from any of them.
            return c.sameVersion().stream().filter(DistributionFile::isWheel).findFirst();
        }

        private Choice choose(Pep508.Req req) {
            if (req.url() != null) {
                return direct(req);
            }
            ProjectPage page = finder.project(req.normalizedName());
            // pip skips a source it cannot read and goes on with the others; the problem is still reported.
            page.problems().forEach(p -> record(p, req.normalizedName()));
            if (page.files().isEmpty()) {
                String note = !page.problems().isEmpty() ? page.problems().get(0).message()
                        : "not found in any index" + (page.notFound().isEmpty() ? ""
                                : " (looked at " + String.join(", ", page.notFound()) + ")");
                return new Choice(null, page.problems().isEmpty() ? Status.NO_MATCH : Status.ERROR, null, null, false, null,
                        note, List.of());
            }
            TreeMap<Version, List<DistributionFile>> byVersion = new TreeMap<>();
            for (DistributionFile f : page.files()) {
                f.nameVersion().filter(nv -> nv.name().equals(req.normalizedName()))
                        .ifPresent(nv -> byVersion.computeIfAbsent(nv.version(), k -> new ArrayList<>()).add(f));
            }
            boolean pinned = req.pinned();
            int matchingSpec = 0;
            Version newestMatching = null;
            int yankedOnly = 0;
            int pythonExcluded = 0;
            // pip decides on pre-releases (packaging's SpecifierSet.filter) before it drops yanked
            // files: a matching final release that is only yanked still keeps pre-releases out.
            boolean finalInstallable = false;
            List<Choice> candidates = new ArrayList<>();
            for (Map.Entry<Version, List<DistributionFile>> e : byVersion.descendingMap().entrySet()) {
                Version v = e.getKey();
                if (!Pep508.contains(req.specifierSet(), v, true)) {
                    continue;
                }
                matchingSpec++;
                if (newestMatching == null) {
                    newestMatching = v;
                }
                List<DistributionFile> usable = new ArrayList<>();
                boolean anyUnyanked = false;
                boolean anyPythonOk = false;
                for (DistributionFile f : e.getValue()) {
                    if (!v.isPrerelease() && pythonAllows(f.requiresPython()) && installsHere(f)) {
                        finalInstallable = true;
                    }
                    if (f.yanked() && !pinned) {
                        continue;
                    }
                    anyUnyanked = true;
                    if (!pythonAllows(f.requiresPython())) {
                        continue;
                    }
                    anyPythonOk = true;
                    usable.add(f);
                }
                if (!anyUnyanked) {
                    yankedOnly++;
                    continue;
                }
                if (!anyPythonOk) {
                    pythonExcluded++;
                    continue;
                }
                Choice c = pick(v, usable, e.getValue());
                if (c != null) {
                    candidates.add(c);
                }
            }
            // PEP 440 "Handling of pre-releases": only when asked for, or when nothing else fits.
            boolean pre = allowPre || Pep508.allowsPrereleases(req.specifierSet());
            List<Choice> finals = candidates.stream().filter(c -> !c.version().isPrerelease()).toList();
            List<Choice> pool = pre || !finalInstallable ? candidates : finals;
            if (!pool.isEmpty()) {
                Choice best = pool.get(0);
                if (best.status() == Status.SDIST_ONLY) {
                    String first = firstWheelAfter(byVersion, best.version(), pinned);
                    return new Choice(best.version(), best.status(), best.file(), null, true, first,
                            join("no wheel for " + target.platform(), best.note()), best.sameVersion());
                }
                return best;
            }
            String why;
            String first = null;
            if (!candidates.isEmpty()) {
                why = "every matching final release is yanked, and pre-release " + candidates.get(0).version()
                        + " is taken only when asked for (e.g. '>=" + candidates.get(0).version() + "')";
            } else if (matchingSpec == 0) {
                why = "no version matches " + (req.specifier().isEmpty() ? "" : "'" + req.specifier() + "' ")
                        + "(available: " + available(byVersion) + ")";
            } else if (yankedOnly == matchingSpec) {
                why = "every matching version is yanked";
            } else if (pythonExcluded > 0 && candidates.isEmpty()) {
                why = "Requires-Python excludes Python " + target.python()
                        + (pythonExcluded < matchingSpec ? "; other versions have no file for " + target.platform() : "");
            } else {
                why = "no wheel for " + target.platform() + " and no sdist";
                // Only here is the target the reason; a newer version may still fit it.
                first = firstWheelAfter(byVersion, newestMatching, false);
            }
            boolean platform = first != null || why.startsWith("no wheel for");
            return new Choice(platform ? newestMatching : null, Status.NO_MATCH, null, null, platform, first, why, List.of());
        }

        /** A wheel with a tag the target accepts, or an sdist: a file pip would consider here. */
        private boolean installsHere(DistributionFile f) {
            return f.wheel().map(w -> w.tags().stream().anyMatch(priority::containsKey)).orElse(f.isSdist());
        }

        /** The best file of one version: the wheel with the most preferred compatible tag, else an sdist. */
        private Choice pick(Version v, List<DistributionFile> usable, List<DistributionFile> all) {
            DistributionFile bestWheel = null;
            Tag bestTag = null;
            int bestPri = Integer.MAX_VALUE;
            DistributionFile sdist = null;
            for (DistributionFile f : usable) {
                Optional<WheelFilename> w = f.wheel();
                if (w.isPresent()) {
                    for (Tag t : w.get().tags()) {
                        Integer p = priority.get(t);
                        if (p != null && p < bestPri) {
                            bestPri = p;
                            bestWheel = f;
                            bestTag = t;
                        }
                    }
                } else if (f.isSdist() && sdist == null) {
                    sdist = f;
                }
            }
            if (bestWheel != null) {
                return new Choice(v, Status.WHEEL, bestWheel, bestTag.toString(), false, null, yankedNote(bestWheel), all);
            }
            if (sdist != null) {
                return new Choice(v, Status.SDIST_ONLY, sdist, null, true, null, yankedNote(sdist), all);
            }
            return null;
        }

        /** The first version after {@code after} (or any, when null) with a usable compatible wheel. */
        private String firstWheelAfter(TreeMap<Version, List<DistributionFile>> byVersion, Version after, boolean pinned) {
            boolean allowPre = after != null && after.isPrerelease();
            for (Map.Entry<Version, List<DistributionFile>> e : byVersion.entrySet()) {
                Version v = e.getKey();
                if ((after != null && v.compareTo(after) <= 0) || (v.isPrerelease() && !allowPre)) {
                    continue;
                }
                for (DistributionFile f : e.getValue()) {
                    if (f.yanked() || !pythonAllows(f.requiresPython())) {
                        continue;
                    }
                    if (f.wheel().map(w -> w.tags().stream().anyMatch(priority::containsKey)).orElse(false)) {
                        return v.toString();
                    }
                }
            }
            return null;
        }

        private Choice direct(Pep508.Req req) {
            String last = req.url().substring(req.url().lastIndexOf('/') + 1);
            try {
                WheelFilename w = WheelFilename.parse(last);
                Optional<Tag> tag = w.tags().stream().filter(priority::containsKey)
                        .min((a, b) -> priority.get(a) - priority.get(b));
                if (tag.isPresent()) {
                    return new Choice(w.version(), Status.WHEEL, null, tag.get().toString(), false, null,
                            "direct URL " + req.url(), List.of());
                }
                return new Choice(w.version(), Status.NO_MATCH, null, null, true, null,
                        "direct URL wheel " + last + " does not install on " + target.platform(), List.of());
            } catch (RuntimeException e) {
                return new Choice(null, Status.SDIST_ONLY, null, null, false, null,
                        "direct URL " + req.url() + " (not a wheel: built from source)", List.of());
            }
        }

        private boolean pythonAllows(String requiresPython) {
            return Pep508.requiresPythonAllows(requiresPython, python);
        }
    }

    /** pip warns when it installs a yanked file (PEP 592: "with the reason, if one was given"). */
    private static String yankedNote(DistributionFile f) {
        return !f.yanked() ? null : "yanked" + (f.yankedReason() != null ? ": " + f.yankedReason() : "");
    }

    private static String available(TreeMap<Version, List<DistributionFile>> byVersion) {
        List<String> vs = byVersion.descendingKeySet().stream().limit(5).map(Version::toString).toList();
        return vs.isEmpty() ? "none" : String.join(", ", vs) + (byVersion.size() > 5 ? ", ..." : "");
    }

    private static String str(Version v) {
        return v == null ? null : v.toString();
    }

    private static String fileName(DistributionFile f) {
        return f == null ? null : f.filename();
    }

    private static String join(String a, String b) {
        return b == null ? a : a == null ? b : a + "; " + b;
    }
}
