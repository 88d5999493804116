package dev.wheelwright.devtmp;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.cases.WheelCaseLoader;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import org.junit.jupiter.api.Test;

class RunCasesDev {
    @Test
    void run() throws Exception {
        String only = System.getenv().getOrDefault("RULE", "");
        try (var dirs = Files.walk(Path.of("rules"), 2)) {
            for (Path d : dirs.filter(p -> Files.exists(p.resolve("rule.yaml"))).sorted().toList()) {
                if (!d.toString().contains(only)) continue;
                String yaml = Files.readString(d.resolve("rule.yaml"));
                Matcher cm = Pattern.compile("check: (\\w+)").matcher(yaml);
                Matcher mm = Pattern.compile("message: \"(.*)\"").matcher(yaml);
                if (!cm.find() || !mm.find()) continue;
                Check check = (Check) Class.forName("dev.wheelwright.rules.checks." + cm.group(1)).getDeclaredConstructor().newInstance();
                try (var cases = Files.list(d.resolve("cases"))) {
                    for (Path c : cases.sorted().toList()) {
                        String n = c.getFileName().toString();
                        if (n.endsWith(".expected.yaml")) continue;
                        Facts f = new WheelCaseLoader().load(c, d);
                        System.out.println("== " + d.getFileName() + " / " + n);
                        check.run(f, (loc, vals, ev) -> {
                            String msg = mm.group(1);
                            for (var e : vals.entrySet()) msg = msg.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
                            System.out.println("   " + msg + "   @ " + loc.display() + "   " + ev);
                        });
                    }
                }
            }
        }
    }
}
