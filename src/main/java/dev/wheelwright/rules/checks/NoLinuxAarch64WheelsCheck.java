package dev.wheelwright.rules.checks;

/** WW-P017: CI builds Linux wheels, none for aarch64 (ARM servers, Raspberry Pi OS 64-bit, Graviton, Docker on Apple silicon). */
public final class NoLinuxAarch64WheelsCheck extends MissingWheelFamilyCheck {
    public NoLinuxAarch64WheelsCheck() {
        super("linux", t -> t.endsWith("_aarch64"));
    }
}
