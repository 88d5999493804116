package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wheelwright.index.DepNode.Kind;
import dev.wheelwright.index.DepNode.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolverTest {
    static FixtureIndex index;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        index = FixtureIndex.standard();
    }

    @AfterAll
    static void stop() {
        index.close();
    }

    private static DependencyReport resolve(List<String> reqs, String platform, String python) {
        HttpFetcher http = new HttpFetcher(new HttpCache(tmp.resolve("cache"), HttpCache.DEFAULT_MAX_BYTES), false, 1,
                Duration.ofMillis(1), Duration.ofSeconds(5));
        PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(index.simpleUrl(), http)), http);
        List<Resolver.Root> roots = reqs.stream().map(r -> new Resolver.Root(r, Kind.RUNTIME)).toList();
        return new Resolver(finder).resolve("test", roots, List.of(new Target(platform, python, "cp")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ffilib            | macosx_11_0_arm64     | 3.9  | 1.2.0    | WHEEL      | cp39-cp39-macosx_11_0_arm64    |
            ffilib<1.2        | macosx_11_0_arm64     | 3.9  | 1.1.0    | SDIST_ONLY |                                | 1.2.0
            ffilib<1.2        | macosx_11_0_x86_64    | 3.9  | 1.1.0    | WHEEL      | cp39-cp39-macosx_10_9_x86_64   |
            ffilib==1.2.1     | macosx_11_0_arm64     | 3.9  | 1.2.1    | WHEEL      | cp39-cp39-macosx_11_0_arm64    |
            ffilib>=1.2.1     | macosx_11_0_arm64     | 3.9  |          | NO_MATCH   |                                |
            ffilib>=1.2.1     | win_amd64             | 3.9  |          | NO_MATCH   |                                |
            ffilib>=1,==1.2.1 | macosx_11_0_arm64     | 3.9  | 1.2.1    | WHEEL      | cp39-cp39-macosx_11_0_arm64    |
            ffilib>=1.2.1,<1.3.0rc1 | macosx_11_0_arm64 | 3.9 |         | NO_MATCH   |                                |
            ffilib>=1.3.0rc1  | manylinux_2_28_aarch64| 3.9  | 1.3.0rc1 | WHEEL      | cp39-cp39-manylinux_2_17_aarch64 |
            ffilib            | macosx_11_0_arm64     | 3.12 | 1.2.0    | SDIST_ONLY |                                |
            ffilib>=5         | macosx_11_0_arm64     | 3.9  |          | NO_MATCH   |                                |
            newpy             | macosx_11_0_arm64     | 3.9  | 1.0      | WHEEL      | py3-none-any                   |
            newpy             | macosx_11_0_arm64     | 3.12 | 2.0      | WHEEL      | py3-none-any                   |
            newpy>=2          | macosx_11_0_arm64     | 3.9  |          | NO_MATCH   |                                |
            winonly           | manylinux_2_17_x86_64 | 3.9  | 1.0      | NO_MATCH   |                                |
            armlater<2        | macosx_11_0_arm64     | 3.9  | 1.0      | NO_MATCH   |                                | 2.0
            armlater          | macosx_11_0_arm64     | 3.9  | 2.0      | WHEEL      | py3-none-macosx_11_0_arm64     |
            winonly           | win_amd64             | 3.9  | 1.0      | WHEEL      | py3-none-win_amd64             |
            sdistonly         | win_amd64             | 3.9  | 0.5      | SDIST_ONLY |                                |
            not-there         | win_amd64             | 3.9  |          | NO_MATCH   |                                |
            """)
    void picksWhatPipWould(String req, String platform, String python, String version, Status status, String tag,
            String firstWheel) {
        DepNode n = resolve(List.of(req), platform, python).trees().get(0).roots().get(0);
        assertThat(n.version()).isEqualTo(version);
        assertThat(n.status()).isEqualTo(status);
        assertThat(n.tag()).isEqualTo(tag);
        assertThat(n.firstWheelVersion()).isEqualTo(firstWheel);
        assertThat(n.missingForTarget()).isEqualTo(status == Status.SDIST_ONLY || (status == Status.NO_MATCH && version != null));
    }

    @Test
    void noMatchSaysWhy() {
        assertThat(resolve(List.of("newpy>=2"), "win_amd64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("Requires-Python excludes Python 3.9");
        assertThat(resolve(List.of("ffilib>=5"), "win_amd64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("no version matches '>=5' (available: 1.3.0rc1, 1.2.1, 1.2.0, 1.1.0, 1.0.0)");
        assertThat(resolve(List.of("winonly"), "macosx_11_0_arm64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("no wheel for macosx_11_0_arm64 and no sdist");
    }

    @Test
    void followsRequiresDistWithMarkersPerTarget() {
        DepNode mac = resolve(List.of("purelib"), "macosx_11_0_arm64", "3.9").trees().get(0).roots().get(0);
        assertThat(mac.children()).extracting(DepNode::name).containsExactly("ffilib");
        assertThat(mac.children().get(0).tag()).isEqualTo("cp39-cp39-macosx_11_0_arm64");

        DepNode win = resolve(List.of("purelib"), "win_amd64", "3.9").trees().get(0).roots().get(0);
        assertThat(win.children()).extracting(DepNode::name).containsExactly("ffilib", "winonly");
        assertThat(win.children()).extracting(DepNode::status).containsExactly(Status.SDIST_ONLY, Status.WHEEL);
        // ffilib has no Windows wheel; its dependencies are read from another wheel of that version.
        assertThat(win.children().get(0).note()).startsWith("no wheel for win_amd64; dependencies read from ffilib-1.2.0-");
    }

    @Test
    void yankedReleasesAreTakenOnlyWhenPinnedAndSaySo() {
        // pip: a matching final release keeps pre-releases out even when it is yanked (the
        // pre-release test comes first), and a yanked file is used only when pinned with ==.
        assertThat(resolve(List.of("ffilib>=1.2.1"), "macosx_11_0_arm64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("every matching final release is yanked, and pre-release 1.3.0rc1 is taken only when asked for"
                        + " (e.g. '>=1.3.0rc1')");
        assertThat(resolve(List.of("ffilib==1.2.1"), "macosx_11_0_arm64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("yanked: broken build");
        assertThat(resolve(List.of("ffilib==1.2.1"), "win_amd64", "3.9").trees().get(0).roots().get(0).note())
                .startsWith("no wheel for win_amd64; yanked: broken build");
        assertThat(resolve(List.of("ffilib>=1.2.1,<1.3.0rc1"), "win_amd64", "3.9").trees().get(0).roots().get(0).note())
                .isEqualTo("every matching version is yanked");
    }

    @Test
    void preAsPipPreTakesPreReleasesForEveryRequirement() {
        HttpFetcher http = new HttpFetcher(new HttpCache(tmp.resolve("cache"), HttpCache.DEFAULT_MAX_BYTES), false, 1,
                Duration.ofMillis(1), Duration.ofSeconds(5));
        PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(index.simpleUrl(), http)), http);
        DependencyReport r = new Resolver(finder).allowPrereleases(true).resolve("t",
                List.of(new Resolver.Root("ffilib", Kind.RUNTIME)), List.of(new Target("macosx_11_0_arm64", "3.9", "cp")));
        assertThat(r.trees().get(0).roots().get(0).version()).isEqualTo("1.3.0rc1");
    }

    @Test
    void extrasAskedForLaterBringTheirDependencies() {
        // pip installs xtra with the union of the extras asked for: [win] from xuser adds winonly.
        List<DepNode> roots = resolve(List.of("xtra", "xuser"), "win_amd64", "3.9").trees().get(0).roots();
        assertThat(roots.get(0).children()).isEmpty();
        DepNode again = roots.get(1).children().get(0);
        assertThat(again.requirement()).isEqualTo("xtra[win]");
        assertThat(again.repeated()).isTrue();
        assertThat(again.children()).extracting(DepNode::name).containsExactly("winonly");
        // Asked for again with no new extra: nothing more.
        List<DepNode> twice = resolve(List.of("xtra[win]", "xuser"), "win_amd64", "3.9").trees().get(0).roots();
        assertThat(twice.get(0).children()).extracting(DepNode::name).containsExactly("winonly");
        assertThat(twice.get(1).children().get(0).children()).isEmpty();
        assertThat(resolve(List.of("xtra[win]", "xtra[new,win]"), "win_amd64", "3.9").trees().get(0).roots().get(1).children())
                .extracting(DepNode::name).containsExactly("newpy");
    }

    @Test
    void cyclesEndInARepeat() {
        DepNode a = resolve(List.of("cyc-a"), "win_amd64", "3.9").trees().get(0).roots().get(0);
        assertThat(a.children()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("cyc-b");
            assertThat(b.children()).singleElement().satisfies(again -> {
                assertThat(again.name()).isEqualTo("cyc-a");
                assertThat(again.repeated()).isTrue();
                assertThat(again.children()).isEmpty();
            });
        });
    }

    @Test
    void laterConflictingRequirementIsFlagged() {
        List<DepNode> roots = resolve(List.of("ffilib", "ffilib<1.1"), "win_amd64", "3.9").trees().get(0).roots();
        assertThat(roots.get(1).repeated()).isTrue();
        assertThat(roots.get(1).note()).isEqualTo("conflict: 1.2.0 was chosen earlier but this needs <1.1");
    }

    @Test
    void matrixHasOneRowPerNameAndACellPerTarget() {
        HttpFetcher http = new HttpFetcher(null, false, 1, Duration.ofMillis(1), Duration.ofSeconds(5));
        PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(index.simpleUrl(), http)), http);
        DependencyReport r = new Resolver(finder).resolve("t", List.of(new Resolver.Root("purelib", Kind.RUNTIME)),
                List.of(new Target("macosx_11_0_arm64", "3.9", "cp"), new Target("win_amd64", "3.9", "cp")));
        assertThat(r.names()).containsExactly("purelib", "ffilib", "winonly");
        assertThat(r.matrix().get("winonly")).containsOnlyKeys("cp39-win_amd64");
        assertThat(r.matrix().get("ffilib").get("cp39-macosx_11_0_arm64").status()).isEqualTo(Status.WHEEL);
    }

    @Test
    void problemsAreCollectedOncePerUrlWithEveryPackageThatNeededIt() throws Exception {
        try (FixtureIndex ix = new FixtureIndex()) {
            ix.wheel("parent", "1.0", "py3-none-any", List.of("child", "broken"), null, null, true);
            ix.wheel("child", "1.0", "py3-none-any", List.of(), null, null, true);
            ix.wheel("broken", "1.0", "py3-none-any", List.of(), null, null, true);
            ix.wheel("nometa", "1.0", "py3-none-any", List.of("child"), null, null, true);
            ix.failPage("broken");
            ix.failMetadata("nometa");
            HttpFetcher http = new HttpFetcher(null, false, 1, Duration.ofMillis(1), Duration.ofSeconds(5));
            PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(ix.simpleUrl(), http)), http);
            DependencyReport r = new Resolver(finder).resolve("test",
                    List.of(new Resolver.Root("parent", Kind.RUNTIME), new Resolver.Root("broken", Kind.BUILD),
                            new Resolver.Root("nometa", Kind.RUNTIME)),
                    List.of(new Target("win_amd64", "3.12", "cp"), new Target("macosx_11_0_arm64", "3.12", "cp")));
            assertThat(r.problems()).hasSize(2);
            IndexProblem page = r.problems().get(0);
            assertThat(page.kind()).isEqualTo(IndexProblem.Kind.PAGE);
            assertThat(page.message()).isEqualTo(ix.simpleUrl() + "broken/: HTTP 500 (server error)");
            assertThat(page.source()).isEqualTo(ix.simpleUrl().toString());
            assertThat(page.packages()).containsExactly("broken");
            IndexProblem meta = r.problems().get(1);
            assertThat(meta.kind()).isEqualTo(IndexProblem.Kind.METADATA);
            assertThat(meta.url()).endsWith("/files/nometa-1.0-py3-none-any.whl.metadata");
            assertThat(meta.packages()).containsExactly("nometa");
            DependencyReport.TargetTree tree = r.trees().get(0);
            assertThat(tree.find("broken").orElseThrow().status()).isEqualTo(Status.ERROR);
            assertThat(tree.find("nometa").orElseThrow().children()).isEmpty();
            assertThat(tree.nodes()).extracting(DepNode::name).containsExactly("parent", "child", "broken", "broken", "nometa");
        }
    }
}
