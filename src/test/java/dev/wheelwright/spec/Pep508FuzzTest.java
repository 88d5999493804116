package dev.wheelwright.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.fuzz.FuzzBounds;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * PEP 508 requirements and markers from arbitrary text, as pyproject.toml, setup.cfg, requirements
 * files and core metadata hand them over: parsed, printed, normalised and evaluated, or an
 * {@link InvalidRequirementException} / {@link InvalidMarkerException} (the spec package's
 * {@link WheelwrightException}s) with one bounded line.
 */
class Pep508FuzzTest {
    private static final Map<String, String> LINUX = MarkerEnvironment.forTarget(PythonVersion.parse("3.12"), "cp", "manylinux_2_28_x86_64");

    static {
        // the first parse loads the grammar's patterns: not an input's allocation
        for (int i = 0; i < 3; i++) {
            Requirement.parse("x[y]>=1.0,!=1.1.*; python_version >= '3.9' and (os_name == 'nt' or extra == 'z')").marker().evaluate(LINUX);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void requirement(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzBounds.check("requirement of " + data.length + " bytes", data.length, () -> {
            Requirement r = Requirement.parse(text);
            r.normalizedName();
            String again = r.toString();
            if (r.marker() != null) {
                r.marker().evaluate(LINUX);
            }
            Requirement.parse(again);
        }, WheelwrightException.class);
    }

    @FuzzTest(maxDuration = "10m")
    void marker(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzBounds.check("marker of " + data.length + " bytes", data.length, () -> {
            Marker m = Marker.parse(text);
            Marker.parse(m.toString());
            m.evaluate(LINUX);
        }, WheelwrightException.class);
    }
}
