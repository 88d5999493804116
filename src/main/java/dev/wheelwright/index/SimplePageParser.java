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
    /** An anchor's start tag; its text runs to {@code </a>} or the next anchor (an unclosed one ends there). */
    private static final Pattern ANCHOR = Pattern.compile("<a\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR_END = Pattern.compile("</a\\s*>|<a\\s", Pattern.CASE_INSENSITIVE);
    /**
     * An attribute, its value double-quoted, single-quoted or bare. A bare value runs to the next
     * space or {@code >} and may hold {@code =}, as browsers and Python's html.parser (which pip
     * uses) read it: {@code href=demo-1.0.tar.gz#sha256=...} is common on hand-made pages.
     */
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>][^\\s>]*)))?");
    private static final Pattern BASE = Pattern.compile("<base\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

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
            throw new IndexException(pageUrl + ": malformed JSON project page (" + what
                    + (loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "") + ")");
        } catch (Exception e) {
            throw new IndexException(pageUrl + ": malformed JSON project page (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IndexException(pageUrl + ": malformed JSON project page (not an object)");
        }
        JsonNode meta = root.path("meta").path("api-version");
        if (meta.isTextual() && !meta.asText().startsWith("1.")) {
            // PEP 691: a client must refuse a major version it does not know.
            throw new IndexException(pageUrl + ": unsupported simple API version " + meta.asText());
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
        URI base = pageUrl;
        Matcher bm = BASE.matcher(body);
        if (bm.find()) {
            String href = attributes(bm.group(1)).get("href");
            if (href != null && !href.isBlank()) {
                base = resolve(pageUrl, href);
            }
        }
        List<DistributionFile> out = new ArrayList<>();
        Matcher m = ANCHOR.matcher(body);
        Matcher end = ANCHOR_END.matcher(body);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(1));
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
            String text = body.substring(m.end(), end.find(m.end()) ? end.start() : body.length());
            // pip names a file by its URL (Link.filename), not by the anchor text, which directory
            // listings shorten ("numpy-1.26.4-cp39-cp39-manyl..>"); the text serves when the URL has none.
            String filename = lastPathPart(url);
            if (filename.isEmpty()) {
                filename = unescape(TAG.matcher(text).replaceAll("")).strip();
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            String fragment = url.getRawFragment();
            if (fragment != null && fragment.contains("=")) {
                hashes.put(fragment.substring(0, fragment.indexOf('=')), fragment.substring(fragment.indexOf('=') + 1));
            }
            if (fragment != null) {
                // The fragment carries the hash only; the file is the URL without it.
                String s = url.toString();
                url = URI.create(s.substring(0, s.indexOf('#')));
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
            throw new IndexException(base + ": malformed link '" + ref + "'");
        }
    }

    static String lastPathPart(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(last, StandardCharsets.UTF_8);
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
