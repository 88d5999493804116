package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InspectCommandTest {
    private static final Path BIN = Path.of("testdata", "binaries");

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void jsonFollowsTheBinaryShapeOfCliMd() throws Exception {
        Result r = run("inspect", "--format", "json", BIN.resolve("macho-universal2.so").toString(),
                BIN.resolve("elf-x86_64-glibc234.so").toString(), BIN.resolve("pe-x86_64.pyd").toString());
        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("wheels").isArray()).isTrue();
        assertThat(doc.get("wheels")).isEmpty();
        JsonNode bins = doc.get("binaries");
        assertThat(bins).hasSize(3);

        JsonNode fat = bins.get(0);
        assertThat(fat.get("path").asText()).isEqualTo(BIN.resolve("macho-universal2.so").toString());
        assertThat(fat.get("format").asText()).isEqualTo("mach-o");
        assertThat(fat.get("fat").asBoolean()).isTrue();
        JsonNode arm = fat.get("slices").get(1);
        assertThat(arm.get("arch").asText()).isEqualTo("arm64");
        assertThat(arm.get("cputype").asInt()).isEqualTo(16777228);
        assertThat(arm.get("cpusubtype").asInt()).isZero();
        assertThat(arm.get("filetype").asText()).isEqualTo("bundle");
        assertThat(arm.get("minos").asText()).isEqualTo("11.0");
        assertThat(arm.get("sdk").asText()).isEqualTo("13.1");
        assertThat(arm.get("platform").asText()).isEqualTo("macos");
        assertThat(arm.get("dylibs").isArray()).isTrue();
        assertThat(arm.get("rpaths").isArray()).isTrue();
        assertThat(arm.get("installName").isNull()).isTrue();
        assertThat(arm.get("codeSignature").asBoolean()).isTrue();
        assertThat(arm.get("uuid").asText()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");

        JsonNode elf = bins.get(1);
        assertThat(elf.get("format").asText()).isEqualTo("elf");
        JsonNode e = elf.get("slices").get(0);
        assertThat(e.get("arch").asText()).isEqualTo("x86_64");
        assertThat(e.get("class").asInt()).isEqualTo(64);
        assertThat(e.get("needed")).extracting(JsonNode::asText).containsExactly("libm.so.6", "libc.so.6");
        assertThat(e.get("soname").isNull()).isTrue();
        assertThat(e.get("rpath").isNull()).isTrue();
        assertThat(e.get("runpath").isNull()).isTrue();
        assertThat(e.get("glibcMax").asText()).isEqualTo("2.34");
        assertThat(e.get("manylinux").asText()).isEqualTo("manylinux_2_34");

        JsonNode pe = bins.get(2);
        assertThat(pe.get("format").asText()).isEqualTo("pe");
        assertThat(pe.get("slices").get(0).get("arch").asText()).isEqualTo("amd64");
        assertThat(pe.get("slices").get(0).get("imports")).extracting(JsonNode::asText)
                .containsExactly("python39.dll", "KERNEL32.dll", "USER32.dll");
    }

    @Test
    void textIsAReadableSummary() {
        Result r = run("inspect", BIN.resolve("macho-x86_64-libs.dylib").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith(BIN.resolve("macho-x86_64-libs.dylib") + ": Mach-O (x86_64)")
                .contains("install name @rpath/libffiuser.dylib")
                .contains("links /usr/local/opt/libffi/lib/libffi.8.dylib (compatibility version 9.0.0, current version 9.0.0)")
                .contains("rpath @loader_path/.dylibs")
                .contains("platform macos, minos 10.14, sdk 10.14");
    }

    @Test
    void formatIsDetectedByContentNotName(@TempDir Path tmp) throws Exception {
        Path disguised = tmp.resolve("looks-like-text.txt");
        Files.copy(BIN.resolve("elf-aarch64-bare.so"), disguised);
        Result r = run("inspect", "--format", "json", disguised.toString());
        assertThat(r.code()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/binaries/0/slices/0/arch").asText()).isEqualTo("aarch64");
    }

    @Test
    void emptyFilesAndStaticLibrariesAreNamedForWhatTheyAre(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.so"));
        Path ar = Files.write(tmp.resolve("libfoo.a"), "!<arch>\n/               0           0     0     644     4         `\n\0\0\0\0"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Result r = run("inspect", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("wheelwright: " + empty + ": empty file; not a wheel or a Mach-O, ELF or PE binary"
                + System.lineSeparator());
        Result a = run("inspect", ar.toString());
        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).startsWith("wheelwright: " + ar + ": a static library (ar archive)");
        assertThat(a.err().strip().lines()).hasSize(1);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("README.md"), "wheelwright: README.md: not a wheel or a Mach-O, ELF or PE binary (unknown magic bytes)"),
                Arguments.of(List.of("no/such/file.so"), "wheelwright: no/such/file.so: no such file or directory"),
                Arguments.of(List.of("testdata"),
                        "wheelwright: testdata: not a project folder (no pyproject.toml, setup.py or setup.cfg) and no .whl files in it"),
                Arguments.of(List.of(BIN.resolve("macho-arm64.so").toString(), "README.md"),
                        "wheelwright: README.md: not a wheel or a Mach-O, ELF or PE binary (unknown magic bytes)"),
                Arguments.of(List.of("--format", "sarif", BIN.resolve("macho-arm64.so").toString()),
                        "wheelwright: --format sarif: 'inspect' writes text, json or html"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneLineAndNoOutput(List<String> args, String firstLine) {
        String[] argv = Stream.concat(Stream.of("inspect"), args.stream()).toArray(String[]::new);
        Result r = run(argv);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst()).contains(firstLine);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void outputFileIsWrittenWhole(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("facts.json");
        Result r = run("inspect", "--format", "json", "-o", report.toString(), BIN.resolve("pe-i686.pyd").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(report.toFile()).at("/binaries/0/slices/0/arch").asText()).isEqualTo("x86");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(report);
        }
    }

    @Test
    void failedRunLeavesNoOutputFile(@TempDir Path tmp) {
        Path report = tmp.resolve("facts.json");
        Result r = run("inspect", "-o", report.toString(), "README.md");
        assertThat(r.code()).isEqualTo(2);
        assertThat(report).doesNotExist();
    }

    /** inspect DIR reads a project folder as doctor does (setup.py is never run) and reports facts, no findings. */
    @Test
    void aProjectFolderBesideAWheelAndABinary(@TempDir Path tmp) throws Exception {
        Path project = dev.wheelwright.TestTrees.copy(Path.of("testdata/projects/legacy-cffi"), tmp.resolve("legacy cffi"));
        Path wheel = Path.of("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl");
        Path binary = BIN.resolve("macho-arm64.so");
        Result r = run("inspect", "--format", "json", wheel.toString(), binary.toString(), project.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("wheels")).hasSize(1);
        assertThat(doc.get("binaries")).hasSize(1);
        assertThat(doc.get("projects")).hasSize(1);
        JsonNode p = doc.get("projects").get(0);
        assertThat(p.get("path").asText()).isEqualTo(project.toString());
        assertThat(p.get("files")).extracting(JsonNode::asText).containsExactly("setup.py", ".github/workflows/wheels.yml");
        assertThat(p.get("ci").get(0).get("usesCibuildwheel").asBoolean()).isTrue();
        assertThat(p.get("buildTargets")).isNotEmpty();
        assertThat(p.get("buildSystem").isNull()).isTrue();
        assertThat(p.get("setupRequires")).extracting(JsonNode::asText).contains("cffi>=1.15.0");
        assertThat(p.get("dependencies")).extracting(JsonNode::asText).contains("cffi>=1.15.0");
        assertThat(p.get("cffiModules").get(0).get("file").asText()).isEqualTo("setup.py");
        assertThat(p.get("name").asText()).isEqualTo("fastcrc");
        assertThat(p.get("requiresPython").asText()).isEqualTo(">=3.8");
        assertThat(p.get("problems")).isEmpty();
        assertThat(project.resolve("build")).doesNotExist();

        Result text = run("inspect", project.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).startsWith("project " + project + System.lineSeparator())
                .contains("  files:           setup.py")
                .contains("  build system:    none declared")
                .contains("  setup_requires:  cffi>=1.15.0");
    }

    @Test
    void aBrokenProjectFileIsAFactNotAnError(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("pyproject.toml"), "[build-system\nrequires = []\n");
        Result r = run("inspect", "--format", "json", tmp.toString());
        assertThat(r.code()).isZero();
        JsonNode u = new ObjectMapper().readTree(r.out()).at("/projects/0/problems/0");
        assertThat(u.get("file").asText()).isEqualTo("pyproject.toml");
        assertThat(u.get("line").asInt()).isEqualTo(1);
    }

    @Test
    void aFolderOfWheelsStandsForItsWheels(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of("testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"),
                tmp.resolve("hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl"));
        Result r = run("inspect", "--format", "json", tmp.toString());
        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.at("/wheels/0/name").asText()).isEqualTo("hello_ext");
        assertThat(doc.get("projects")).isEmpty();
    }

    @Test
    void htmlGivesOneSectionPerSubjectWithTheTextReportsFactsEscaped(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path page = tmp.resolve("inspect.html");
        String wheel = "testdata/wheels/real/hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl";
        String binary = BIN.resolve("macho-universal2.so").toString();
        Result r = run("inspect", "--format", "html", "-o", page.toString(), wheel, binary, "testdata/projects/c-ext-ok");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .contains("<span class=\"info\">1 wheel</span><span class=\"info\">1 binary</span><span class=\"info\">1 project</span>");
        assertThat(html.split("<section class=\"subject\"", -1)).hasSize(4);
        assertThat(html).contains("<span class=\"kind\">wheel</span>hello_ext-0.1.0-cp311-cp311-linux_x86_64.whl")
                .contains("<span class=\"kind\">binary</span>" + binary)
                .contains("<span class=\"kind\">project</span>testdata/projects/c-ext-ok");
        // the facts are the text report's lines, escaped
        Result text = run("inspect", binary);
        for (String line : text.out().strip().split("\\R")) {
            assertThat(html).contains(dev.wheelwright.report.HtmlReportAccess.esc(line));
        }
    }
}
