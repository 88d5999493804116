package dev.wheelwright.rules.checks;

/** WW-P018: CI builds manylinux wheels but no musllinux ones (Alpine Linux and other musl systems build from the sdist). */
public final class NoMusllinuxWheelsCheck extends MissingWheelFamilyCheck {
    public NoMusllinuxWheelsCheck() {
        super("linux", t -> t.startsWith("musllinux"));
    }
}
