package dev.wheelwright.rules.checks;

/** WW-P019: CI builds macOS wheels for Apple silicon only (often since macos-latest became arm64): Intel Macs build from the sdist. */
public final class NoIntelMacosWheelsCheck extends MissingWheelFamilyCheck {
    public NoIntelMacosWheelsCheck() {
        super("macos", t -> t.endsWith("_x86_64"));
    }
}
