package dev.wheelwright.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.binary.BinaryFormatException;
import dev.wheelwright.binary.ElfSlice.VersionNeed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ManylinuxPoliciesTest {
    private final ManylinuxPolicies table = ManylinuxPolicies.builtin();

    @ParameterizedTest
    @CsvSource({
        "manylinux1, 2.5", "manylinux2010, 2.12", "manylinux2014, 2.17", "manylinux_2_17, 2.17",
        "manylinux_2_28, 2.28", "manylinux_2_40, 2.40", "manylinux_3_0, 3.0"
    })
    void glibcForTag(String tag, String glibc) {
        assertThat(table.glibcFor(tag)).contains(glibc);
    }

    @Test
    void glibcForNonManylinuxIsEmpty() {
        assertThat(table.glibcFor("musllinux_1_2")).isEmpty();
        assertThat(table.glibcFor("linux_x86_64")).isEmpty();
    }

    @Test
    void policiesAreOrderedOldestFirst() {
        assertThat(table.policies()).extracting(ManylinuxPolicies.Policy::name)
                .startsWith("manylinux_2_5", "manylinux_2_12", "manylinux_2_17");
    }

    @Test
    void allowedLibrariesIncludeTheLoaderAndDependOnArch() {
        assertThat(table.allowedLibraries("manylinux2014", "aarch64"))
                .contains("libc.so.6", "libm.so.6", "libstdc++.so.6", "ld-linux-aarch64.so.1")
                .doesNotContain("libffi.so.8");
        // libexpat joined the list with manylinux2010.
        assertThat(table.allowedLibraries("manylinux1", "x86_64")).doesNotContain("libexpat.so.1");
        assertThat(table.allowedLibraries("manylinux2010", "x86_64")).contains("libexpat.so.1", "libz.so.1");
        // glibc's vector math library (glibc 2.22+): auditwheel grafts it below manylinux_2_24, allows it from there on
        assertThat(table.allowedLibraries("manylinux2014", "x86_64")).doesNotContain("libmvec.so.1");
        assertThat(table.allowedLibraries("manylinux_2_24", "x86_64")).contains("libmvec.so.1");
        assertThat(table.allowedLibraries("manylinux_2_28", "x86_64")).contains("libmvec.so.1");
        // manylinux1 is not defined for aarch64.
        assertThat(table.allowedLibraries("manylinux1", "aarch64")).isEmpty();
    }

    static Stream<Arguments> binaries() {
        return Stream.of(
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_2.2.5")), "manylinux_2_5"),
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_2.14")), "manylinux_2_17"),
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_2.34")), "manylinux_2_34"),
                Arguments.of("aarch64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_2.17")), "manylinux_2_17"),
                Arguments.of("x86_64", List.of("libstdc++.so.6"), List.of(need("libstdc++.so.6", "GLIBCXX_3.4.21")), "manylinux_2_24"),
                Arguments.of("x86_64", List.of("libstdc++.so.6"), List.of(need("libstdc++.so.6", "CXXABI_1.3.8")), "manylinux_2_24"),
                Arguments.of("x86_64", List.of("libffi.so.8"), List.of(), null),
                // Non-numeric versions are allowed where listed.
                Arguments.of("x86_64", List.of("libstdc++.so.6"), List.of(need("libstdc++.so.6", "CXXABI_TM_1")), "manylinux_2_17"),
                // Arch-specific newest versions: i686's libgcc_s had GCC_4.5.0 in manylinux2010, x86_64's never.
                Arguments.of("i686", List.of("libgcc_s.so.1"), List.of(need("libgcc_s.so.1", "GCC_4.5.0")), "manylinux_2_12"),
                // x86_64's libgcc_s never defined GCC_4.5.0: as auditwheel, a version no policy lists fits none
                Arguments.of("x86_64", List.of("libgcc_s.so.1"), List.of(need("libgcc_s.so.1", "GCC_4.5.0")), null),
                Arguments.of("aarch64", List.of("libgcc_s.so.1"), List.of(need("libgcc_s.so.1", "GCC_7.0.0")), "manylinux_2_26"),
                // the loader's private versions are not judged (auditwheel skips ld-linux)
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("ld-linux-x86-64.so.2", "GLIBC_PRIVATE")), "manylinux_2_5"),
                // A family no policy lists is not judged; one listed as "0" allows nothing.
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "FOO_1.0")), "manylinux_2_5"),
                Arguments.of("x86_64", List.of("libz.so.1"), List.of(need("libz.so.1", "ZLIB_1.2.0")), "manylinux_2_12"),
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_PRIVATE")), null),
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libc.so.6", "GLIBC_2.99")), null),
                // Versions asked of a library the wheel must bundle anyway are not the policy's business.
                Arguments.of("x86_64", List.of("libc.so.6"), List.of(need("libfoo.so.1", "FOO_9.0")), "manylinux_2_5"));
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void mostCompatiblePolicy(String arch, List<String> needed, List<VersionNeed> needs, String expected) {
        assertThat(table.mostCompatible(arch, needed, needs).map(ManylinuxPolicies.Policy::name).orElse(null))
                .isEqualTo(expected);
    }

    @Test
    void violationsSayWhy() {
        ManylinuxPolicies.Policy p2014 = table.byName("manylinux2014").orElseThrow();
        List<ManylinuxPolicies.Violation> v = table.check(p2014, "x86_64", List.of("libc.so.6", "libffi.so.8"),
                List.of(need("libc.so.6", "GLIBC_2.34")));
        assertThat(v).containsExactly(new ManylinuxPolicies.LibraryNotAllowed("libffi.so.8"),
                new ManylinuxPolicies.SymbolVersionTooNew("libc.so.6", "GLIBC_2.34", "GLIBC_2.17"));
        assertThat(v.get(1).describe()).isEqualTo("libc.so.6 GLIBC_2.34 is newer than the policy allows (GLIBC_2.17)");
    }

    static Stream<Arguments> brokenTables() {
        String ok = "{\"source\": \"t\", \"loaders\": {\"x86_64\": \"ld-linux-x86-64.so.2\"}, \"policies\": [{\"name\": \"manylinux_2_17\","
                + " \"aliases\": [], \"glibc\": \"2.17\", \"libraries\": [\"libc.so.6\"],"
                + " \"symbolVersions\": {\"x86_64\": {\"GLIBC\": [\"2.2.5\", \"2.17\"], \"ZLIB\": []}}}]}";
        return Stream.of(
                Arguments.of("not json", "t.json: not valid JSON"),
                Arguments.of("[]", "t.json: the top level must be an object"),
                Arguments.of(ok.replace("\"source\": \"t\", ", ""), "field 'source'"),
                Arguments.of(ok.replace("\"loaders\": {\"x86_64\": \"ld-linux-x86-64.so.2\"}, ", ""), "field 'loaders'"),
                Arguments.of(ok.replace("\"glibc\": \"2.17\"", "\"glibc\": \"2.18\""), "policies[0].glibc '2.18' does not match name manylinux_2_17"),
                Arguments.of(ok.replace("{\"x86_64\": {", "{\"mips\": {"), "policies[0].symbolVersions.mips names an arch without a loader"),
                Arguments.of(ok.replace("\"libc.so.6\"", "7"), "field 'policies[0].libraries[0]' must be a non-empty string"),
                Arguments.of(ok.replace("[\"2.2.5\", \"2.17\"]", "[\"PRIVATE\"]"), "policies[0].symbolVersions.x86_64.GLIBC lists no dotted version"),
                Arguments.of(ok.replace("\"GLIBC\": [\"2.2.5\", \"2.17\"], ", ""), "policies[0].symbolVersions.x86_64.GLIBC must list"),
                Arguments.of(ok.replace("\"ZLIB\"", "\"Z_LIB\""), "policies[0].symbolVersions.x86_64.Z_LIB is not a family name"),
                Arguments.of(ok.replace("manylinux_2_17", "manylinux2014"), "policies[0].name 'manylinux2014' is not a manylinux_x_y name"));
    }

    @ParameterizedTest
    @MethodSource("brokenTables")
    void brokenTableNamesTheField(String json, String message) {
        assertThatThrownBy(() -> ManylinuxPolicies.parse("t.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void validTableParses() {
        String ok = "{\"source\": \"t\", \"loaders\": {\"x86_64\": \"ld-linux-x86-64.so.2\"}, \"policies\": [{\"name\": \"manylinux_2_17\","
                + " \"aliases\": [\"manylinux2014\"], \"glibc\": \"2.17\", \"libraries\": [\"libc.so.6\"],"
                + " \"symbolVersions\": {\"x86_64\": {\"GLIBC\": [\"2.2.5\", \"2.17\"], \"ZLIB\": []}}}]}";
        ManylinuxPolicies t = ManylinuxPolicies.parse("t.json", ok.getBytes(StandardCharsets.UTF_8));
        assertThat(t.allowedLibraries("manylinux2014", "x86_64")).containsExactlyInAnyOrder("libc.so.6", "ld-linux-x86-64.so.2");
        assertThat(t.byName("manylinux2014").orElseThrow().newest("GLIBC", "x86_64")).isEqualTo("2.17");
        assertThat(t.byName("manylinux2014").orElseThrow().newest("ZLIB", "x86_64")).isEmpty();
    }

    @Test
    void builtinTableNamesItsSourceAndReachesTheNewestPolicies() {
        assertThat(table.source()).startsWith("pypa/auditwheel ");
        assertThat(table.byName("manylinux_2_39")).isPresent();
        assertThat(table.byName("manylinux_2_26").orElseThrow().archs()).contains("x86_64", "aarch64");
        // manylinux2014 on x86_64 bounds the C++ runtime as CentOS 7 ships it
        ManylinuxPolicies.Policy p2014 = table.byName("manylinux2014").orElseThrow();
        assertThat(p2014.newest("GLIBCXX", "x86_64")).isEqualTo("3.4.19");
        assertThat(p2014.newest("CXXABI", "x86_64")).isEqualTo("1.3.7");
    }

    @Test
    void theDebian12CxxModuleIsOutsideManylinux2014() {
        ManylinuxPolicies.Policy p2014 = table.byName("manylinux2014").orElseThrow();
        List<ManylinuxPolicies.Violation> v = table.check(p2014, "x86_64", List.of("libstdc++.so.6", "libc.so.6"),
                List.of(need("libstdc++.so.6", "GLIBCXX_3.4.22"), need("libstdc++.so.6", "CXXABI_1.3.9"),
                        need("libstdc++.so.6", "GLIBCXX_3.4"), need("libc.so.6", "GLIBC_2.14"),
                        need("ld-linux-x86-64.so.2", "GLIBC_PRIVATE")));
        assertThat(v).containsExactly(
                new ManylinuxPolicies.SymbolVersionTooNew("libstdc++.so.6", "GLIBCXX_3.4.22", "GLIBCXX_3.4.19"),
                new ManylinuxPolicies.SymbolVersionTooNew("libstdc++.so.6", "CXXABI_1.3.9", "CXXABI_1.3.7"));
        assertThat(table.mostCompatible("x86_64", List.of("libstdc++.so.6", "libc.so.6"),
                List.of(need("libstdc++.so.6", "GLIBCXX_3.4.22"), need("libstdc++.so.6", "CXXABI_1.3.9"))))
                .map(ManylinuxPolicies.Policy::name).contains("manylinux_2_24");
    }

    private static VersionNeed need(String lib, String version) {
        return new VersionNeed(lib, version);
    }
}
