package dev.wheelwright.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of the commands that report findings (audit, doctor, build), besides
 * {@link CommonOptions}. Mixed in with {@code @Mixin FindingsOptions findings;}.
 */
public final class FindingsOptions {

    @Option(names = "--ignore", paramLabel = "RULE",
            description = "Report findings of RULE (name or id; repeatable, or comma-separated) as suppressed.")
    public List<String> ignore = new ArrayList<>();
}
