package dev.wheelwright.facts;

import java.util.List;

/**
 * The platforms a release must serve, as the user named them ({@code doctor --target
 * macosx_11_0_arm64}); project rules compare them with what CI builds. Platforms declared in the
 * project's {@code [tool.wheelwright] targets} come with the project facts instead.
 */
public record RequestedTargets(List<String> platforms) {
    public RequestedTargets {
        platforms = List.copyOf(platforms);
    }
}
