package dev.wheelwright.index;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The fields of a distribution's core metadata this part needs: Requires-Dist,
 * Requires-Python and Provides-Extra. Core metadata is RFC 822 style headers (core metadata
 * specification, "Metadata-Version" 1.0 - 2.4); continuation lines start with whitespace and the
 * headers end at the first empty line (the description body follows).
 *
 * @param requiresDist   every Requires-Dist value, in order (PEP 508 strings)
 * @param requiresPython the Requires-Python value, or null
 * @param providesExtra  the extras declared
 */
public record CoreMetadata(List<String> requiresDist, String requiresPython, List<String> providesExtra) {

    public CoreMetadata {
        requiresDist = List.copyOf(requiresDist);
        providesExtra = List.copyOf(providesExtra);
    }

    public static CoreMetadata parse(String text) {
        List<String> requires = new ArrayList<>();
        List<String> extras = new ArrayList<>();
        String requiresPython = null;
        String name = null;
        StringBuilder value = new StringBuilder();
        List<String[]> headers = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(new String[] {name, value.toString().strip()});
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            headers.add(new String[] {name, value.toString().strip()});
        }
        for (String[] h : headers) {
            switch (h[0]) {
                case "requires-dist" -> requires.add(h[1]);
                case "requires-python" -> requiresPython = h[1].isEmpty() ? null : h[1];
                case "provides-extra" -> extras.add(h[1]);
                default -> { }
            }
        }
        return new CoreMetadata(requires, requiresPython, extras);
    }

    /** Reads {@code *.dist-info/METADATA} of a wheel held in memory. */
    public static CoreMetadata fromWheel(String wheelName, byte[] wheel) {
        try (InputStream in = new ByteArrayInputStream(wheel)) {
            return fromWheel(wheelName, in);
        } catch (IOException e) {
            throw new IndexException(wheelName + ": unreadable wheel (" + dev.wheelwright.InputExcerpt.of(String.valueOf(e.getMessage())) + ")");
        }
    }

    public static CoreMetadata fromWheel(Path wheel) {
        try (InputStream in = Files.newInputStream(wheel)) {
            return fromWheel(wheel.toString(), in);
        } catch (IOException e) {
            throw new IndexException(wheel + ": unreadable wheel (" + dev.wheelwright.InputExcerpt.of(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static CoreMetadata fromWheel(String wheelName, InputStream in) throws IOException {
        // PEP 427: the metadata is {distribution}-{version}.dist-info/METADATA at the archive root.
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = next(zip, wheelName); e != null; e = next(zip, wheelName)) {
                String n = e.getName();
                if (n.endsWith(".dist-info/METADATA") && n.indexOf('/') == n.length() - "/METADATA".length()) {
                    byte[] data = zip.readNBytes(4 * 1024 * 1024);
                    return parse(new String(data, StandardCharsets.UTF_8));
                }
            }
        }
        throw new IndexException(wheelName + ": no .dist-info/METADATA in the wheel");
    }

    /** The next entry; a name that is not UTF-8 (ZipInputStream's IllegalArgumentException) is this wheel's defect, one line. */
    private static ZipEntry next(ZipInputStream zip, String wheelName) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IndexException(wheelName + ": unreadable wheel (a member name is not valid UTF-8: "
                    + dev.wheelwright.InputExcerpt.of(String.valueOf(e.getMessage())) + ")");
        }
    }
}
