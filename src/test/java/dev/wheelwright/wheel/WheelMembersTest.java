package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
