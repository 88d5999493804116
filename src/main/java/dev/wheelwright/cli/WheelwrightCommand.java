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
            DoctorCommand.class,
            RulesCommand.class,
            ExplainCommand.class,
            FuseCommand.class,
            RetagCommand.class,
            InspectCommand.class,
            TagsCommand.class,
                InspectCommand.class,
                DoctorCommand.class,
                AuditCommand.class,
                RulesCommand.class,
                ExplainCommand.class,
                FixCommand.class,
                TagsCommand.class,
            TagsCommand.class,
            DepsCommand.class,
                DoctorCommand.class,
                RulesCommand.class,
                ExplainCommand.class,
                ShellCommand.class,
                BuildCommand.class,
                TagsCommand.class,
                DoctorCommand.class,
                RulesCommand.class,
                ExplainCommand.class,
                TagsCommand.class,
        })
public final class WheelwrightCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
