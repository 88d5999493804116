package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageFinderTest {
    @TempDir
    Path tmp;
    FixtureIndex index;

    @BeforeEach
    void start() throws Exception {
        index = FixtureIndex.standard();
    }

    @AfterEach
    void stop() {
        index.close();
    }

    private HttpFetcher fetcher(boolean offline) {
        return new HttpFetcher(new HttpCache(tmp.resolve("cache"), HttpCache.DEFAULT_MAX_BYTES), offline, 3,
                Duration.ofMillis(1), Duration.ofSeconds(5));
    }

    private PackageFinder finder(HttpFetcher http) {
        return new PackageFinder(List.of(new SimpleRepository(index.simpleUrl(), http)), http);
    }

    @ParameterizedTest(name = "html only = {0}")
    @ValueSource(booleans = {false, true})
    void readsJsonAndHtmlPagesAlike(boolean htmlOnly) {
        index.htmlOnly = htmlOnly;
        ProjectPage page = finder(fetcher(false)).project("FFILib");
        assertThat(index.lastAccept.get("/simple/ffilib/")).startsWith("application/vnd.pypi.simple.v1+json");
        assertThat(page.problems()).isEmpty();
        assertThat(page.files()).hasSize(21);
        DistributionFile yanked = page.files().stream().filter(f -> f.filename().startsWith("ffilib-1.2.1-")).findFirst().orElseThrow();
        assertThat(yanked.yanked()).isTrue();
        assertThat(yanked.yankedReason()).isEqualTo("broken build");
        DistributionFile arm = page.files().stream().filter(f -> f.filename().equals("ffilib-1.2.0-cp39-cp39-macosx_11_0_arm64.whl")).findFirst().orElseThrow();
        assertThat(arm.hasMetadata()).isTrue();
        assertThat(arm.hashes()).containsKey("sha256");
        assertThat(arm.url().toString()).isEqualTo(index.simpleUrl().resolve("/files/" + arm.filename()).toString());
        assertThat(arm.yanked()).isFalse();
        DistributionFile newpy = finder(fetcher(false)).project("newpy").files().get(0);
        assertThat(newpy.requiresPython()).isEqualTo(">=3.11");
    }

    @ParameterizedTest(name = "html only = {0}")
    @ValueSource(booleans = {false, true})
    void linksOfARedirectedPageResolveAgainstWhereItWasFoundAlsoFromTheCache(boolean htmlOnly) {
        index.htmlOnly = htmlOnly;
        URI expected = index.simpleUrl().resolve("/files/ffilib-1.0.0-cp39-cp39-macosx_10_9_x86_64.whl");
        for (int run = 0; run < 2; run++) {
            HttpFetcher http = fetcher(false);
            PackageFinder finder = new PackageFinder(List.of(new SimpleRepository(index.movedUrl(), http)), http);
            ProjectPage page = finder.project("ffilib");
            assertThat(page.problems()).isEmpty();
            assertThat(page.files()).extracting(DistributionFile::url).contains(expected);
            assertThat(finder.metadata(page.files().get(0)).requiresDist()).isEmpty();
        }
        assertThat(index.notModified.get("/simple/ffilib/").get()).isEqualTo(1);
        HttpFetcher offline = fetcher(true);
        assertThat(new SimpleRepository(index.movedUrl(), offline).files("ffilib"))
                .extracting(DistributionFile::url).contains(expected);
    }

    @Test
    void metadataComesFromPep658FileOrFromTheWheel() {
        PackageFinder finder = finder(fetcher(false));
        DistributionFile ffi = finder.project("ffilib").files().get(0);
        assertThat(finder.metadata(ffi).requiresDist()).isEmpty();
        assertThat(index.requests).containsKey("/files/" + ffi.filename() + ".metadata").doesNotContainKey("/files/" + ffi.filename());

        DistributionFile pure = finder.project("purelib").files().get(0);
        assertThat(pure.hasMetadata()).isFalse();
        assertThat(finder.metadata(pure).requiresDist())
                .containsExactly("ffilib>=1.0", "winonly; sys_platform == \"win32\"");
        assertThat(index.requests).containsKey("/files/" + pure.filename());
    }

    @Test
    void revalidatesWithEtagAndWorksOfflineFromTheCache() {
        finder(fetcher(false)).project("ffilib");
        assertThat(index.requests.get("/simple/ffilib/").get()).isEqualTo(1);

        ProjectPage again = finder(fetcher(false)).project("ffilib");
        assertThat(again.files()).hasSize(21);
        assertThat(index.requests.get("/simple/ffilib/").get()).isEqualTo(2);
        assertThat(index.notModified.get("/simple/ffilib/").get()).isEqualTo(1);

        ProjectPage offline = finder(fetcher(true)).project("ffilib");
        assertThat(offline.files()).hasSize(21);
        assertThat(index.requests.get("/simple/ffilib/").get()).isEqualTo(2);

        ProjectPage miss = finder(fetcher(true)).project("newpy");
        assertThat(miss.files()).isEmpty();
        assertThat(miss.problems()).singleElement().extracting(IndexProblem::message).asString()
                .isEqualTo(index.simpleUrl() + "newpy/: not in the cache and --offline is set");
    }

    @Test
    void aDamagedCacheEntryIsAMissNotAMalformedPage() throws Exception {
        finder(fetcher(false)).project("ffilib");
        // Same size, other bytes: what a disk error or a stray edit leaves.
        try (var bodies = java.nio.file.Files.newDirectoryStream(tmp.resolve("cache"), "*.body")) {
            for (Path b : bodies) {
                java.nio.file.Files.write(b, "x".repeat((int) java.nio.file.Files.size(b)).getBytes());
            }
        }
        ProjectPage offline = finder(fetcher(true)).project("ffilib");
        assertThat(offline.problems()).singleElement().extracting(IndexProblem::message).asString()
                .endsWith("ffilib/: not in the cache and --offline is set");

        ProjectPage online = finder(fetcher(false)).project("ffilib");
        assertThat(online.problems()).isEmpty();
        assertThat(online.files()).hasSize(21);
        assertThat(index.notModified.get("/simple/ffilib/")).isNull(); // fetched whole, not revalidated
        assertThat(finder(fetcher(true)).project("ffilib").files()).hasSize(21);
    }

    @Test
    void withoutPep658MetadataIsReadWithRangeRequests() throws Exception {
        index.ranges = true;
        // A wheel whose central directory lies before the last 64 KiB: three ranges (tail, directory, member).
        byte[] padding = new byte[200_000];
        new java.util.Random(1).nextBytes(padding);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("big/__init__.py"));
            zip.write("".getBytes());
            zip.putNextEntry(new java.util.zip.ZipEntry("big-1.0.dist-info/METADATA"));
            zip.write(FixtureIndex.metadataText("big", "1.0", List.of("ffilib>=1.1"), null).getBytes());
            java.util.zip.ZipEntry blob = new java.util.zip.ZipEntry("big/blob.bin");
            blob.setMethod(java.util.zip.ZipEntry.STORED);
            blob.setSize(padding.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(padding);
            blob.setCrc(crc.getValue());
            zip.putNextEntry(blob);
            zip.write(padding);
            for (int i = 0; i < 3000; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("big/many/module_with_a_long_name_" + i + ".py"));
            }
        }
        index.wheelBytes("big", "1.0", "py3-none-any", bytes.toByteArray());

        PackageFinder finder = finder(fetcher(false));
        DistributionFile pure = finder.project("purelib").files().get(0);
        assertThat(finder.metadata(pure).requiresDist()).contains("ffilib>=1.0");
        assertThat(index.partial.get("/files/" + pure.filename()).get()).isEqualTo(2);

        DistributionFile big = finder.project("big").files().get(0);
        assertThat(finder.metadata(big).requiresDist()).containsExactly("ffilib>=1.1");
        assertThat(index.partial.get("/files/" + big.filename()).get()).isEqualTo(3);
        assertThat(index.requests.get("/files/" + big.filename()).get()).isEqualTo(3);
    }

    @Test
    void revalidatesWithLastModifiedWhenThereIsNoEtag() {
        index.lastModifiedOnly = true;
        finder(fetcher(false)).project("newpy");
        assertThat(finder(fetcher(false)).project("newpy").files()).hasSize(2);
        assertThat(index.requests.get("/simple/newpy/").get()).isEqualTo(2);
        assertThat(index.notModified.get("/simple/newpy/").get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "html only = {0}")
    @ValueSource(booleans = {false, true})
    void metadataFileMustMatchTheIndexHash(boolean htmlOnly) {
        index.htmlOnly = htmlOnly;
        DistributionFile ffi = finder(fetcher(false)).project("ffilib").files().get(0);
        assertThat(ffi.metadataHashes()).containsKey("sha256");
        index.corrupt.add(ffi.filename() + ".metadata");
        try {
            assertThatThrownBy(() -> finder(fetcher(false)).metadata(ffi)).isInstanceOf(IndexException.class)
                    .hasMessageStartingWith(ffi.metadataUrl() + ": sha256 mismatch (index says " + ffi.metadataHashes().get("sha256"));
        } finally {
            index.corrupt.remove(ffi.filename() + ".metadata");
        }
        // The bad copy was not kept: the next run fetches the good one.
        assertThat(finder(fetcher(false)).metadata(ffi).requiresDist()).isEmpty();
    }

    @Test
    void downloadedWheelMustMatchTheIndexHash() {
        index.corrupt.add("purelib-2.0-py3-none-any.whl");
        PackageFinder finder = finder(fetcher(false));
        DistributionFile pure = finder.project("purelib").files().get(0);
        assertThatThrownBy(() -> finder.metadata(pure)).isInstanceOf(IndexException.class)
                .hasMessageStartingWith(pure.url() + ": sha256 mismatch (index says ");
        // The bad copy is not kept: once the server is fixed, the next run reads the good file.
        index.corrupt.clear();
        PackageFinder again = finder(fetcher(false));
        assertThat(again.metadata(again.project("purelib").files().get(0)).requiresDist()).contains("ffilib>=1.0");
    }

    @Test
    void immutableFilesAreNotFetchedTwice() {
        PackageFinder first = finder(fetcher(false));
        first.metadata(first.project("purelib").files().get(0));
        PackageFinder second = finder(fetcher(false));
        second.metadata(second.project("purelib").files().get(0));
        assertThat(index.requests.get("/files/purelib-2.0-py3-none-any.whl").get()).isEqualTo(1);
    }

    @Test
    void retriesServerErrors() {
        index.failures.put("/simple/ffilib/", new java.util.concurrent.atomic.AtomicInteger(2));
        assertThat(finder(fetcher(false)).project("ffilib").files()).hasSize(21);
        assertThat(index.requests.get("/simple/ffilib/").get()).isEqualTo(3);

        index.failures.put("/simple/newpy/", new java.util.concurrent.atomic.AtomicInteger(5));
        ProjectPage failed = finder(fetcher(false)).project("newpy");
        assertThat(failed.problems()).singleElement().extracting(IndexProblem::message).asString()
                .isEqualTo(index.simpleUrl() + "newpy/: HTTP 500 (server error)");
        assertThat(failed.notFound()).isEmpty();
        IndexProblem p = failed.problems().get(0);
        assertThat(p.url()).isEqualTo(index.simpleUrl() + "newpy/");
        assertThat(p.source()).isEqualTo(index.simpleUrl().toString());
        assertThat(p.reason()).isEqualTo("HTTP 500 (server error)");
        assertThat(p.packages()).containsExactly("newpy");
    }

    @Test
    void unknownProjectIsEmptyAndMalformedPageIsAProblem() {
        assertThat(finder(fetcher(false)).project("nothing-here").files()).isEmpty();
        assertThat(finder(fetcher(false)).project("nothing-here").problems()).isEmpty();
        assertThat(finder(fetcher(false)).project("nothing-here").notFound()).containsExactly(index.simpleUrl() + "nothing-here/");
        index.malformed.add("newpy");
        assertThat(finder(fetcher(false)).project("newpy").problems()).singleElement().extracting(IndexProblem::message).asString()
                .startsWith(index.simpleUrl() + "newpy/: malformed JSON project page");
    }

    @Test
    void unreachableIndexIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpFetcher http = fetcher(false);
        URI dead = URI.create("http://127.0.0.1:" + port + "/simple/");
        assertThatThrownBy(() -> new SimpleRepository(dead, http).files("ffilib"))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith(dead + "ffilib/: cannot reach the index: ")
                .hasMessageEndingWith("(after 3 attempts)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void findLinksFolderMatchesFilesByName() throws Exception {
        Path links = tmp.resolve("links");
        index.writeFiles(links);
        PackageFinder finder = new PackageFinder(List.of(FindLinks.folder(links)), null);
        ProjectPage page = finder.project("Cyc_A");
        assertThat(page.files()).extracting(DistributionFile::filename).containsExactly("cyc_a-1.0-py3-none-any.whl");
        assertThat(finder.metadata(page.files().get(0)).requiresDist()).containsExactly("cyc-b");
        assertThat(finder.project("sdistonly").files()).extracting(DistributionFile::filename)
                .containsExactly("sdistonly-0.5.tar.gz");
        assertThatThrownBy(() -> FindLinks.folder(tmp.resolve("missing")))
                .hasMessage(tmp.resolve("missing") + ": --find-links folder does not exist");
    }

    @Test
    void cacheEvictsLeastRecentlyUsedBeyondItsCap() throws Exception {
        HttpCache cache = new HttpCache(tmp.resolve("small"), 3000);
        byte[] kb = new byte[1000];
        for (int i = 0; i < 5; i++) {
            cache.put("http://x/" + i, "a", new HttpCache.Entry("http://x/" + i, "t", null, null, kb));
            Thread.sleep(20);
        }
        assertThat(cache.get("http://x/0", "a")).isEmpty();
        assertThat(cache.get("http://x/4", "a")).isPresent();
        try (var files = java.nio.file.Files.list(tmp.resolve("small"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }
}
