package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;

/**
 * A bundled jar with classes compiled for a newer Java than the wheel supports: the JVM refuses
 * them with UnsupportedClassVersionError. The supported Java is {@code --java N} when given,
 * else the wheel's own declaration in core metadata, {@code Requires-External: java (>=N)} (also
 * {@code jre}, {@code jdk}, {@code openjdk}); with neither, there is nothing to compare against.
 */
public final class JarNeedsNewerJavaCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        int flag = WheelChecks.policy(facts).java();
        for (WheelFacts w : WheelChecks.wheels(facts)) {
            int declared = flag;
            String source = "--java " + flag;
            if (declared <= 0) {
                declared = declaredJava(w);
                source = "Requires-External: java (>=" + declared + ")";
            }
            if (declared <= 0) {
                continue;
            }
            for (WheelFacts.BundledJar j : w.jars()) {
                if (j.javaVersion() > declared) {
                    hits.add(WheelChecks.at(w, j.member()),
                            WheelChecks.values(w, "member", j.member(), "needs", j.javaVersion(), "declared", declared,
                                    "source", source, "newestClass", j.newestClass()),
                            List.of(j.newestClass() + ": class-file major version " + j.classMajor() + " (Java " + j.javaVersion() + ")"));
                }
            }
        }
    }

    /** The Java release from METADATA's Requires-External, 0 when not declared. */
    static int declaredJava(WheelFacts w) {
        if (w.metadata() == null) {
            return 0;
        }
        for (String req : w.metadata().all("Requires-External")) {
            int release = requiresJava(req);
            if (release >= 0) {
                return release;
            }
        }
        return 0;
    }

    private static final java.util.List<String> JAVA_NAMES = java.util.List.of("openjdk", "java", "jre", "jdk");

    /**
     * The release N of {@code java (>=N)} (also {@code jre}, {@code jdk}, {@code openjdk}, a
     * {@code 1.} prefix as in {@code >=1.8}, with or without the parenthesis), -1 when the value
     * says something else. A hand-written scan: the value is the wheel's, of any length; a
     * release of more than four digits is no Java release, so not a declaration either.
     */
    static int requiresJava(String value) {
        String v = value.strip();
        int i = -1;
        for (String name : JAVA_NAMES) {
            if (v.regionMatches(true, 0, name, 0, name.length())) {
                i = name.length();
                break;
            }
        }
        if (i < 0) {
            return -1;
        }
        i = spaces(v, i);
        if (i < v.length() && v.charAt(i) == '(') {
            i = spaces(v, i + 1);
        }
        if (!v.startsWith(">=", i)) {
            return -1;
        }
        i = spaces(v, i + 2);
        if (v.startsWith("1.", i)) {
            i += 2;
        }
        int start = i;
        while (i < v.length() && i - start <= 4 && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        if (i == start || i - start > 4) {
            return -1;
        }
        return Integer.parseInt(v, start, i, 10);
    }

    private static int spaces(String v, int i) {
        while (i < v.length() && Character.isWhitespace(v.charAt(i))) {
            i++;
        }
        return i;
    }
}
