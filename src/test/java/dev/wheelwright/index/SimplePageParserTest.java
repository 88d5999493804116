package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimplePageParserTest {
    private static final URI PAGE = URI.create("https://example.org/simple/demo/");

    @Test
    void htmlAnchorsWithDataAttributes() {
        String html = """
                <!DOCTYPE html><html><head><base href="https://files.example.org/root/"></head><body>
                <a href="demo-1.0.tar.gz#sha256=abc" data-requires-python="&gt;=3.8,&lt;4">demo-1.0.tar.gz</a><br>
                <A HREF='../x/demo-1.0-py3-none-any.whl' data-yanked data-core-metadata="sha256=def">demo-1.0-py3-none-any.whl</A>
                <a href="demo-0.9-py3-none-any.whl" data-yanked="bad &amp; broken" data-dist-info-metadata="true"></a>
                <a>no href</a>
                </body></html>
                """;
        List<DistributionFile> files = SimplePageParser.parseHtml(html, PAGE, "src");
        assertThat(files).hasSize(3);
        DistributionFile sdist = files.get(0);
        assertThat(sdist.url()).isEqualTo(URI.create("https://files.example.org/root/demo-1.0.tar.gz"));
        assertThat(sdist.hashes()).containsEntry("sha256", "abc");
        assertThat(sdist.requiresPython()).isEqualTo(">=3.8,<4");
        assertThat(sdist.yanked()).isFalse();
        assertThat(sdist.hasMetadata()).isFalse();
        DistributionFile wheel = files.get(1);
        assertThat(wheel.url()).isEqualTo(URI.create("https://files.example.org/x/demo-1.0-py3-none-any.whl"));
        assertThat(wheel.yanked()).isTrue();
        assertThat(wheel.yankedReason()).isNull();
        assertThat(wheel.hasMetadata()).isTrue();
        assertThat(wheel.metadataUrl()).isEqualTo(URI.create("https://files.example.org/x/demo-1.0-py3-none-any.whl.metadata"));
        assertThat(files.get(2).filename()).isEqualTo("demo-0.9-py3-none-any.whl");
        assertThat(files.get(2).yankedReason()).isEqualTo("bad & broken");
    }

    @Test
    void bareAttributeValuesMayHoldEqualsSignsAndEntities() {
        // Hand-made pages: unquoted values run to the next space, as html.parser (pip) reads them.
        String html = """
                <HTML><HEAD><BASE HREF=/files/></HEAD><BODY>
                <A HREF=demo-1.0-py3-none-any.whl?a=1&amp;b=2#sha256=abc123 DATA-REQUIRES-PYTHON=&gt;=3.8 data-yanked>demo-1.0-py3-none-any.whl</A>
                <a href=demo-2.0.tar.gz#md5=ff data-dist-info-metadata=sha256=0a>demo-2.0.tar.gz</a>
                </BODY></HTML>
                """;
        List<DistributionFile> files = SimplePageParser.parseHtml(html, PAGE, "src");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).url()).isEqualTo(URI.create("https://example.org/files/demo-1.0-py3-none-any.whl?a=1&b=2"));
        assertThat(files.get(0).hashes()).containsEntry("sha256", "abc123");
        assertThat(files.get(0).requiresPython()).isEqualTo(">=3.8");
        assertThat(files.get(0).yanked()).isTrue();
        assertThat(files.get(1).url()).isEqualTo(URI.create("https://example.org/files/demo-2.0.tar.gz"));
        assertThat(files.get(1).hashes()).containsEntry("md5", "ff");
        assertThat(files.get(1).hasMetadata()).isTrue();
    }

    @Test
    void filesAreNamedByTheirUrlAsPipNamesThemAndUnclosedAnchorsCount() {
        // An Apache directory listing used as --find-links: shortened texts, an unclosed anchor, a bad link.
        String html = """
                <pre><a href="?C=N;O=D">Name</a>
                <a href="demo-1.0-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl">demo-1.0-cp39-cp39-manyl..&gt;</a> 2024-01-01
                <a href="demo-1.0.tar.gz">demo-1.0.tar.gz
                <a href="bad|link">x</a>
                <a href="sub%20dir/demo-0.9.tar.gz">old</a>
                </pre>
                """;
        List<DistributionFile> files = SimplePageParser.parseHtml(html, PAGE, "src");
        assertThat(files).extracting(DistributionFile::filename).containsExactly("Name",
                "demo-1.0-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "demo-1.0.tar.gz", "demo-0.9.tar.gz");
        assertThat(files.get(1).wheel()).isPresent();
        assertThat(files.get(2).url()).isEqualTo(URI.create("https://example.org/simple/demo/demo-1.0.tar.gz"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/plain                                  | https://example.org/simple/demo/: not a project page (Content-Type text/plain;
            application/octet-stream                    | https://example.org/simple/demo/: not a project page (Content-Type application/octet-stream;
            """)
    void aPageOfAnotherContentTypeIsNotAProjectPage(String type, String message) {
        assertThatThrownBy(() -> SimplePageParser.parse(type, "<a href='demo-1.0.tar.gz'>demo-1.0.tar.gz</a>", PAGE, "src"))
                .isInstanceOf(IndexException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/html; charset=utf-8                    | <a href='demo-1.0.tar.gz'>demo-1.0.tar.gz</a>
            application/vnd.pypi.simple.v1+html         | <a href='demo-1.0.tar.gz'>demo-1.0.tar.gz</a>
            APPLICATION/VND.PYPI.SIMPLE.V1+JSON         | {"files": [{"filename": "demo-1.0.tar.gz", "url": "demo-1.0.tar.gz"}]}
            application/json                            | {"files": [{"filename": "demo-1.0.tar.gz", "url": "demo-1.0.tar.gz"}]}
            ''                                          | {"files": [{"filename": "demo-1.0.tar.gz", "url": "demo-1.0.tar.gz"}]}
            ''                                          | <a href='demo-1.0.tar.gz'>demo-1.0.tar.gz</a>
            """)
    void projectPageTypesAreReadByTheirContentType(String type, String body) {
        assertThat(SimplePageParser.parse(type, body, PAGE, "src")).singleElement()
                .satisfies(f -> assertThat(f.url()).isEqualTo(URI.create("https://example.org/simple/demo/demo-1.0.tar.gz")));
    }

    @Test
    void aGarbagePageIsQuotedShortly() {
        assertThatThrownBy(() -> SimplePageParser.parseJson("x".repeat(5000), PAGE, "src"))
                .isInstanceOf(IndexException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void jsonFiles() {
        String json = """
                {"meta": {"api-version": "1.1"}, "name": "demo", "files": [
                  {"filename": "demo-1.0-py3-none-any.whl", "url": "/files/demo-1.0-py3-none-any.whl",
                   "hashes": {"sha256": "abc"}, "requires-python": ">=3.9", "yanked": "oops",
                   "dist-info-metadata": {"sha256": "x"}},
                  {"filename": "demo-1.0.tar.gz", "url": "https://cdn.example/demo-1.0.tar.gz", "hashes": {},
                   "yanked": false, "core-metadata": false}]}
                """;
        List<DistributionFile> files = SimplePageParser.parse("application/vnd.pypi.simple.v1+json", json, PAGE, "src");
        assertThat(files.get(0).url()).isEqualTo(URI.create("https://example.org/files/demo-1.0-py3-none-any.whl"));
        assertThat(files.get(0).requiresPython()).isEqualTo(">=3.9");
        assertThat(files.get(0).yankedReason()).isEqualTo("oops");
        assertThat(files.get(0).hasMetadata()).isTrue();
        assertThat(files.get(1).yanked()).isFalse();
        assertThat(files.get(1).hasMetadata()).isFalse();
        assertThat(files.get(1).nameVersion().orElseThrow().version().toString()).isEqualTo("1.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                   | https://example.org/simple/demo/: malformed JSON project page (
            []                                         | https://example.org/simple/demo/: malformed JSON project page (not an object)
            {"meta": {"api-version": "2.0"}, "files": []} | https://example.org/simple/demo/: unsupported simple API version 2.0
            {"name": "demo"}                           | https://example.org/simple/demo/: malformed JSON project page (no "files" list)
            {"files": [{"url": "x"}]}                  | https://example.org/simple/demo/: malformed JSON project page (a file without filename or url)
            """)
    void malformedJsonNamesThePage(String body, String message) {
        assertThatThrownBy(() -> SimplePageParser.parseJson(body, PAGE, "src"))
                .isInstanceOf(IndexException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Foo_Bar-1.0.tar.gz          | foo-bar       | 1.0
            my-pkg-name-2.0rc1.zip      | my-pkg-name   | 2.0rc1
            foo_bar-1.0-py3-none-any.whl| foo-bar       | 1.0
            """)
    void namesAndVersionsOfFiles(String filename, String name, String version) {
        DistributionFile f = new DistributionFile(filename, URI.create("https://x/" + filename), java.util.Map.of(), null,
                false, null, false, "src");
        assertThat(f.nameVersion().orElseThrow().name()).isEqualTo(name);
        assertThat(f.nameVersion().orElseThrow().version().toString()).isEqualTo(version);
    }
}
