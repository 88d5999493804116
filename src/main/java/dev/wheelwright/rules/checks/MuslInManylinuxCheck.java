package dev.wheelwright.rules.checks;

/** A musl-linked ELF binary in a manylinux (glibc) wheel. */
public final class MuslInManylinuxCheck extends LibcMismatchCheck {
    public MuslInManylinuxCheck() {
        super("manylinux", true);
    }
}
