package dev.wheelwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wheelwright.cli.Main;
import dev.wheelwright.wheel.WheelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium (Debian's {@code chromium}) loads the
 * page doctor wrote for a project, a build log and a wheelhouse, and the test checks what a reader
 * sees: findings grouped by subject, all of them without JavaScript, and filters that hide and show
 * them by severity and rule with it. Screenshots stay under {@code target/html-report/}.
 */
class HtmlReportBrowserTest {
    static final Path SHOTS = Path.of("target", "html-report");

    /** Counts the findings a reader can see (laid out, not hidden). */
    static final String VISIBLE = "Array.from(document.querySelectorAll('article.finding')).filter(f => f.offsetParent !== null)";

    @TempDir
    Path tmp;

    Path report() throws Exception {
        Path house = Files.createDirectories(tmp.resolve("wheelhouse"));
        String di = "demo-1.0.dist-info";
        // a plain linux_x86_64 tag (an error for an index) and a compiled .pyc (a warning)
        WheelWriter.write(house.resolve("demo-1.0-cp312-cp312-linux_x86_64.whl"), List.of(
                new WheelWriter.Entry("demo/_ext.cpython-312-x86_64-linux-gnu.so",
                        Files.readAllBytes(Path.of("testdata/wheels/elf/ext-x86_64.so")), 0755),
                new WheelWriter.Entry("demo/__pycache__/util.cpython-312.pyc", new byte[] {(byte) 0xcb, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0}, 0644),
                WheelWriter.Entry.text("demo/util.py", "X = 1\n"),
                WheelWriter.Entry.text(di + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                WheelWriter.Entry.text(di + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: cp312-cp312-linux_x86_64\n\n")),
                di);
        // an arm64 macOS wheel whose binary is unsigned: a finding about one binary slice
        WheelWriter.write(house.resolve("demo-1.0-cp312-cp312-macosx_11_0_arm64.whl"), List.of(
                new WheelWriter.Entry("demo/_ext.cpython-312-darwin.so",
                        Files.readAllBytes(Path.of("testdata/wheels/macho/ext-arm64-unsigned.so")), 0755),
                WheelWriter.Entry.text(di + "/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                WheelWriter.Entry.text(di + "/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: cp312-cp312-macosx_11_0_arm64\n\n")),
                di);
        Path html = tmp.resolve("report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"doctor", "testdata/projects/legacy-cffi", "--log", "testdata/logs/recorded/pip23-sys-compiler-missing.log",
                "--wheelhouse", house.toString(), "--html", html.toString(), "--no-color"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        return html;
    }

    @Test
    void filtersHideAndShowFindingsAndWithoutJavaScriptAllAreShown() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium): the HTML report is not checked in a browser");
        Path html = report();
        String page = Files.readString(html);
        assertThat(page).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=");
        String url = html.toUri().toString();
        try (Chromium browser = new Chromium(chromium.get(), Files.createDirectories(tmp.resolve("profile")), 1280, 1600)) {
            browser.open(url);
            int total = browser.eval("document.querySelectorAll('article.finding').length").asInt();
            int errors = browser.eval("document.querySelectorAll('article.finding[data-filter=error]').length").asInt();
            assertThat(total).isGreaterThan(errors).isGreaterThanOrEqualTo(5);
            assertThat(errors).isPositive();
            // grouped by subject: the project's files, the log, the wheel and the binary inside it
            JsonNode kinds = browser.eval("Array.from(new Set(Array.from(document.querySelectorAll('section.subject'))"
                    + ".map(s => s.getAttribute('data-kind'))))");
            assertThat(kinds.toString()).contains("\"project file\"", "\"log\"", "\"wheel\"", "\"binary\"");
            assertThat(browser.eval("document.getElementById('filters').offsetParent !== null").asBoolean()).isTrue();
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(total);
            assertThat(browser.eval("document.getElementById('shown').textContent").asText()).isEqualTo(total + " of " + total + " findings shown");

            // untick "error": the errors go, the rest stay
            browser.eval("document.querySelector('#filters input[value=error]').click()");
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(total - errors);
            assertThat(browser.eval(VISIBLE + ".filter(f => f.getAttribute('data-filter') === 'error').length").asInt()).isZero();
            browser.screenshot(SHOTS.resolve("doctor-without-errors.png"), false);

            // tick it again, and pick one rule: only its findings are shown, and groups without one disappear
            browser.eval("document.querySelector('#filters input[value=error]').click()");
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(total);
            String rule = browser.eval("document.querySelector('article.finding[data-filter=error]').getAttribute('data-rule')").asText();
            int ofRule = browser.eval("document.querySelectorAll('article.finding[data-rule=\"" + rule + "\"]').length").asInt();
            browser.eval("(() => { const s = document.getElementById('rule-filter'); s.value = '" + rule + "';"
                    + " s.dispatchEvent(new Event('change', {bubbles: true})); })()");
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(ofRule);
            assertThat(browser.eval(VISIBLE + ".every(f => f.getAttribute('data-rule') === '" + rule + "')").asBoolean()).isTrue();
            assertThat(browser.eval("Array.from(document.querySelectorAll('section.subject')).filter(s => s.offsetParent !== null).length")
                    .asInt()).isLessThan(browser.eval("document.querySelectorAll('section.subject').length").asInt());
            // a finding's link leads to its rule's explanation and fix on the same page
            assertThat(browser.eval("(() => { const a = document.querySelector('article.finding a[href^=\"#rule-\"]');"
                    + " const t = document.getElementById(a.getAttribute('href').slice(1)); return t !== null && t.querySelector('.fix') !== null; })()")
                    .asBoolean()).isTrue();
            browser.eval("(() => { const s = document.getElementById('rule-filter'); s.value = '';"
                    + " s.dispatchEvent(new Event('change', {bubbles: true})); })()");
            browser.screenshot(SHOTS.resolve("doctor.png"));
            browser.eval("window.scrollTo(0, 0)");
            browser.screenshot(SHOTS.resolve("doctor-top.png"), false);
            browser.eval("document.querySelector('section.subject[data-kind=binary]').scrollIntoView()");
            browser.screenshot(SHOTS.resolve("doctor-binary.png"), false);

            // without JavaScript: every finding is shown and the (inert) filter bar is not
            browser.scripts(false);
            browser.open(url);
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(total);
            assertThat(browser.eval("document.getElementById('filters').offsetParent === null").asBoolean()).isTrue();
            browser.screenshot(SHOTS.resolve("doctor-no-javascript.png"), false);
        }
        assertThat(SHOTS.resolve("doctor.png")).isNotEmptyFile();
    }
}
