package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large binaries are parsed from the ranges their headers need, never held whole: with tiny
 * thresholds, real ELF, Mach-O (fat) and PE files from testdata go through the partial path
 * (head, tail, then refetches of the windows the parser opens) and give exactly the facts a
 * whole read gives.
 */
class WheelReaderPartialTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"elf/ext-x86_64-glibc234.so", "elf/ext-x86_64-two-libs.so", "elf/tool-x86_64",
            "macho/ext-universal2-libffi.so", "macho/ext-arm64-rpath.so", "pe/ext-amd64.pyd",
            "elf/ext-x86_64-full-api.so", "elf/ext-x86_64-uses-wrapper.so", "pe/ext-amd64-abi3-mixed.pyd"})
    void partialReadGivesTheSameFactsAsAWholeRead(String binary) throws IOException {
        Path file = Path.of("testdata/wheels").resolve(binary);
        byte[] bytes = Files.readAllBytes(file);
        String member = "demo/" + file.getFileName();
        List<WheelWriter.Entry> entries = new ArrayList<>(WheelReaderTest.goodEntries());
        entries.add(new WheelWriter.Entry(member, bytes, 0755));
        entries.add(WheelWriter.Entry.text(WheelReaderTest.DI + "/RECORD", WheelWriter.record(entries, WheelReaderTest.DI + "/RECORD")));
        Path wheel = tmp.resolve("demo-1.0-cp311-cp311-linux_x86_64.whl");
        WheelWriter.write(wheel, entries);

        WheelFacts whole = new WheelReader().read(wheel);
        WheelFacts partial = new WheelReader().partialThresholds(2048, 1024, 512).read(wheel);

        assertThat(bytes.length).isGreaterThan(2048);
        assertThat(whole.binaries()).hasSize(1);
        assertThat(partial.invalidBinaries()).isEmpty();
        assertThat(partial.binaries()).isEqualTo(whole.binaries());
        assertThat(partial.recordIssues()).isEqualTo(whole.recordIssues()).isEmpty();
    }
}
