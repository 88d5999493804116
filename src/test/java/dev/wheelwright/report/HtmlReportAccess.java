package dev.wheelwright.report;

/** The page's escaping, for tests of other packages that compare page text with plain text. */
public final class HtmlReportAccess {
    private HtmlReportAccess() {}

    public static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
