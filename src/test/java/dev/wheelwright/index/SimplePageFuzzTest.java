package dev.wheelwright.index;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.fuzz.FuzzWarmUp;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A project page of a simple repository from arbitrary bytes, read as {@code deps} and
 * {@code index-audit} read one: PEP 503 HTML and PEP 691 JSON through {@link SimplePageParser},
 * and a wheel's METADATA fetched whole ({@link CoreMetadata#fromWheel}). A page either gives its
 * files or is refused with an {@link IndexException}, within {@link FuzzBounds}.
 */
class SimplePageFuzzTest {
    private static final URI PAGE = URI.create("https://index.example/simple/demo/");

    static {
        FuzzWarmUp.seeds(SimplePageFuzzTest.class, "html", SimplePageFuzzTest::readHtml);
        FuzzWarmUp.seeds(SimplePageFuzzTest.class, "json", SimplePageFuzzTest::readJson);
        FuzzWarmUp.seeds(SimplePageFuzzTest.class, "wheelMetadata", SimplePageFuzzTest::readWheel);
    }

    @FuzzTest(maxDuration = "10m")
    void html(byte[] data) {
        FuzzBounds.check("HTML page of " + data.length + " bytes", data.length, () -> readHtml(data), IndexException.class);
    }

    @FuzzTest(maxDuration = "10m")
    void json(byte[] data) {
        FuzzBounds.check("JSON page of " + data.length + " bytes", data.length, () -> readJson(data), IndexException.class);
    }

    @FuzzTest(maxDuration = "10m")
    void wheelMetadata(byte[] data) {
        FuzzBounds.check("wheel of " + data.length + " bytes", data.length, () -> readWheel(data), IndexException.class);
    }

    static void readHtml(byte[] data) {
        SimplePageParser.parse("text/html", new String(data, StandardCharsets.UTF_8), PAGE, "fuzz").forEach(f -> f.toString());
    }

    static void readJson(byte[] data) {
        SimplePageParser.parse(SimplePageParser.JSON_TYPE, new String(data, StandardCharsets.UTF_8), PAGE, "fuzz").forEach(f -> f.toString());
    }

    static void readWheel(byte[] data) {
        CoreMetadata.fromWheel("demo-1.0-py3-none-any.whl", data).toString();
    }
}
