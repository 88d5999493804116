package dev.wheelwright.build;

import java.nio.file.Path;
import java.util.List;

/**
 * How the wheels of one build are tried once built: with the build interpreter (a native
 * build), with a target interpreter under QEMU user-mode emulation (a cross build), or not at
 * all, and why.
 *
 * @param mode          native, QEMU or none
 * @param command       the user's test command (a shell command; {@code {python}} stands for the
 *                      interpreter, {@code {project}} for the project folder), or null: import
 *                      every top-level module the wheel ships
 * @param python        the interpreter's command line (native: the build interpreter; QEMU with a
 *                      given target interpreter: the emulator, -L, the sysroot and the
 *                      interpreter); empty when a Debian sysroot is still to be made
 * @param qemu          the emulator (QEMU mode), else null
 * @param sysroot       the target root file system the emulator reads libraries from, or null
 *                      to make one from Debian's packages in {@code cacheDir}
 * @param debianArch    Debian's name of the target CPU, for that sysroot
 * @param pythonVersion {@code 3.11}: the target interpreter's version
 * @param cacheDir      where made sysroots are kept
 * @param whyNot        for mode none: why no test can run
 */
public record TestPlan(Mode mode, String command, List<String> python, Path qemu, Path sysroot, String debianArch,
                       String pythonVersion, Path cacheDir, String whyNot) {

    public enum Mode {
        NATIVE("natively"), QEMU("under QEMU"), NONE("not tested");

        private final String words;

        Mode(String words) {
            this.words = words;
        }

        /** natively, under QEMU, not tested */
        public String words() {
            return words;
        }
    }

    public TestPlan {
        python = List.copyOf(python);
    }

    static TestPlan none(String why) {
        return new TestPlan(Mode.NONE, null, List.of(), null, null, null, null, null, why);
    }
}
