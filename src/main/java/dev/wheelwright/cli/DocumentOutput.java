package dev.wheelwright.cli;

import dev.wheelwright.AtomicFiles;
import dev.wheelwright.WheelwrightException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command that prints a document (not findings) writes it: {@code rules}, {@code rules
 * show}, {@code explain}. They write text or JSON, to stdout or, with {@code -o FILE}, to FILE
 * through a temporary file and a rename (cli.md "Common options"), so a failed run leaves nothing
 * half-written.
 */
final class DocumentOutput {
    private DocumentOutput() {}

    /** Refuses a --format the command does not write, before any work. */
    static void validate(CommonOptions common, String command) {
        if (!common.format.equals("text") && !common.format.equals("json")) {
            throw new WheelwrightException("--format " + common.format + ": '" + command + "' writes text or json");
        }
        if (common.output != null) {
            AtomicFiles.checkTarget(common.output);
        }
    }

    /**
     * A JSON document as every command writes it: {@code schemaVersion} and {@code tool} first,
     * then the fields of {@code body} (docs/cli.md, "JSON documents").
     */
    static com.fasterxml.jackson.databind.node.ObjectNode document(int schemaVersion,
            com.fasterxml.jackson.databind.node.ObjectNode body) {
        var doc = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        doc.put("schemaVersion", schemaVersion);
        var tool = doc.putObject("tool");
        tool.put("name", Version.NAME);
        tool.put("version", Version.VERSION);
        doc.setAll(body);
        return doc;
    }

    static boolean json(CommonOptions common) {
        return common.format.equals("json");
    }

    /** Writes the whole document to -o FILE, or prints it. */
    static void write(CommandSpec spec, CommonOptions common, String document) {
        if (common.output != null) {
            AtomicFiles.writeString(common.output, document);
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(document);
        out.flush();
    }
}
