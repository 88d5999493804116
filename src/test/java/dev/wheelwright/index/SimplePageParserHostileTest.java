package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 22: index pages with long runs of anchors and malformed links; a wheel whose member name is not UTF-8. */
class SimplePageParserHostileTest {
    private static final URI PAGE = URI.create("https://index.example/simple/demo/");
    private static final Duration QUICK = Duration.ofSeconds(5);

    @Test
    void aLongRunOfAnchorsThatNeverCloseIsLinear() {
        String page = "<a href=x " .repeat(100_000) + "<base href=y " + "<b".repeat(100_000);
        assertThat(assertTimeoutPreemptively(QUICK, () -> SimplePageParser.parseHtml(page, PAGE, "t"))).isEmpty();
    }

    @Test
    void aHundredThousandAnchorsAreEveryOneAFile() {
        StringBuilder sb = new StringBuilder("<html><body>\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("<a href=\"demo-1.").append(i).append(".tar.gz#sha256=ab\">demo-1.").append(i).append(".tar.gz</a>\n");
        }
        List<DistributionFile> files = assertTimeoutPreemptively(QUICK, () -> SimplePageParser.parseHtml(sb.toString(), PAGE, "t"));
        assertThat(files).hasSize(100_000);
        assertThat(files.get(99_999).filename()).isEqualTo("demo-1.99999.tar.gz");
        assertThat(files.get(99_999).url()).hasToString("https://index.example/simple/demo/demo-1.99999.tar.gz");
    }

    @Test
    void anchorTextWithTagsThatNeverCloseIsLinear() {
        String page = "<a href=\"/\">" + "<".repeat(200_000) + "</a>";
        List<DistributionFile> files = assertTimeoutPreemptively(QUICK, () -> SimplePageParser.parseHtml(page, PAGE, "t"));
        assertThat(files).hasSize(1);
        assertThat(files.get(0).filename()).hasSize(200_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[bad/x.whl", "http://h:99999999999/x.whl", "%zz.whl", "a b#c d", "x.whl#sha256=a#b", "\u0000x.whl",
        "//[::1]x#sha256=ab", "mailto:x#y", "#only-a-fragment", "?q#sha256=1"})
    void aMalformedLinkIsSkippedAndTheOtherFilesCount(String href) {
        String page = "<a href=\"" + href + "\">bad</a>\n<a href=\"demo-1.0.tar.gz\">demo-1.0.tar.gz</a>";
        List<DistributionFile> files = SimplePageParser.parseHtml(page, PAGE, "t");
        assertThat(files).extracting(DistributionFile::filename).contains("demo-1.0.tar.gz");
    }

    @Test
    void aMalformedBaseIsOneShortLine() {
        String page = "<base href=\"https://[" + "x".repeat(50_000) + "\"><a href=x.whl>x</a>";
        assertThatThrownBy(() -> SimplePageParser.parseHtml(page, PAGE, "t"))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith(PAGE + ": malformed link 'https://[xxx")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void aWheelWhoseMemberNameIsNotUtf8IsOneLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("demo/caf#.py"));
            zip.write("x = 1\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        byte[] wheel = out.toByteArray();
        for (int i = 0; i + 3 < wheel.length; i++) {
            if (wheel[i] == 'f' && wheel[i + 1] == '#' && wheel[i + 2] == '.') {
                wheel[i + 1] = (byte) 0xe9; // Latin-1 e-acute: not UTF-8
            }
        }
        assertThatThrownBy(() -> CoreMetadata.fromWheel("demo-1.0-py3-none-any.whl", wheel))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith("demo-1.0-py3-none-any.whl: unreadable wheel (a member name is not valid UTF-8");
    }
}
