package dev.wheelwright.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.BinaryInfo;
import dev.wheelwright.binary.MachOSlice;
import dev.wheelwright.repair.RepairFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load commands rewritten and arm64 slices signed anew, on clang/lld-made binaries, checked by LLVM's tools and our verifier. */
class MachOPatcherTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void fixtures() throws Exception {
        RepairFixtures.tool("clang-14");
        RepairFixtures.tool("ld64.lld");
        RepairFixtures.tool("llvm-lipo");
        RepairFixtures.run("bash", Path.of("scripts/make-repair-macho-fixtures.sh").toAbsolutePath().toString(), tmp.toString());
    }

    static final MachOPatcher.Edit TO_DYLIBS = new MachOPatcher.Edit(
            Map.of("@rpath/libhelper.dylib", "@loader_path/.dylibs/libhelper.dylib"), null, List.of(), List.of());

    private Path patched(String file, MachOPatcher.Edit edit) throws Exception {
        byte[] out = MachOPatcher.patch(file, Files.readAllBytes(tmp.resolve(file)), edit);
        Path p = tmp.resolve("patched-" + file.replace('/', '-'));
        Files.write(p, out);
        return p;
    }

    @Test
    void arm64ModuleGetsTheNewNameLosesTheAbsoluteRpathAndASignatureThatVerifiesPageByPage() throws Exception {
        String rpath = tmp.resolve("lib").toString();
        Path p = patched("mod.arm64.so", new MachOPatcher.Edit(Map.of("@rpath/libhelper.dylib", "@loader_path/.dylibs/libhelper.dylib"),
                null, List.of(rpath), List.of()));
        String objdump = RepairFixtures.tool("llvm-objdump").toString();
        String dylibs = RepairFixtures.run(objdump, "--macho", "--dylibs-used", p.toString());
        assertThat(dylibs).contains("@loader_path/.dylibs/libhelper.dylib").doesNotContain("@rpath/libhelper.dylib");
        String headers = RepairFixtures.run(objdump, "--macho", "--private-headers", p.toString());
        assertThat(headers).doesNotContain("LC_RPATH").contains("LC_CODE_SIGNATURE");
        byte[] data = Files.readAllBytes(p);
        CodeSignatureVerifier.Result r = CodeSignatureVerifier.verify(data);
        assertThat(r.problems()).isEmpty();
        assertThat(r.flags()).isEqualTo(MachOPatcher.CS_ADHOC | MachOPatcher.CS_LINKER_SIGNED);
        assertThat(r.pages()).isGreaterThan(1);
        // the identifier lld wrote is kept
        assertThat(r.identifier()).isEqualTo(CodeSignatureVerifier.verify(Files.readAllBytes(tmp.resolve("mod.arm64.so"))).identifier());
        // one changed byte anywhere before the signature breaks exactly that page
        data[100] ^= 1;
        assertThat(CodeSignatureVerifier.verify(data).problems()).containsExactly("page 0 (bytes 0-4095) does not match its hash");
    }

    @Test
    void theSignatureIsTheOneLlvmInstallNameToolWritesForTheSameChange() throws Exception {
        Path ours = patched("mod.arm64.so", TO_DYLIBS);
        // llvm-install-name-tool signs with the output's file name as identifier: the same name, another folder
        Files.createDirectories(tmp.resolve("theirs"));
        Path theirs = tmp.resolve("theirs/mod.arm64.so");
        Files.copy(tmp.resolve("mod.arm64.so"), theirs);
        RepairFixtures.run(RepairFixtures.tool("llvm-install-name-tool").toString(), "-change", "@rpath/libhelper.dylib",
                "@loader_path/.dylibs/libhelper.dylib", theirs.toString());
        assertThat(CodeSignatureVerifier.verify(Files.readAllBytes(theirs)).problems()).isEmpty();
        // llvm-objcopy also re-lays out __LINKEDIT's tables, so the pages differ; the signature's
        // headers (SuperBlob, CodeDirectory fields, identifier) must be the very bytes it writes
        byte[] a = Files.readAllBytes(ours);
        byte[] b = Files.readAllBytes(theirs);
        MachOSlice sa = (MachOSlice) MachOReader.read("ours", a).slices().get(0);
        assertThat(a.length).isEqualTo(b.length);
        int dataoff = signatureOffset(a);
        assertThat(signatureOffset(b)).isEqualTo(dataoff);
        int hashOffset = java.nio.ByteBuffer.wrap(a).getInt(dataoff + 24 + 16); // the CodeDirectory starts 24 bytes in
        assertThat(java.util.Arrays.copyOfRange(a, dataoff, dataoff + 24 + hashOffset))
                .isEqualTo(java.util.Arrays.copyOfRange(b, dataoff, dataoff + 24 + hashOffset));
        assertThat(sa.dylibs().get(0).name()).isEqualTo("@loader_path/.dylibs/libhelper.dylib");
    }

    /** LC_CODE_SIGNATURE's dataoff. */
    private static int signatureOffset(byte[] d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = 32;
        for (int i = 0; i < b.getInt(16); i++) {
            if (b.getInt(p) == 0x1d) {
                return b.getInt(p + 8);
            }
            p += b.getInt(p + 4);
        }
        throw new AssertionError("no LC_CODE_SIGNATURE");
    }

    @Test
    void everySliceOfAFatFileIsRewrittenAndOnlyArm64IsSigned() throws Exception {
        // the absolute rpath goes (as delocate-wheel drops it), which makes room for the longer names
        Path p = patched("mod.fat.so", new MachOPatcher.Edit(Map.of("@rpath/libhelper.dylib", "@loader_path/.dylibs/libhelper.dylib"),
                null, List.of(tmp.resolve("lib").toString()), List.of("@loader_path/.dylibs")));
        String objdump = RepairFixtures.tool("llvm-objdump").toString();
        String dylibs = RepairFixtures.run(objdump, "--macho", "--dylibs-used", "--arch=all", p.toString());
        assertThat(dylibs.split("@loader_path/.dylibs/libhelper.dylib", -1)).hasSize(3);
        assertThat(RepairFixtures.run(RepairFixtures.tool("llvm-lipo").toString(), "-info", p.toString())).contains("x86_64 arm64");
        BinaryInfo info = MachOReader.read("p", Files.readAllBytes(p));
        for (var s : info.slices()) {
            MachOSlice m = (MachOSlice) s;
            assertThat(m.rpaths()).contains("@loader_path/.dylibs");
            assertThat(m.codeSignature()).isEqualTo(m.arch().equals("arm64"));
            if (m.arch().equals("arm64")) {
                byte[] all = Files.readAllBytes(p);
                byte[] thin = java.util.Arrays.copyOfRange(all, (int) m.offset(), (int) (m.offset() + m.size()));
                assertThat(CodeSignatureVerifier.verify(thin).problems()).isEmpty();
            }
        }
    }

    @Test
    void anInstallIdIsSetAndTheDylibStaysSigned() throws Exception {
        Path p = patched("lib/libhelper.arm64.dylib", new MachOPatcher.Edit(Map.of(), "/DLC/demo/.dylibs/libhelper.dylib", List.of(), List.of()));
        MachOSlice m = (MachOSlice) MachOReader.read("p", Files.readAllBytes(p)).slices().get(0);
        assertThat(m.installName()).isEqualTo("/DLC/demo/.dylibs/libhelper.dylib");
        assertThat(CodeSignatureVerifier.verify(Files.readAllBytes(p)).valid()).isTrue();
    }

    @Test
    void loadCommandsThatDoNotFitTheHeaderPaddingAreRefusedAsInstallNameToolRefusesThem() {
        assertThatThrownBy(() -> patched("tight.arm64.so", TO_DYLIBS)).isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("tight.arm64.so: the changed load commands need ")
                .hasMessageContaining("-headerpad_max_install_names");
    }
}
