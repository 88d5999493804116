package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Location;
import dev.wheelwright.spec.Version;
import dev.wheelwright.wheel.SdistFacts;
import dev.wheelwright.wheel.SdistSet;
import java.util.List;
import java.util.Locale;

/** Shared helpers of the sdist-* checks. */
final class SdistChecks {
    private SdistChecks() {}

    static List<SdistFacts> sdists(Facts facts) {
        return facts.get(SdistSet.class).map(SdistSet::sdists).orElse(List.of());
    }

    static Location at(SdistFacts s, String member) {
        return new Location.WheelMember(s.filename(), member, null);
    }

    /** PEP 503 normalised name: runs of -_. as one '-', lower case. */
    static String normalise(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    /** The {name}-{version} split of a stem (file name without .tar.gz, or the top folder): at the last '-'. */
    static String[] split(String stem) {
        int dash = stem.lastIndexOf('-');
        return dash <= 0 ? null : new String[] {stem.substring(0, dash), stem.substring(dash + 1)};
    }

    /** Whether two versions are the same PEP 440 version (1.0 == 1.0.0); unparsable ones compare as text. */
    static boolean sameVersion(String a, String b) {
        try {
            return Version.parse(a).compareTo(Version.parse(b)) == 0;
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }
}
