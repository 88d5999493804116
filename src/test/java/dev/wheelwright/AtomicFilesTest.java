package dev.wheelwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static void assertOnly(Path dir, Path... files) throws IOException {
        try (var list = Files.list(dir)) {
            assertThat(list).containsExactlyInAnyOrder(files); // no temporary file left behind
        }
    }

    @Test
    void writesTheContentAndReplacesAnOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old, longer content");
        AtomicFiles.writeString(target, "{}\n");
        assertThat(Files.readString(target)).isEqualTo("{}\n");
        assertOnly(dir, target);
    }

    @Test
    void newFilesGetTheUsualPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x"); // what the umask gives any new file
        Path target = dir.resolve("pkg-1.0-py3-none-any.whl");
        AtomicFiles.writeString(target, "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }

    @Test
    void aFolderAsTargetIsOneLineNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x"))
                .isInstanceOf(WheelwrightException.class)
                .hasMessage(dir + ": cannot write: it is a folder");
    }

    @Test
    void aMissingOrFileParentIsOneLineNamingTheTarget(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope").resolve("x.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(missing, "x"))
                .hasMessage(missing + ": cannot write: folder " + missing.getParent() + " does not exist");
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path under = file.resolve("x.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(under, "x"))
                .hasMessage(under + ": cannot write: folder " + file + " is not a folder");
        assertOnly(dir, file);
    }

    @Test
    void aFailingBodyLeavesNothingBehindAndKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(WheelwrightException.class).hasMessage(target + ": cannot write: disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertOnly(dir, target);
    }
}
