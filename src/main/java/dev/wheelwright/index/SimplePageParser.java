package dev.wheelwright.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project page of a simple repository in either of its two forms: PEP 691 JSON
 * ({@code application/vnd.pypi.simple.v1+json}) and PEP 503 HTML (with the PEP 592, PEP 658 and
 * PEP 714 data attributes).
 */
public final class SimplePageParser {
    /** PEP 691: the JSON content type of API version 1. */
    public static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    /** PEP 691: the HTML content type of API version 1. */
    public static final String HTML_TYPE = "application/vnd.pypi.simple.v1+html";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * An attribute, its value double-quoted, single-quoted or bare. A bare value runs to the next
     * space or {@code >} and may hold {@code =}, as browsers and Python's html.parser (which pip
     * uses) read it: {@code href=demo-1.0.tar.gz#sha256=...} is common on hand-made pages.
     */
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>][^\\s>]*)))?");

    private SimplePageParser() {}

    /**
     * Parses a page by its content type: JSON for PEP 691 JSON types, HTML for the PEP 691 HTML
     * type and {@code text/html} (PEP 503). Any other type is not a project page (pip refuses it
     * too: "The only supported Content-Types are ..."), e.g. a proxy's plain-text error or a file
     * server's listing of something else; a page without a content type is read by its first
     * character.
     *
     * @throws IndexException naming the page for an unsupported content type or a malformed page
     */
    public static List<DistributionFile> parse(String contentType, String body, URI pageUrl, String source) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        String mime = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
        if (mime.isEmpty()) {
            return body.stripLeading().startsWith("{") ? parseJson(body, pageUrl, source) : parseHtml(body, pageUrl, source);
        }
        if (mime.equals(JSON_TYPE) || mime.equals("application/json") || mime.endsWith("+json")) {
            return parseJson(body, pageUrl, source);
        }
        if (mime.equals(HTML_TYPE) || mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
            return parseHtml(body, pageUrl, source);
        }
        throw new IndexException(pageUrl + ": not a project page (Content-Type " + mime
                + "; expected " + JSON_TYPE + ", " + HTML_TYPE + " or text/html)");
    }

    /**
     * PEP 691 "JSON Serialization": {@code files} is a list of objects with {@code filename},
     * {@code url} (relative to the page), {@code hashes}, optional {@code requires-python},
     * {@code yanked} (bool or reason) and {@code core-metadata}/{@code dist-info-metadata}
     * (bool or hashes; PEP 714 renamed the key, both are accepted).
     */
    public static List<DistributionFile> parseJson(String body, URI pageUrl, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The parser's own words and where it stopped, without its source-description noise.
            String what = e.getOriginalMessage() == null ? "unreadable" : firstLine(e.getOriginalMessage())
                    .replaceAll("\\s*\\(start marker at .*$", "");
            // Jackson quotes the offending token whole; a garbage page would flood the line.
            what = what.replaceAll("'([^']{40})[^']{4,}'", "'$1...'");
            var loc = e.getLocation();
            throw new IndexException(pageUrl + ": malformed JSON project page (" + dev.wheelwright.InputExcerpt.of(what)
                    + (loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "") + ")");
        } catch (Exception e) {
            throw new IndexException(pageUrl + ": malformed JSON project page (" + dev.wheelwright.InputExcerpt.of(firstLine(e.getMessage())) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IndexException(pageUrl + ": malformed JSON project page (not an object)");
        }
        JsonNode meta = root.path("meta").path("api-version");
        if (meta.isTextual() && !meta.asText().startsWith("1.")) {
            // PEP 691: a client must refuse a major version it does not know.
            throw new IndexException(pageUrl + ": unsupported simple API version " + dev.wheelwright.InputExcerpt.of(meta.asText()));
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw new IndexException(pageUrl + ": malformed JSON project page (no \"files\" list)");
        }
        List<DistributionFile> out = new ArrayList<>();
        for (JsonNode f : files) {
            String filename = f.path("filename").asText(null);
            String url = f.path("url").asText(null);
            if (filename == null || url == null) {
                throw new IndexException(pageUrl + ": malformed JSON project page (a file without filename or url)");
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            f.path("hashes").fields().forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
            String requiresPython = f.hasNonNull("requires-python") ? f.get("requires-python").asText() : null;
            JsonNode y = f.path("yanked");
            boolean yanked = y.isTextual() || (y.isBoolean() && y.asBoolean());
            String reason = y.isTextual() && !y.asText().isEmpty() ? y.asText() : null;
            JsonNode md = f.has("core-metadata") ? f.get("core-metadata") : f.path("dist-info-metadata");
            boolean hasMetadata = md.isObject() || (md.isBoolean() && md.asBoolean());
            Map<String, String> mdHashes = new LinkedHashMap<>();
            md.fields().forEachRemaining(e -> mdHashes.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            out.add(new DistributionFile(filename, resolve(pageUrl, url), hashes,
                    blankToNull(requiresPython), yanked, reason, hasMetadata, source, mdHashes));
        }
        return out;
    }

    /**
     * PEP 503: every anchor is a file; its text is the file name, its href the URL (with an
     * optional {@code #<hashname>=<hex>} fragment); {@code data-requires-python} is HTML-escaped;
     * PEP 592 {@code data-yanked} (value = reason); PEP 658 {@code data-dist-info-metadata} and
     * PEP 714 {@code data-core-metadata} ({@code true} or {@code <hashname>=<hex>}).
     */
    public static List<DistributionFile> parseHtml(String body, URI pageUrl, String source) {
        // Tags are found by a scan, not by patterns like <a\s[^>]*>: over a page of 100,000
        // "<a " that never close, each would run to the page's end (quadratic). A start tag with
        // no '>' after it means no later tag closes either: the scan stops there.
        URI base = pageUrl;
        int[] baseTag = startTag(body, "base", 0);
        if (baseTag != null) {
            String href = attributes(body.substring(baseTag[0], baseTag[1])).get("href");
            if (href != null && !href.isBlank()) {
                base = resolve(pageUrl, href);
            }
        }
        List<DistributionFile> out = new ArrayList<>();
        for (int[] tag = startTag(body, "a", 0); tag != null; tag = startTag(body, "a", tag[1] + 1)) {
            Map<String, String> attrs = attributes(body.substring(tag[0], tag[1]));
            String href = attrs.get("href");
            if (href == null || href.isEmpty()) {
                continue;
            }
            URI url;
            try {
                url = resolve(base, href);
            } catch (IndexException e) {
                continue; // pip skips a link it cannot parse; the other files of the page still count
            }
            // the anchor's text runs to </a> or the next anchor (an unclosed one ends there)
            String text = body.substring(tag[1] + 1, anchorTextEnd(body, tag[1] + 1));
            Map<String, String> hashes = new LinkedHashMap<>();
            String fragment = url.getRawFragment();
            if (fragment != null && fragment.contains("=")) {
                hashes.put(fragment.substring(0, fragment.indexOf('=')), fragment.substring(fragment.indexOf('=') + 1));
            }
            if (fragment != null) {
                // The fragment carries the hash only; the file is the URL without it.
                try {
                    url = withoutFragment(url);
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    continue; // as a link that does not parse
                }
            }
            // pip names a file by its URL (Link.filename), not by the anchor text, which directory
            // listings shorten ("numpy-1.26.4-cp39-cp39-manyl..>"); the text serves when the URL has none.
            String filename = lastPathPart(url);
            if (filename.isEmpty()) {
                filename = unescape(withoutTags(text)).strip();
            }
            boolean yanked = attrs.containsKey("data-yanked");
            String reason = yanked ? blankToNull(attrs.get("data-yanked")) : null;
            String md = attrs.containsKey("data-core-metadata") ? attrs.get("data-core-metadata")
                    : attrs.get("data-dist-info-metadata");
            boolean hasMetadata = md != null && !md.equalsIgnoreCase("false");
            // PEP 658: the value is "true" or "<hashname>=<hexdigest>".
            Map<String, String> mdHashes = md != null && md.indexOf('=') > 0
                    ? Map.of(md.substring(0, md.indexOf('=')).strip().toLowerCase(Locale.ROOT), md.substring(md.indexOf('=') + 1).strip())
                    : Map.of();
            out.add(new DistributionFile(filename, url, hashes, blankToNull(attrs.get("data-requires-python")),
                    yanked, reason, hasMetadata, source, mdHashes));
        }
        return out;
    }

    /** The URL without its {@code #fragment}, every other part as written. */
    private static URI withoutFragment(URI url) throws java.net.URISyntaxException {
        String s = url.toString();
        int hash = s.indexOf('#');
        return new URI(hash < 0 ? s : s.substring(0, hash));
    }

    /**
     * The next start tag {@code <name} followed by white space (any case), from {@code from}:
     * {start of its attributes, index of its '>'}; null when there is none, or when it has no '>'.
     */
    static int[] startTag(String body, String name, int from) {
        int n = body.length();
        for (int i = body.indexOf('<', from); i >= 0 && i + 1 + name.length() < n; i = body.indexOf('<', i + 1)) {
            int after = i + 1 + name.length();
            if (body.regionMatches(true, i + 1, name, 0, name.length()) && isSpace(body.charAt(after))) {
                int close = body.indexOf('>', after);
                return close < 0 ? null : new int[] {after + 1, close};
            }
        }
        return null;
    }

    /** Where an anchor's text that starts at {@code from} ends: at {@code </a>} (spaces allowed before '>'), the next {@code <a }, or the page's end. */
    private static int anchorTextEnd(String body, int from) {
        int n = body.length();
        for (int i = body.indexOf('<', from); i >= 0; i = body.indexOf('<', i + 1)) {
            if (i + 2 < n && (body.charAt(i + 1) == 'a' || body.charAt(i + 1) == 'A') && isSpace(body.charAt(i + 2))) {
                return i;
            }
            if (i + 2 < n && body.charAt(i + 1) == '/' && (body.charAt(i + 2) == 'a' || body.charAt(i + 2) == 'A')) {
                int j = i + 3;
                while (j < n && isSpace(body.charAt(j))) {
                    j++;
                }
                if (j < n && body.charAt(j) == '>') {
                    return i;
                }
            }
        }
        return n;
    }

    /** Text with every {@code <...>} taken out; a '<' that nothing closes stays. */
    private static String withoutTags(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int lt = text.indexOf('<', i);
            int gt = lt < 0 ? -1 : text.indexOf('>', lt);
            if (gt < 0) {
                sb.append(text, i, text.length());
                break;
            }
            sb.append(text, i, lt);
            i = gt + 1;
        }
        return sb.toString();
    }

    /** White space as a regex's {@code \s} reads it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
            attrs.put(a.group(1).toLowerCase(Locale.ROOT), value == null ? "" : unescape(value));
        }
        return attrs;
    }

    static URI resolve(URI base, String ref) {
        try {
            return base.resolve(URI.create(ref.strip().replace(" ", "%20")));
        } catch (IllegalArgumentException e) {
            throw new IndexException(base + ": malformed link '" + dev.wheelwright.InputExcerpt.of(ref) + "'");
        }
    }

    static String lastPathPart(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return URLDecoder.decode(last, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return last; // an escape URLDecoder refuses ("%" at the end): the name as written
        }
    }

    /** Decodes the HTML character references a simple page uses (named basics and numeric). */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String ent = s.substring(i + 1, semi);
                String rep = switch (ent.toLowerCase(Locale.ROOT)) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> numeric(ent);
                };
                if (rep != null) {
                    sb.append(rep);
                    i = semi + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static String numeric(String ent) {
        try {
            if (ent.startsWith("#x") || ent.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
            }
            if (ent.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(ent.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
