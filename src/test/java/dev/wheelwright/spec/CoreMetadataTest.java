package dev.wheelwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreMetadataTest {
    static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return m;
    }

    @Test
    void requiredFieldsMissing() {
        assertThat(CoreMetadata.problems(fields("Summary", "x"), null, null)).containsExactly(
                "Metadata-Version is missing (a required field)", "Name is missing (a required field)",
                "Version is missing (a required field)");
    }

    @Test
    void validMetadataHasNoProblemsAndNamesCompareNormalised() {
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.4", "name", "Foo.Bar", "Version", "1.0.0",
                "License-Expression", "MIT", "Provides-Extra", "pdf", "Requires-Dist", "reportlab; extra == 'pdf'"),
                "foo_bar", "1.0")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Metadata-Version|3.0|Metadata-Version '3.0' is not a metadata version (1.0, 1.1, 1.2, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6)",
            "Description-Content-Type|text/markdown; charset=latin-1|Description-Content-Type 'text/markdown; charset=latin-1' names charset 'latin-1' (only UTF-8 is allowed)",
            "Description-Content-Type|text/markdown; variant=Original|Description-Content-Type 'text/markdown; variant=Original' names Markdown variant 'Original' (GFM or CommonMark)",
            "Dynamic|Version|Dynamic 'Version' is not allowed (Name, Version and Metadata-Version are never dynamic)",
            "Dynamic|Colour|Dynamic 'Colour' is not a core metadata field",
            "Requires-Python|>=three|Requires-Python '>=three' is not a version specifier: Invalid specifier: '>=three'",
            "License-File|../LICENSE|License-File '../LICENSE' has a parent-folder part ('..')",
            "License-File|LICENSES/*.txt|License-File 'LICENSES/*.txt' is a glob; License-File takes resolved paths",
            "Import-Name|demo|Import-Name needs Metadata-Version 2.5 or later (the file declares 2.4)",
            "Provides-Extra|Test_Extra|Provides-Extra 'Test_Extra' is not normalised (Metadata-Version 2.3+ requires 'test-extra')",
            "Description-Content-Type|text/plain; charset=latin-1|Description-Content-Type 'text/plain; charset=latin-1' names charset 'latin-1' (only UTF-8 is allowed)"})
    void oneProblem(String field, String value, String problem) {
        Map<String, List<String>> f = fields("Metadata-Version", "2.4", "Name", "demo", "Version", "1.0");
        f.put(field, List.of(value));
        assertThat(CoreMetadata.problems(f, "demo", "1.0")).containsExactly(problem);
    }

    @Test
    void licenseFileUnderOlderMetadataIsTheLegacySetuptoolsShapeNotADefect() {
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.1", "Name", "six", "Version", "1.17.0",
                "License-File", "LICENSE"), "six", "1.17.0")).isEmpty();
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.1", "Name", "six", "Version", "1.17.0",
                "License-Expression", "MIT"), "six", "1.17.0"))
                .containsExactly("License-Expression needs Metadata-Version 2.4 or later (the file declares 2.1)");
    }

    /** Read against the specification: 2.6 is legal, a lower-case charset passes (as in packaging), License with License-Expression does not. */
    @Test
    void specificationDetails() {
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.6", "Name", "demo", "Version", "1.0",
                "Description-Content-Type", "text/markdown; charset=utf-8"), "demo", "1.0")).isEmpty();
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.4", "Name", "demo", "Version", "1.0",
                "License", "MIT License", "License-Expression", "MIT"), "demo", "1.0"))
                .containsExactly("License and License-Expression are both present (mutually exclusive from Metadata-Version "
                        + "2.4 on: tools disregard License and PyPI rejects the upload)");
        assertThat(CoreMetadata.problems(fields("Metadata-Version", "2.5", "Name", "demo", "Version", "1.0",
                "Import-Name", "demo.sub ; public"), "demo", "1.0"))
                .containsExactly("Import-Name 'demo.sub ; public' has an option other than 'private'");
    }
}
