package dev.wheelwright.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Finding;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleEngine;
import dev.wheelwright.wheel.AuditPolicy;
import dev.wheelwright.wheel.WheelFacts;
import dev.wheelwright.wheel.WheelMember;
import dev.wheelwright.wheel.WheelSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the wheel rules over a wheel of many hostile member names (unsafe paths named like
 * libraries, thousands of spellings of one name that differ in case) finish in linear time, and
 * each finding's message stays short.
 */
class HostileWheelFactsTest {
    static WheelFacts wheelOf(List<String> names) {
        List<WheelMember> members = new ArrayList<>();
        for (String n : names) {
            members.add(new WheelMember(n, 1, 1, false, "x"));
        }
        return new WheelFacts("fuzz.whl", "demo-1.0-py3-none-any.whl", members, List.of(), null, null, null, null,
                List.of(), Map.of(), List.of(), List.of(), List.of());
    }

    static List<Finding> audit(WheelFacts w) {
        Facts facts = Facts.builder().put(WheelSet.class, new WheelSet(List.of(w))).put(AuditPolicy.class, AuditPolicy.none()).build();
        return RuleEngine.run(RuleCatalog.load(List.of()).reading(Set.of(Reads.WHEEL, Reads.BINARY)), facts);
    }

    @Test
    void manyUnsafeNativeNamesAreLinear() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            names.add("../lib" + i + ".so.1");
        }
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> audit(wheelOf(names)));
        assertThat(findings.stream().filter(f -> f.message().contains("../lib39999.so.1"))).isNotEmpty();
    }

    @Test
    void thousandsOfSpellingsOfOneNameAreOneShortFinding() {
        String base = "demo/modulename.py";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            StringBuilder sb = new StringBuilder(base);
            for (int b = 0; b < 12; b++) {
                if ((i >> b & 1) != 0) {
                    sb.setCharAt(5 + b, Character.toUpperCase(sb.charAt(5 + b)));
                }
            }
            names.add(sb.toString());
        }
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> audit(wheelOf(names)));
        List<Finding> collisions = findings.stream().filter(f -> f.message().contains("differs only in case")).toList();
        assertThat(collisions).hasSize(1);
        assertThat(collisions.get(0).message()).containsPattern("from [^,]+, [^,]+, [^,]+, \\.\\.\\. and [0-9]{4} more$").hasSizeLessThan(1000);
        assertThat(collisions.get(0).evidence()).hasSizeLessThanOrEqualTo(RuleEngine.MAX_EVIDENCE + 1);
    }
}
