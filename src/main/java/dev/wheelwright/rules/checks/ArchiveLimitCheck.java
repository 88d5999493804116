package dev.wheelwright.rules.checks;

import dev.wheelwright.facts.Facts;
import dev.wheelwright.rules.Check;
import dev.wheelwright.rules.Location;
import dev.wheelwright.wheel.WheelSet;
import java.util.List;
import java.util.Map;

/** An archive refused for an archive limit: one finding for it, the rest of the batch is audited. */
public final class ArchiveLimitCheck implements Check {
    @Override
    public void run(Facts facts, Hits hits) {
        for (WheelSet.RefusedArchive r : facts.get(WheelSet.class).map(WheelSet::refused).orElse(List.of())) {
            hits.add(new Location.WheelMember(r.archive(), null, null),
                    Map.of("wheel", r.filename(), "limit", r.limit(), "reason", r.reason()), List.of(r.reason()));
        }
    }
}
