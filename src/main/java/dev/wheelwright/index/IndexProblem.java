package dev.wheelwright.index;

import java.util.List;

/**
 * A place pip would look that could not be read: an index page that is unreachable, answers
 * with an error status or is malformed, a find-links location that cannot be listed, a page that
 * is not in the cache under {@code --offline}, or a file whose metadata cannot be fetched. pip
 * says "Could not fetch URL ...: ... - skipping" and goes on with the other sources; so does
 * {@code deps}, and the WW-D003 rule turns each problem into a finding.
 *
 * @param kind     a project page (the dependency could not be looked up there) or a file's
 *                 metadata (the dependency's own dependencies are unknown)
 * @param url      the URL (or folder) that failed
 * @param source   the index base URL or find-links location it belongs to
 * @param reason   what went wrong, one line, without the URL
 * @param packages the dependencies (normalised names) that needed it, in first-seen order
 */
public record IndexProblem(Kind kind, String url, String source, String reason, List<String> packages) {

    /** What could not be read. */
    public enum Kind {
        PAGE, METADATA;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public IndexProblem {
        packages = List.copyOf(packages);
    }

    /** The one line printed on stderr: {@code URL: reason}. */
    public String message() {
        return url + ": " + reason;
    }

    /**
     * Splits an {@link IndexException} message ({@code "URL: reason"}, the form every index error
     * has) into URL and reason. A URL has no ": " in it, so the first one ends it.
     */
    static IndexProblem of(Kind kind, String message, String source, String pkg) {
        int i = message.indexOf(": ");
        String url = i > 0 ? message.substring(0, i) : source;
        String reason = i > 0 ? message.substring(i + 2) : message;
        return new IndexProblem(kind, url, source, reason, pkg == null ? List.of() : List.of(pkg));
    }
}
