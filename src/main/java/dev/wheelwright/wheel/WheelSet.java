package dev.wheelwright.wheel;

import java.util.List;

/** The wheels one run reads (the {@code audit} arguments, a wheelhouse), in the order given. */
public record WheelSet(List<WheelFacts> wheels) {
    public WheelSet {
        wheels = List.copyOf(wheels);
    }
}
