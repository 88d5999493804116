package dev.wheelwright.cli;

import dev.wheelwright.wheel.WheelRetagger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wheelwright retag WHEEL... [--apply] [-o DIR]}. */
@Command(name = "retag",
        description = {
            "Compute the platform tag a wheel's binaries really support (archs present, highest minimum macOS, "
                + "manylinux policy of the glibc symbol versions, PE machine) and, with --apply, write the wheel under it.",
            "The input is never modified; the retagged wheel is written beside it (or into -o DIR). "
                + "Exit 1 when a wheel's tag promises more than its binaries deliver and --apply was not given; "
                + "a conservative tag is reported, not failed."},
        mixinStandardHelpOptions = true)
public final class RetagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WHEEL", arity = "1..*", description = "Wheels to check.")
    List<Path> wheels;

    @Option(names = "--apply", description = "Write the retagged wheel.")
    boolean apply;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Folder for retagged wheels (default: beside each input).")
    Path outDir;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only the wheels whose tag promises too much: what was or would be written.")
    boolean quiet;

    @Option(names = "--no-color", description = "Accepted for symmetry with the other commands: retag never colours its output.")
    boolean noColor;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int code = ExitCode.OK;
        // Read every input first: a bad wheel late in the list stops the run before anything is written.
        List<WheelRetagger.Plan> plans = new java.util.ArrayList<>();
        for (Path wheel : wheels) {
            plans.add(WheelRetagger.plan(wheel));
        }
        for (WheelRetagger.Plan plan : plans) {
            Path wheel = plan.wheel();
            boolean wrong = plan.wrong();
            if (quiet) {
                if (plan.changes() && apply) {
                    out.println(WheelRetagger.apply(plan, outDir != null ? outDir : wheel.toAbsolutePath().getParent()));
                } else if (wrong) {
                    out.println(wheel.getFileName() + " -> " + plan.filename());
                    code = ExitCode.FINDINGS;
                }
                continue;
            }
            out.println(wheel.getFileName());
            out.println("  tagged:    " + String.join(".", plan.current()));
            out.println("  binaries:  " + (plan.computed().isEmpty() ? "(none)" : String.join(".", plan.computed())));
            for (String note : plan.notes()) {
                out.println("  " + note);
            }
            if (!plan.changes()) {
                out.println("  the tag is right; nothing to do");
                continue;
            }
            if (wrong) {
                out.println("  the tag promises more than the binaries deliver: " + String.join(", ", plan.overPromising()));
            } else if (plan.current().stream().allMatch(c -> c.startsWith("linux_"))) {
                out.println("  the tag is honest but PyPI refuses linux_* tags: the binaries could be tagged "
                        + String.join(".", plan.computed()));
            } else {
                out.println("  the tag is conservative (it promises less than the binaries allow): it could be "
                        + String.join(".", plan.computed()));
            }
            if (apply) {
                Path dir = outDir != null ? outDir : wheel.toAbsolutePath().getParent();
                out.println("  wrote " + WheelRetagger.apply(plan, dir));
            } else {
                out.println("  would write " + plan.filename() + " (use --apply)");
                if (wrong) {
                    code = ExitCode.FINDINGS;
                }
            }
        }
        return code;
    }
}
