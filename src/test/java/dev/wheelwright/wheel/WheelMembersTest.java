package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WheelMembersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '\'', value = {
        // RECORD line ; cells joined by '|'
        "pkg/a.py,sha256=abc,12;pkg/a.py|sha256=abc|12",
        "pkg-1.0.dist-info/RECORD,,;pkg-1.0.dist-info/RECORD||",
        "\"pkg/a,b.py\",sha256=x,3;pkg/a,b.py|sha256=x|3",
        "\"pkg/say \"\"hi\"\".txt\",sha256=y,1;pkg/say \"hi\".txt|sha256=y|1",
    })
    void recordLinesSplitLikePythonsCsvModule(String line, String cells) {
        assertThat(String.join("|", WheelMembers.csv(line))).isEqualTo(cells);
        assertThat(WheelMembers.csv(line)).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"''"})
    void anEmptyLineIsOneEmptyCell(String line) {
        assertThat(WheelMembers.csv(line)).isEqualTo(List.of(""));
    }

    /** RECORD digests in hex vouch for the members as well as base64 ones; a wrong digest still stops the read. */
    @Test
    void hexDigestsThatMatchAreAcceptedAndWrongOnesAreNot() throws Exception {
        byte[] data = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        Map<String, WheelMembers.Member> members = new LinkedHashMap<>();
        members.put("demo/util.py", new WheelMembers.Member(data, 0644));
        members.put("demo-1.0.dist-info/RECORD", new WheelMembers.Member(
                ("demo/util.py,sha256=" + hex + ",6\ndemo-1.0.dist-info/RECORD,,\n").getBytes(StandardCharsets.UTF_8), 0644));
        assertThatCode(() -> WheelMembers.verifyRecord(Path.of("demo.whl"), members, "demo-1.0.dist-info")).doesNotThrowAnyException();
        members.put("demo/util.py", new WheelMembers.Member("x = 2\n".getBytes(StandardCharsets.UTF_8), 0644));
        assertThatThrownBy(() -> WheelMembers.verifyRecord(Path.of("demo.whl"), members, "demo-1.0.dist-info"))
                .hasMessage("demo.whl: member 'demo/util.py' does not match its RECORD hash (changed after the wheel was built)");
    }
}
