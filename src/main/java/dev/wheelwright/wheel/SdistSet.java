package dev.wheelwright.wheel;

import java.util.List;

/** The source distributions of one audit, in the order given. */
public record SdistSet(List<SdistFacts> sdists) {
    public SdistSet {
        sdists = List.copyOf(sdists);
    }
}
