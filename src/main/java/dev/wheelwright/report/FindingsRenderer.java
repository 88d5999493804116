package dev.wheelwright.report;

import java.io.IOException;
import java.io.Writer;

/** One output format of a findings report. Writes to the given writer only; never prints. */
public interface FindingsRenderer {
    void render(FindingsReport report, Writer out) throws IOException;

    /** The renderer for a {@code --format} name, or null when there is none. */
    static FindingsRenderer forFormat(String format, boolean color) {
        return switch (format) {
            case "text" -> new TextRenderer(color);
            case "json" -> new JsonRenderer();
            case "sarif" -> new SarifRenderer();
            case "github" -> new GithubRenderer();
            case "junit" -> new JunitRenderer();
            case "html" -> new HtmlRenderer();
            default -> null;
        };
    }

    /** The format names, for messages and completion. */
    java.util.List<String> FORMATS = java.util.List.of("text", "json", "sarif", "junit", "github", "html");
}
