package dev.wheelwright.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wheelwright.WheelwrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the DLL-folder patch lands in an {@code __init__.py}, delvewheel's placement rules, each result compiled by CPython. */
class DllDirectoryPatchTest {
    @TempDir
    Path tmp;

    private static final String START = "# start wheelwright patch";

    /** {name, file, the text that must come right before the patch ("" when it opens the file), the text that must follow it}. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", "", ""),
                Arguments.of("code only", "import os\nx = 1\n", "", "import os\nx = 1\n"),
                Arguments.of("docstring", "\"\"\"Doc.\n\nMore.\n\"\"\"\nimport os\n", "\"\"\"Doc.\n\nMore.\n\"\"\"\n\n\n", "import os\n"),
                Arguments.of("one-line docstring, nothing after", "'''Doc.'''\n", "'''Doc.'''\n\n\n", ""),
                Arguments.of("future after docstring", "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\n",
                        "from __future__ import annotations\n\n\n", "import os\n"),
                Arguments.of("parenthesised future", "from __future__ import (annotations,\n    division)\nx = 1\n",
                        "    division)\n\n\n", "x = 1\n"),
                Arguments.of("header comments", "# Copyright\n# License\n\nimport os\n", "# License\n\n\n", "import os\n"),
                Arguments.of("shebang", "#!/usr/bin/env python\nimport os\n", "#!/usr/bin/env python\n\n\n", "import os\n"),
                Arguments.of("comment then docstring", "# -*- coding: utf-8 -*-\n\"\"\"Doc.\"\"\"\nx = 1\n", "\"\"\"Doc.\"\"\"\n\n\n", "x = 1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePatchGoesWhereDelvewheelPutsItAndTheModuleStillCompiles(String name, String file, String before, String after) throws Exception {
        String out = DllDirectoryPatch.apply("pkg/__init__.py", file, "pkg.libs", 1, null);
        String normal = out.replace("\r\n", "\n");
        int at = normal.indexOf(START);
        assertThat(at).as(out).isNotNegative();
        if (before.isEmpty()) {
            assertThat(normal).startsWith("\"\"\"\"\"\" " + START);
        } else {
            assertThat(normal.substring(0, at)).endsWith(before);
        }
        assertThat(normal.substring(normal.indexOf("# end wheelwright patch\n") + "# end wheelwright patch\n".length()))
                .isEqualTo(after.isEmpty() ? "" : "\n" + after);
        assertThat(normal).contains("os.path.join(os.path.dirname(__file__), os.pardir, 'pkg.libs')");
        compiles(out);
    }

    @Test
    void lineEndingsFollowTheFileAndCrLfWhenItHasNone() {
        assertThat(DllDirectoryPatch.apply("p", "import os\r\n", "x.libs", 1, null)).doesNotContain("\r\r").contains("\r\n")
                .doesNotContainPattern("[^\r]\n");
        assertThat(DllDirectoryPatch.apply("p", "", "x.libs", 1, null)).contains("\r\n");
        assertThat(DllDirectoryPatch.apply("p", "import os\n", "x.libs", 1, null)).doesNotContain("\r");
    }

    @Test
    void olderPythonsGetTheLoadOrderFallbackInPython2Syntax() throws Exception {
        String out = DllDirectoryPatch.apply("p", "", "demo.libs", 2, ".load-order-demo-1.0");
        assertThat(out).contains("os.pardir, os.pardir, 'demo.libs'", "'.load-order-demo-1.0'", "LoadLibraryExW(dll, None, 8)",
                "sys.version_info[:2] >= (3, 8) and not conda").doesNotContain(":=", "f'");
        compiles(out);
    }

    @Test
    void textAfterTheDocstringOnItsClosingLineIsRefused() {
        assertThatThrownBy(() -> DllDirectoryPatch.apply("demo/__init__.py", "\"\"\"Doc.\"\"\"; x = 1\n", "demo.libs", 1, null))
                .isInstanceOf(WheelwrightException.class)
                .hasMessage("demo/__init__.py: text follows the docstring on the line where it ends ('; x = 1'); move it to a line of its own");
    }

    private void compiles(String source) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(py), "/usr/bin/python3 is not installed");
        Path f = tmp.resolve("m.py");
        Files.writeString(f, source);
        RepairFixtures.run(py.toString(), "-c", "import sys; compile(open(sys.argv[1], newline='').read(), sys.argv[1], 'exec')", f.toString());
    }
}
