package dev.wheelwright.wheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Zip methods other than stored and deflated (PKWARE APPNOTE 4.4.5) that a wheel may use: each
 * member is really compressed with its method (zstd-jni, the xz library, commons-compress'
 * bzip2, a raw deflate stream that is also valid deflate64), read back and checked against
 * RECORD; a method nothing here reads, or a damaged stream, is one line naming the member.
 */
class WheelReaderMethodsTest {
    @TempDir
    Path tmp;

    static final String DI = "demo-1.0.dist-info";

    /** Text with few and short repeats: its raw deflate stream never uses length code 285, so it is deflate64 too. */
    static byte[] content() {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder("import sys\n");
        for (int i = 0; i < 3000; i++) {
            sb.append((char) ('!' + r.nextInt(90)));
            if (i % 70 == 69) {
                sb.append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] compress(int method, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (method) {
            case 93 -> out.write(Zstd.compress(data, 19));
            case 95 -> {
                try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(6))) {
                    xz.write(data);
                }
            }
            case 12 -> {
                try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
                    bz.write(data);
                }
            }
            case 9 -> {
                Deflater d = new Deflater(9, true);
                d.setInput(data);
                d.finish();
                byte[] buf = new byte[8192];
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
                d.end();
            }
            case 14 -> {
                // as Python's zipfile writes it: SDK version 9.4, 5 bytes of properties, raw LZMA1 with an end marker
                LZMA2Options o = new LZMA2Options(6);
                int dict = o.getDictSize();
                out.write(new byte[] {9, 4, 5, 0, (byte) ((o.getPb() * 5 + o.getLp()) * 9 + o.getLc()),
                        (byte) dict, (byte) (dict >>> 8), (byte) (dict >>> 16), (byte) (dict >>> 24)});
                try (LZMAOutputStream lz = new LZMAOutputStream(out, o, true)) {
                    lz.write(data);
                }
            }
            default -> out.write(data);
        }
        return out.toByteArray();
    }

    /** A wheel whose {@code demo/data.py} is stored with {@code method}, RECORD and METADATA deflated. */
    Path wheelWith(int method, byte[] data, byte[] stored) throws IOException {
        Path p = tmp.resolve("demo-1.0-py3-none-any.whl");
        String md = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";
        String wheel = "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n";
        String record = WheelWriter.recordRow("demo/data.py", data) + "\n"
                + WheelWriter.recordRow(DI + "/METADATA", md.getBytes(StandardCharsets.UTF_8)) + "\n"
                + WheelWriter.recordRow(DI + "/WHEEL", wheel.getBytes(StandardCharsets.UTF_8)) + "\n"
                + DI + "/RECORD,,\n";
        try (OutputStream os = Files.newOutputStream(p); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(os)) {
            ZipArchiveEntry raw = new ZipArchiveEntry("demo/data.py");
            raw.setMethod(method);
            raw.setSize(data.length);
            raw.setCompressedSize(stored.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            raw.setCrc(crc.getValue());
            if (method == OwnCodecs.LZMA) {
                raw.setRawFlag(2); // general-purpose bit 1: the stream ends with an end marker
            }
            zip.addRawArchiveEntry(raw, new ByteArrayInputStream(stored));
            for (String[] t : List.of(new String[] {DI + "/METADATA", md}, new String[] {DI + "/WHEEL", wheel},
                    new String[] {DI + "/RECORD", record})) {
                ZipArchiveEntry e = new ZipArchiveEntry(t[0]);
                zip.putArchiveEntry(e);
                zip.write(t[1].getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return p;
    }

    @ParameterizedTest(name = "method {0}")
    @ValueSource(ints = {9, 12, 14, 93, 95})
    void membersOfEveryMethodAWheelMayUseAreReadAndMatchRecord(int method) throws IOException {
        byte[] data = content();
        byte[] stored = compress(method, data);
        assertThat(stored).isNotEqualTo(data);
        WheelFacts w = new WheelReader().read(wheelWith(method, data, stored), "demo.whl");
        assertThat(w.member("demo/data.py").orElseThrow().sha256()).isEqualTo(WheelWriter.sha256(data));
        assertThat(w.member("demo/data.py").orElseThrow().size()).isEqualTo(data.length);
        assertThat(w.recordIssues()).isEmpty();
        assertThat(w.metadata().first("Name")).contains("demo");
    }

    @Test
    void zstdMemberMadeByTheZstdToolIsRead() throws Exception {
        dev.wheelwright.ToolProbe.assumeProgram("zstd");
        byte[] data = content();
        Path in = tmp.resolve("data.py");
        Files.write(in, data);
        Process p = new ProcessBuilder("zstd", "-q", "-19", "-f", in.toString(), "-o", tmp.resolve("data.py.zst").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        byte[] stored = Files.readAllBytes(tmp.resolve("data.py.zst"));
        WheelFacts w = new WheelReader().read(wheelWith(93, data, stored), "demo.whl");
        assertThat(w.member("demo/data.py").orElseThrow().sha256()).isEqualTo(WheelWriter.sha256(data));
        assertThat(w.recordIssues()).isEmpty();
    }

    @ParameterizedTest(name = "method {0}")
    @ValueSource(ints = {12, 14, 93, 95})
    void aDamagedStreamIsOneLineNamingTheMember(int method) throws IOException {
        byte[] data = content();
        byte[] stored = compress(method, data);
        for (int i = stored.length / 3; i < stored.length / 3 + 40; i++) {
            stored[i] ^= 0x5a;
        }
        Path w = wheelWith(method, data, stored);
        assertThatThrownBy(() -> new WheelReader().read(w, "demo.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessageStartingWith("demo.whl: member demo/data.py ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
    }

    @Test
    void aMethodNothingHereReadsIsOneLineNamingTheMethod() throws IOException {
        byte[] data = content();
        Path w = wheelWith(98, data, data);
        assertThatThrownBy(() -> new WheelReader().read(w, "demo.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessage("demo.whl: member demo/data.py uses compression method 98 (PPMd), which wheelwright cannot read");
    }

    @Test
    void anLzmaDictionaryOverTheLimitIsRefusedBeforeItIsAllocated() throws IOException {
        byte[] data = content();
        byte[] stored = compress(14, data);
        stored[8] = 0x7f; // dictionary size 2 GiB
        Path w = wheelWith(14, data, stored);
        assertThatThrownBy(() -> new WheelReader().read(w, "demo.whl"))
                .isInstanceOf(WheelException.class)
                .hasMessageContaining("LZMA dictionary of");
    }
}
