package dev.wheelwright.rules.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SPDX license and exception identifiers, kept as data in {@code rules/tables/spdx-licenses.json}
 * with the SPDX License List version they come from ({@code scripts/make-spdx-table.py} writes it).
 * Loaded once and checked: a table without identifiers is a build defect, not a silent pass.
 */
final class SpdxLicenses {
    static final String RESOURCE = "/rules/tables/spdx-licenses.json";

    final String version;
    final Map<String, String> licenses;
    final Map<String, String> exceptions;

    private SpdxLicenses(String version, Map<String, String> licenses, Map<String, String> exceptions) {
        this.version = version;
        this.licenses = licenses;
        this.exceptions = exceptions;
    }

    private static final class Holder {
        static final SpdxLicenses TABLE = load();
    }

    static SpdxLicenses table() {
        return Holder.TABLE;
    }

    private static SpdxLicenses load() {
        try (InputStream in = SpdxLicenses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode doc = new ObjectMapper().readTree(in);
            String version = doc.path("version").asText("");
            Map<String, String> licenses = ids(doc.path("licenses"));
            Map<String, String> exceptions = ids(doc.path("exceptions"));
            if (version.isEmpty() || licenses.size() < 100 || exceptions.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": needs 'version', 'licenses' and 'exceptions'");
            }
            return new SpdxLicenses(version, licenses, exceptions);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> ids(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(n -> out.put(n.asText().toLowerCase(Locale.ROOT), n.asText()));
        return Collections.unmodifiableMap(out);
    }
}
