package dev.wheelwright.fix;

import java.util.List;
import java.util.Optional;

/** The machine-applicable fixes wheelwright has, by id. */
public final class FixActions {
    private static final List<FixAction> ALL = List.of(new PyprojectBuildSystemFix(), new RemoveWheelBuildRequirementFix(),
            new NativeRunnersFix(), new ReplaceRetiredRunnerFix(), new BumpCibuildwheelFix(), new RepairWheelFix());

    private FixActions() {}

    public static List<FixAction> all() {
        return ALL;
    }

    public static Optional<FixAction> byId(String id) {
        return ALL.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
