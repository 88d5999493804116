package dev.wheelwright.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.ToolProbe;
import dev.wheelwright.cli.Main;
import dev.wheelwright.rules.cases.WheelCaseLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stable-ABI table as data (CPython's list with its source, validated when loaded) and
 * abi3-symbol-not-stable on modules compiled here with gcc against this machine's Python headers.
 */
class Abi3SymbolNotStableTest {
    @TempDir
    Path tmp;

    @Test
    void theTableIsCpythonsListWithItsSource() {
        StableAbi t = StableAbi.table();
        assertThat(t.source).contains("python/cpython").contains("Misc/stable_abi.toml");
        assertThat(t.symbols.get("PyModule_Create2").added()).isEqualTo("3.2");
        assertThat(t.symbols.get("PyUnicode_AsUTF8AndSize").added()).isEqualTo("3.10");
        assertThat(t.symbols.get("PyExc_TypeError").kind()).isEqualTo("data");
        assertThat(t.symbols.get("_Py_Dealloc").abiOnly()).isTrue();
        assertThat(t.symbols.get("PyOS_BeforeFork").ifdef()).isEqualTo("HAVE_FORK");
        assertThat(t.symbols).doesNotContainKeys("PyUnicode_AsUTF8", "_PyBytes_Resize");
        assertThat(t.newestMinor).isGreaterThanOrEqualTo(13);
    }

    /** What the readers take as Python imports and exports, against nm's and llvm-objdump's view of the fixtures. */
    @Test
    void theReadersListWhatEachBinaryImportsFromTheInterpreter() throws Exception {
        Path t = repo().resolve("testdata/wheels");
        var elf = (dev.wheelwright.binary.ElfSlice) dev.wheelwright.binary.BinaryReader.read("x",
                Files.readAllBytes(t.resolve("elf/ext-x86_64-full-api.so"))).slices().get(0);
        assertThat(elf.pythonImports()).containsExactlyInAnyOrder(
                "PyBytes_FromString", "PyBytes_Size", "PyModule_Create2", "PyUnicode_AsUTF8", "_PyBytes_Resize");
        assertThat(elf.pythonExports()).isEmpty(); // PyInit__ext is the module's entry, not an export that counts
        var lib = (dev.wheelwright.binary.ElfSlice) dev.wheelwright.binary.BinaryReader.read("x",
                Files.readAllBytes(t.resolve("elf/libpydemo.abi3.so"))).slices().get(0);
        assertThat(lib.pythonExports()).containsExactly("PyDemo_Wrap");
        var pe = (dev.wheelwright.binary.PeSlice) dev.wheelwright.binary.BinaryReader.read("x",
                Files.readAllBytes(t.resolve("pe/ext-amd64-abi3-mixed.pyd"))).slices().get(0);
        assertThat(pe.imports()).containsExactly("python311.dll");
        assertThat(pe.pythonImports()).containsExactly("PyModule_Create2", "PyUnicode_AsUTF8", "PyUnicode_AsUTF8AndSize");
        var macho = dev.wheelwright.binary.BinaryReader.read("x",
                Files.readAllBytes(t.resolve("macho/ext-arm64-abi3-mixed.so"))).slices();
        assertThat(Abi3SymbolNotStableCheck.imports(macho))
                .containsExactlyInAnyOrder("PyModule_Create2", "PyUnicode_AsUTF8", "PyUnicode_AsUTF8AndSize");
    }

    @Test
    void aTableWithoutSourceOrWithABadEntryIsRefused() {
        String good = goodSymbols();
        assertThatThrownBy(() -> load("{\"symbols\": " + good + "}"))
                .hasMessageContaining("t.json: needs 'source'");
        assertThatThrownBy(() -> load(table(good.replace("\"PyArg_Parse\": {\"kind\": \"function\"",
                "\"PyArg_Parse\": {\"kind\": \"macro\""))))
                .hasMessageContaining("PyArg_Parse has kind 'macro'");
        assertThatThrownBy(() -> load(table(good.replace("\"PyArg_Parse\": {\"kind\": \"function\", \"added\": \"3.2\"",
                "\"PyArg_Parse\": {\"kind\": \"function\", \"added\": \"4.0\""))))
                .hasMessageContaining("PyArg_Parse has no 'added' version 3.N");
        assertThatThrownBy(() -> load(table(good.replace("\"PyArg_Parse\": {\"kind\": \"function\", \"added\": \"3.2\"",
                "\"PyArg_Parse\": {\"kind\": \"function\", \"added\": \"3.2\", \"ifdef\": \"NO_SUCH\""))))
                .hasMessageContaining("unknown feature macro NO_SUCH");
        assertThatThrownBy(() -> load(table("{\"PyArg_Parse\": {\"kind\": \"function\", \"added\": \"3.2\"}}")))
                .hasMessageContaining("at least 500 symbols");
        assertThat(load(table(good)).symbols).hasSizeGreaterThan(500);
    }

    /** A module built with Py_LIMITED_API=3.10, tagged cp38-abi3 and cp310-abi3; a full-API module tagged abi3. */
    @Test
    void modulesCompiledAgainstThisMachinesHeaders() throws Exception {
        Path inc = pythonInclude();
        Path src = repo().resolve("scripts/wheel-fixtures/abi3");
        Path limited310 = gcc(inc, src.resolve("limited.c"), "ext310.so", "-DPy_LIMITED_API=0x030A0000", "-DLIMITED_310");
        Path limited38 = gcc(inc, src.resolve("limited.c"), "ext38.so", "-DPy_LIMITED_API=0x03080000");
        Path full = gcc(inc, src.resolve("full.c"), "full.so");

        String out = audit(wheel("demo-1.0-cp38-abi3-linux_x86_64.whl", limited310));
        assertThat(out).contains("WW-E012 abi3-symbol-not-stable")
                .contains("demo/_ext.abi3.so imports CPython symbols added to the stable ABI after 3.8 (up to 3.10) "
                        + "but the wheel is tagged cp38-abi3: PyUnicode_AsUTF8AndSize");
        assertThat(audit(wheel("demo-1.0-cp310-abi3-linux_x86_64.whl", limited310))).doesNotContain("WW-E012");
        assertThat(audit(wheel("demo-1.0-cp38-abi3-linux_x86_64.whl", limited38))).doesNotContain("WW-E012");
        assertThat(audit(wheel("demo-1.0-cp38-abi3-linux_x86_64.whl", full)))
                .contains("imports CPython symbols not in the stable ABI but the wheel is tagged cp38-abi3: PyUnicode_AsUTF8, _PyBytes_Resize");
    }

    private static StableAbi load(String json) {
        return StableAbi.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }

    private static String table(String symbols) {
        return "{\"source\": \"test\", \"newest\": \"3.15\", \"feature_macros\": [\"HAVE_FORK\", \"MS_WINDOWS\", "
                + "\"PY_HAVE_THREAD_NATIVE_ID\", \"Py_REF_DEBUG\", \"Py_TRACE_REFS\", \"USE_STACKCHECK\"], \"symbols\": " + symbols + "}";
    }

    /** The real table's symbols object, as text. */
    private static String goodSymbols() {
        try {
            String all = Files.readString(repo().resolve("rules/tables/stable-abi.json"));
            return all.substring(all.indexOf('{', all.indexOf("\"symbols\"")), all.lastIndexOf('}'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path wheel(String filename, Path so) throws Exception {
        String yaml = "filename: " + filename + "\nfiles:\n  - {path: demo/__init__.py, text: \"\"}\n"
                + "  - {path: demo/_ext.abi3.so, binary: \"" + so + "\"}\n";
        WheelCaseLoader.Built b = WheelCaseLoader.build(new ObjectMapper(new YAMLFactory()).readTree(yaml), repo(),
                tmp.resolve("case.yaml"));
        Path target = tmp.resolve(filename);
        Files.move(b.wheel(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String audit(Path wheel) {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"audit", "--no-color", wheel.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    private static Path pythonInclude() throws Exception {
        ToolProbe.assumeProgram("gcc");
        ToolProbe.assumeProgram("python3");
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['include'])")
                .redirectErrorStream(true).start();
        String inc = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        Assumptions.assumeTrue(Files.exists(Path.of(inc, "Python.h")),
                "python3's headers (Python.h) are missing: install python3-dev");
        return Path.of(inc);
    }

    private Path gcc(Path inc, Path source, String out, String... defines) throws Exception {
        Path o = tmp.resolve(out);
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-I" + inc));
        cmd.addAll(List.of(defines));
        cmd.addAll(List.of("-o", o.toString(), source.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("gcc: " + log).isZero();
        return o;
    }

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        return p;
    }
}
