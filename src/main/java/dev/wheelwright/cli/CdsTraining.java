package dev.wheelwright.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a few representative one-shot commands in one JVM, with their output discarded, so that
 * the class-data-sharing archive made at package time ({@code -XX:ArchiveClassesAtExit}) holds
 * the classes a typical command loads; {@code bin/wheelwright} then maps that archive and starts
 * faster. Commands a build does not have yet simply fail here, which is harmless.
 *
 * <p>{@code doctor} runs on a small project and build log written to a temporary folder (and
 * removed): it is the command CI runs on every build, and without it the rule engine, the log
 * scanner, the project readers and Jackson's data binding were loaded from the jar at every
 * start, about a quarter of a second.
 */
public final class CdsTraining {
    private CdsTraining() {}

    static final List<String[]> COMMANDS = List.of(
            new String[] {"--version"},
            new String[] {"--help"},
            new String[] {"tags", "--python", "3.12", "--platform", "macosx_11_0_arm64"},
            new String[] {"tags", "--python", "3.9", "--platform", "manylinux_2_17_x86_64", "--format", "json"},
            new String[] {"build", "--help"},
            new String[] {"no-such-command"});

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        List<String[]> commands = new ArrayList<>(COMMANDS);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wheelwright-cds");
            Path project = Files.createDirectories(dir.resolve("project"));
            Files.writeString(project.resolve("pyproject.toml"), """
                    [build-system]
                    requires = ["setuptools>=61", "cffi>=1.15"]
                    build-backend = "setuptools.build_meta"

                    [project]
                    name = "example"
                    version = "1.0"
                    dependencies = ["cffi>=1.15"]

                    [tool.cibuildwheel]
                    archs = ["x86_64", "aarch64"]
                    """);
            Files.createDirectories(project.resolve(".github/workflows"));
            Files.writeString(project.resolve(".github/workflows/wheels.yml"), """
                    on: [push]
                    jobs:
                      build:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v4
                          - uses: pypa/cibuildwheel@v2.16.5
                    """);
            Path log = dir.resolve("build.log");
            Files.writeString(log, """
                    2024-05-01T12:00:07.1234567Z Collecting cffi>=1.15
                    2024-05-01T12:00:07.2234567Z   Downloading cffi-1.16.0.tar.gz (512 kB)
                    2024-05-01T12:00:08.1234567Z Building wheels for collected packages: cffi
                    2024-05-01T12:00:08.2234567Z   Building wheel for cffi (pyproject.toml): started
                    2024-05-01T12:00:09.1234567Z       c/_cffi_backend.c:15:10: fatal error: ffi.h: No such file or directory
                    2024-05-01T12:00:09.2234567Z       compilation terminated.
                    2024-05-01T12:00:09.3234567Z       error: command '/usr/bin/gcc' failed with exit code 1
                    2024-05-01T12:00:09.4234567Z   ERROR: Failed building wheel for cffi
                    """);
            Path out = dir.resolve("report.json");
            commands.add(new String[] {"doctor", project.toString(), "--log", log.toString(), "--fail-on", "never",
                    "--format", "json", "-o", out.toString()});
            commands.add(new String[] {"doctor", project.toString(), "--log", log.toString(), "--fail-on", "never"});
            Path wheel = dir.resolve("example-1.0-py3-none-any.whl");
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(wheel))) {
                String[][] members = {
                        {"example/__init__.py", "VERSION = '1.0'\n"},
                        {"example-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: example\nVersion: 1.0\n"},
                        {"example-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: cds\nRoot-Is-Purelib: true\nTag: py3-none-any\n"},
                        {"example-1.0.dist-info/RECORD", "example/__init__.py,,\nexample-1.0.dist-info/METADATA,,\n"
                                + "example-1.0.dist-info/WHEEL,,\nexample-1.0.dist-info/RECORD,,\n"}};
                for (String[] m : members) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(m[0]));
                    zip.write(m[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            commands.add(new String[] {"audit", wheel.toString()});
            commands.add(new String[] {"audit", wheel.toString(), "--format", "json"});
        } catch (IOException e) {
            // no temporary folder: the archive holds the other commands' classes
        }
        try {
            for (String[] command : commands) {
                Main.run(command, sink, sink);
            }
            sink.flush();
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
