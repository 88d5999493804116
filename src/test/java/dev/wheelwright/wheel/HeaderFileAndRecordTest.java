package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderFileAndRecordTest {

    @Test
    void headersAreCaseInsensitiveMultiUseAndFolded() {
        HeaderFile h = HeaderFile.parse("Name: demo\r\nrequires-dist: a\r\nRequires-Dist: b\r\nSummary: one\r\n two\r\nnot a header\r\n\r\nbody\r\n");
        assertThat(h.all("REQUIRES-DIST")).containsExactly("a", "b");
        assertThat(h.first("summary")).contains("one\ntwo");
        assertThat(h.malformed()).containsExactly("6: not a header");
        assertThat(h.body()).isEqualTo("body\n");
        assertThat(h.first("Version")).isEmpty();
    }

    @Test
    void recordRowsFollowPythonCsvQuoting() {
        List<RecordEntry> rows = RecordParser.parse(
                "a.py,sha256=abc,12\n\"odd,name\"\"x\"\".py\",sha256=def,3\nd-1.dist-info/RECORD,,\nweird.py,sha256=g,notanumber\n");
        assertThat(rows).containsExactly(
                new RecordEntry("a.py", "sha256", "abc", 12, 1),
                new RecordEntry("odd,name\"x\".py", "sha256", "def", 3, 2),
                new RecordEntry("d-1.dist-info/RECORD", "", "", -1, 3),
                new RecordEntry("weird.py", "sha256", "g", -1, 4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "pkg/mod.py                 | -",
            "pkg/..hidden/x             | -",
            "../x.py                    | contains '..' (leaves the install folder)",
            "pkg/../../x.py             | contains '..' (leaves the install folder)",
            "/etc/passwd                | absolute path",
            "C:/Windows/x.dll           | absolute Windows path",
            "pkg\\x.py                  | contains a backslash (a folder separator on Windows)",
    })
    void unsafeMemberNames(String name, String reason) {
        assertThat(MemberNames.unsafeReason(name)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a/_x.cpython-311-darwin.so, true", "a/_x.pyd, true", "a/libz.so.1.2.13, true", "a/libfoo.dylib, true",
            "a/x.dll, true", "a/x.py, false", "a/so.txt, false", "a/x.solution, false"})
    void nativeNames(String name, boolean expected) {
        assertThat(MemberNames.looksNativeByName(name)).isEqualTo(expected);
    }
}
