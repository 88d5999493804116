package dev.wheelwright.cli;

import dev.wheelwright.wheel.WheelFuser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wheelwright fuse A.whl B.whl [-o DIR] [--prefer x86_64|arm64]}. */
@Command(name = "fuse",
        description = {
            "Merge a thin x86_64 and a thin arm64 macOS wheel of the same release into one universal2 wheel.",
            "Mach-O files present in both become fat files (x86_64 then arm64, aligned as lipo does); "
                + "identical files are kept once; WHEEL tags and RECORD are regenerated. "
                + "Files that differ and are not Mach-O stop the fuse unless --prefer names the side to keep."},
        mixinStandardHelpOptions = true)
public final class FuseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.whl", description = "One thin macOS wheel.")
    Path first;

    @Parameters(index = "1", paramLabel = "B.whl", description = "The other thin macOS wheel.")
    Path second;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the universal2 wheel (default: the current folder).")
    Path outDir;

    @Option(names = "--prefer", paramLabel = "ARCH",
            description = "For files that differ and are not Mach-O, keep the x86_64 or the arm64 wheel's copy.")
    String prefer;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--no-color", description = "Accepted for symmetry with the other commands: fuse never colours its output.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        WheelFuser.Result r = WheelFuser.fuse(first, second, outDir, prefer);
        if (!quiet) {
            var out = spec.commandLine().getOut();
            out.println(r.wheel());
            for (String f : r.fusedBinaries()) {
                out.println("  fused " + f + " (x86_64 + arm64)");
            }
            for (String f : r.preferred()) {
                out.println("  kept the " + prefer + " copy of " + f);
            }
        }
        return ExitCode.OK;
    }
}
