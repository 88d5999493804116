package dev.wheelwright.rules.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineNormalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            // style => raw (\e = ESC, \r = CR) => normalised
            "plain => error: x => error: x",
            "ansi colour => \\e[31mERROR:\\e[0m Failed => ERROR: Failed",
            "ansi bold+colour => \\e[1;31merror\\e[39;49m\\e[0m: thing => error: thing",
            "ansi erase line => \\e[2K\\e[1Gbuilding => building",
            "osc hyperlink => \\e]8;;https://x\\e\\link\\e]8;;\\e\\ text => link text",
            "progress overwrite => 10%\\r50%\\r100% done => 100% done",
            "trailing CR => text\\r => text",
            "github timestamp => 2024-01-02T03:04:05.1234567Z error: x => error: x",
            "github timestamp no fraction => 2024-01-02T03:04:05Z  indented => ` indented`",
            "github group => 2024-01-02T03:04:05.1234567Z ##[group]Run pip install . => Run pip install .",
            "github error marker => ##[error]Process completed with exit code 1. => Process completed with exit code 1.",
            "gitlab section start => section_start:1700000000:build_script\\r\\e[0KBuilding wheel => Building wheel",
            "gitlab section marker alone => section_start:1700000000:step_script[collapsed=true]Running => Running",
            "gitlab section end => section_end:1700000000:build_script\\r\\e[0K => ``",
            "buildkit step => #12 3.456 Collecting cffi => Collecting cffi",
            "buildkit inside github => 2024-01-02T03:04:05.1Z #7 12.001 error: x => error: x",
            "buildkit heading kept => #12 [build 3/4] RUN pip install . => #12 [build 3/4] RUN pip install .",
            "markdown quote => > FileExistsError: x => FileExistsError: x",
            "nested quote => > > error: y => error: y",
            "not a timestamp => 2024-01-02 03:04:05 error => 2024-01-02 03:04:05 error",
            "gitlab timestamp and stream => 2024-05-21T10:41:37.581325Z 00O   Building wheel => `  Building wheel`",
            "gitlab stderr continuation => 2024-05-21T10:41:37.581325Z 01E+error: x => error: x",
            "jenkins bracketed timestamp => [2024-01-02T03:04:05.123Z] error: x => error: x",
            "jenkins bracketed and quoted => [2024-01-02T03:04:05Z] > error: y => error: y",
            "bracket not a timestamp => [2024-01-02T03:04:05.123] x => [2024-01-02T03:04:05.123] x",
    })
    void normalises(String style, String raw, String expected) {
        String line = raw.replace("\\e", "\u001B").replace("\\r", "\r");
        assertThat(LineNormalizer.normalize(line)).isEqualTo(expected);
    }

    static final String[] PIECES = {
            "2024-01-02T03:04:05.1234567Z ", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.Z ", "2024-01-02T03:04:05.12X ",
            "2024-1-02T03:04:05Z ", "##[group]", "##[endgroup]", "##[grou]", "#12 3.456 ", "#12 3. ", "#x 1.2 ", "# 1.2 ",
            "section_start:1700000000:build_script", "section_end:17:a.b-c", "section_start::x", "section_end:1:",
            "[collapsed=true]", "[open", "00O ", "01E+", "12X ", "00O", "[2024-01-02T03:04:05.12Z] ", "[2024-01-02T03:04:05Z]",
            "[2024-01-02T03:04:05Z", "[2024-01-02T03:04:05.Z] ", "> ", ">", ">>", "s", "#", "é", "日本", "\u2003", " ", "\t", "error: x", "T", "-", "0", ":",
    };

    /** Lines without escapes or CR lose only a prefix; the byte-level prefix finder agrees with normalize() on it. */
    @Test
    void bytePrefixEndAgreesWithNormalize() {
        Random rnd = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + rnd.nextInt(5);
            for (int j = 0; j < parts; j++) {
                sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            String line = sb.toString();
            byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
            int to = b.length - 2;
            int p = LineNormalizer.prefixEnd(b, 2, to);
            assertThat(new String(b, p, to - p, StandardCharsets.UTF_8)).as(line).isEqualTo(LineNormalizer.normalize(line));
            // the scanner asks before it knows the line's end: the lines after it (a ']' there too) change nothing
            byte[] c = ("xx" + line + (rnd.nextBoolean() ? "\n" : "\r\n") + PIECES[rnd.nextInt(PIECES.length)] + "]" + line + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(LineNormalizer.prefixEnd(c, 2, c.length)).as(line).isEqualTo(p);
        }
    }

    /** Every byte of a timestamp's date and time counts: one character off anywhere and the line keeps it. */
    @Test
    void everyPlaceOfTheTimestampIsChecked() {
        String stamp = "2024-01-02T03:04:05.1234567Z ";
        String[] others = {"/", ":", "-", "T", "a", " ", "\u0000", "\u007f", "é", "\u0660", "9", "0"};
        int tried = 0;
        for (int at = 0; at < 19; at++) {
            for (String o : others) {
                String line = stamp.substring(0, at) + o + stamp.substring(at + 1) + "Collecting numpy";
                byte[] b = ("xx" + line + "\n").getBytes(StandardCharsets.UTF_8);
                int to = b.length - 1;
                int p = LineNormalizer.prefixEnd(b, 2, to);
                assertThat(new String(b, p, to - p, StandardCharsets.UTF_8)).as(line).isEqualTo(LineNormalizer.normalize(line));
                tried += p == 2 ? 1 : 0;
            }
        }
        // (a digit for a digit, or a separator for itself, keeps the timestamp; everything else drops it)
        assertThat(tried).isEqualTo(19 * others.length - 14 * 2 - 5);
    }
}
