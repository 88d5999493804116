package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.wheel.WheelFacts;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundled jar with classes compiled for a newer Java than the wheel supports: the JVM refuses
 * them with UnsupportedClassVersionError. The supported Java is {@code --java N} when given,
 * else the wheel's own declaration in core metadata, {@code Requires-External: java (>=N)} (also
 * {@code jre}, {@code jdk}, {@code openjdk}); with neither, there is nothing to compare against.
 */
public final class JarNeedsNewerJavaCheck implements Check {
    private static final Pattern REQUIRES_JAVA = Pattern.compile(
            "(?i)(java|jre|jdk|openjdk)\\s*\\(?\\s*>=\\s*(1\\.)?(\\d+).*");

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
            Matcher m = REQUIRES_JAVA.matcher(req.strip());
            if (m.matches()) {
                return Integer.parseInt(m.group(3));
            }
        }
        return 0;
    }
}
