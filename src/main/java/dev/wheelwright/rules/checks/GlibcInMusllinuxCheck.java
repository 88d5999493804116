package dev.wheelwright.rules.checks;

/** A glibc-linked ELF binary in a musllinux wheel (PEP 656). */
public final class GlibcInMusllinuxCheck extends LibcMismatchCheck {
    public GlibcInMusllinuxCheck() {
        super("musllinux", false);
    }
}
