package dev.wheelwright.cli;

import picocli.CommandLine.IVersionProvider;

/** The tool's name and version, as reported in every output format. */
public final class Version implements IVersionProvider {
    public static final String NAME = "wheelwright";
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {NAME + " " + VERSION};
    }
}
