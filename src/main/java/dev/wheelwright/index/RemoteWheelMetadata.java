package dev.wheelwright.index;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads {@code *.dist-info/METADATA} of a remote wheel with HTTP range requests instead of
 * downloading it: the end of the file (end of central directory record), then the central
 * directory if it was not in that tail, then the one member. Used when the index offers no
 * PEP 658 metadata file. Layout per the ZIP application note (APPNOTE.TXT 4.3.7 local file
 * header, 4.3.12 central directory header, 4.3.16 end of central directory record).
 *
 * <p>Returns empty whenever this cannot work (no range support, ZIP64, an unusual layout), so
 * the caller downloads the whole wheel instead.
 */
final class RemoteWheelMetadata {
    /** Enough for the end record plus the central directory of a typical wheel. */
    private static final int TAIL = 64 * 1024;
    private static final int EOCD_SIG = 0x06054b50;
    private static final int CDH_SIG = 0x02014b50;
    private static final int LFH_SIG = 0x04034b50;

    private RemoteWheelMetadata() {}

    /**
     * The core metadata, or empty when the file does not allow reading it in parts. A server that
     * ignores Range sends the whole wheel: it is checked against the index's hash and read.
     */
    static Optional<CoreMetadata> read(HttpFetcher http, DistributionFile file) {
        URI url = file.url();
        HttpFetcher.RangeResponse tail = http.getRange(url, "-" + TAIL);
        if (tail.status() == 200) {
            try {
                PackageFinder.verify(file, tail.body());
            } catch (IndexException e) {
                http.forget(url, HttpFetcher.rangeKey("-" + TAIL));
                throw e;
            }
            return Optional.of(CoreMetadata.fromWheel(url.toString(), tail.body()));
        }
        return readParts(http, url, tail).map(CoreMetadata::parse);
    }

    private static Optional<String> readParts(HttpFetcher http, URI url, HttpFetcher.RangeResponse tail) {
        if (tail.status() != 206) {
            return Optional.empty();
        }
        byte[] t = tail.body();
        int eocd = -1;
        for (int i = t.length - 22; i >= 0; i--) {
            if (le32(t, i) == EOCD_SIG) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return Optional.empty();
        }
        long cdSize = le32(t, eocd + 12) & 0xffffffffL;
        long cdOffset = le32(t, eocd + 16) & 0xffffffffL;
        if (cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            return Optional.empty(); // ZIP64: leave it to the full download
        }
        byte[] cd;
        int cdStart;
        if (cdOffset >= tail.start()) {
            cd = t;
            cdStart = (int) (cdOffset - tail.start());
        } else {
            HttpFetcher.RangeResponse r = http.getRange(url, cdOffset + "-" + (cdOffset + cdSize - 1));
            if (r.status() != 206) {
                return Optional.empty();
            }
            cd = r.body();
            cdStart = 0;
        }
        int p = cdStart;
        long end = cdStart + cdSize;
        while (p + 46 <= end && p + 46 <= cd.length && le32(cd, p) == CDH_SIG) {
            int method = le16(cd, p + 10);
            long compSize = le32(cd, p + 20) & 0xffffffffL;
            int nameLen = le16(cd, p + 28);
            int extraLen = le16(cd, p + 30);
            int commentLen = le16(cd, p + 32);
            long localOffset = le32(cd, p + 42) & 0xffffffffL;
            if (p + 46 + nameLen > cd.length) {
                return Optional.empty();
            }
            String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
            if (name.endsWith(".dist-info/METADATA") && name.indexOf('/') == name.length() - "/METADATA".length()) {
                if (compSize == 0xffffffffL || compSize > 8L * 1024 * 1024) {
                    return Optional.empty();
                }
                return member(http, url, localOffset, compSize, nameLen + extraLen, method);
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
        return Optional.empty();
    }

    private static Optional<String> member(HttpFetcher http, URI url, long offset, long compSize, int headerGuess,
            int method) {
        // The local header's extra field may differ from the central one: ask for a little more.
        long last = offset + 30 + headerGuess + compSize + 1024 - 1;
        HttpFetcher.RangeResponse r = http.getRange(url, offset + "-" + last);
        if (r.status() != 206) {
            return Optional.empty();
        }
        byte[] b = r.body();
        if (b.length < 30 || le32(b, 0) != LFH_SIG) {
            return Optional.empty();
        }
        int dataStart = 30 + le16(b, 26) + le16(b, 28);
        if (dataStart + compSize > b.length) {
            return Optional.empty();
        }
        byte[] data;
        if (method == 0) {
            data = java.util.Arrays.copyOfRange(b, dataStart, (int) (dataStart + compSize));
        } else if (method == 8) {
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(b, dataStart, (int) compSize);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    out.write(buf, 0, n);
                    if (out.size() > 8 * 1024 * 1024) {
                        return Optional.empty();
                    }
                }
                data = out.toByteArray();
            } catch (DataFormatException e) {
                return Optional.empty();
            } finally {
                inf.end();
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new String(data, StandardCharsets.UTF_8));
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
