package dev.wheelwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the command tree, shared by the command line and the shell. */
@Command(name = "wheelwright",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Build, inspect and diagnose Python wheels per CPU architecture.",
        subcommands = {
            ShellCommand.class,
            InspectCommand.class,
            AuditCommand.class,
            DoctorCommand.class,
            BuildCommand.class,
            DepsCommand.class,
            TagsCommand.class,
            FuseCommand.class,
            RetagCommand.class,
            IndexAuditCommand.class,
            RepairCommand.class,
            FixCommand.class,
            RulesCommand.class,
            ExplainCommand.class,
        })
public final class WheelwrightCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
