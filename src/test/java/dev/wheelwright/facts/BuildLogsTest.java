package dev.wheelwright.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BuildLogsTest {

    /** Text longer than one transcoding buffer, with characters outside the BMP that span buffer ends. */
    static final String TEXT = ("error: café 😀 Python.h: No such file or directory\n").repeat(2000);

    @ParameterizedTest
    @CsvSource({"UTF-16LE, true", "UTF-16BE, true", "UTF-8, true", "UTF-8, false", "ISO-8859-1, false"})
    void logsAreReadAsUtf8WithoutTheirByteOrderMark(String charset, boolean bom) throws IOException {
        Charset cs = Charset.forName(charset);
        String text = charset.equals("ISO-8859-1") ? TEXT.replace("😀", "") : TEXT;
        byte[] body = ((bom ? "\uFEFF" : "") + text).getBytes(cs);
        byte[] expected = charset.equals("ISO-8859-1") ? body : text.getBytes(StandardCharsets.UTF_8);
        try (InputStream in = new BuildLogs.BytesLog("x.log", body).open()) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        try (InputStream in = new BuildLogs.StreamLog("<stdin>", new ByteArrayInputStream(body)).open()) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
    }

    @Test
    void shortAndEmptyLogs() throws IOException {
        for (String s : new String[] {"", "x", "xy", "\n"}) {
            try (InputStream in = new BuildLogs.BytesLog("x.log", s.getBytes(StandardCharsets.UTF_8)).open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(s);
            }
        }
    }

    @Test
    void aStreamIsReadOnce() throws IOException {
        BuildLogs.StreamLog log = new BuildLogs.StreamLog("<stdin>", new ByteArrayInputStream(new byte[] {'a'}));
        log.open().close();
        assertThatThrownBy(log::open).isInstanceOf(IOException.class).hasMessageContaining("<stdin>");
        assertThat(log.size()).isEqualTo(-1);
    }

    @Test
    void gzipLogsAreDecompressed() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_16LE));
        }
        try (InputStream in = new BuildLogs.BytesLog("build.log.gz", gz.toByteArray()).open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "504B0304 | logs.zip: a zip archive, not a text log (extract the log files from it first)",
            "7F454C46 | logs.zip: an ELF binary, not a text log",
            "CFFAEDFE | logs.zip: a Mach-O binary (or Java class), not a text log"})
    void archivesAndBinariesAreNotLogs(String magic, String message) {
        byte[] bytes = java.util.HexFormat.of().parseHex(magic + "00000000");
        assertThatThrownBy(() -> new BuildLogs.BytesLog("logs.zip", bytes).open())
                .isInstanceOf(dev.wheelwright.WheelwrightException.class).hasMessage(message);
    }
}
