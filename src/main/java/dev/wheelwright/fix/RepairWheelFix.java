package dev.wheelwright.fix;

import dev.wheelwright.project.ProjectFacts;
import java.nio.file.Path;

/**
 * The fix of the binary findings that bundling repairs (external-shared-library, external-dylib, external-dll,
 * unresolved-rpath): it works on a wheel, not on a project's files, so {@code fix} hands it to
 * the {@code repair} command; as a project fix it has nothing to change.
 */
public final class RepairWheelFix implements FixAction {
    @Override
    public String id() {
        return "repair";
    }

    @Override
    public String summary() {
        return "Bundle the external libraries into the wheel and rewrite its binaries (wheelwright repair).";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts project) {
        throw new FixRefusedException("repair works on a wheel, not on a project folder: wheelwright repair WHEEL -o DIR");
    }
}
