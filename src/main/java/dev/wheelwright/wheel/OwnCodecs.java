package dev.wheelwright.wheel;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The zip methods that the wheel reader decompresses itself rather than through commons-compress:
 * xz (method 95), which commons-compress would decode with no memory limit, so that a header
 * declaring a 1.5 GB dictionary would be allocated; and LZMA (method 14, which Python's zipfile
 * writes and reads), which commons-compress' ZipFile does not read at all. Both use the xz
 * library with a bounded dictionary. PKWARE APPNOTE 4.4.5 numbers the methods; 5.8.8 lays out
 * an LZMA member.
 */
final class OwnCodecs {
    static final int LZMA = 14;
    static final int XZ = 95;
    /** Largest dictionary (and so memory) one member may ask for: xz -9 and 7-Zip's ultra use 64 MiB. */
    static final int MAX_DICTIONARY = 64 << 20;

    private OwnCodecs() {}

    static boolean handles(ZipArchiveEntry e) {
        return (e.getMethod() == LZMA || e.getMethod() == XZ) && !e.getGeneralPurposeBit().usesEncryption();
    }

    static InputStream open(ZipFile zip, ZipArchiveEntry e) throws IOException {
        InputStream raw = zip.getRawInputStream(e);
        if (raw == null) {
            throw new java.util.zip.ZipException("no data for the member");
        }
        if (e.getMethod() == XZ) {
            return new XZInputStream(raw, MAX_DICTIONARY / 1024 + 1024);
        }
        // LZMA in a zip: LZMA SDK version (2 bytes), properties size (2 bytes, little-endian, 5),
        // properties (lc/lp/pb byte and dictionary size), then the stream; general-purpose bit 1
        // says it ends with an end marker, else the entry's size ends it
        byte[] header = raw.readNBytes(4);
        if (header.length < 4) {
            throw new java.io.EOFException("LZMA header cut short");
        }
        int propsSize = (header[2] & 0xff) | (header[3] & 0xff) << 8;
        if (propsSize != 5) {
            throw new java.util.zip.ZipException("LZMA properties of " + propsSize + " bytes, not 5");
        }
        byte[] props = raw.readNBytes(5);
        if (props.length < 5) {
            throw new java.io.EOFException("LZMA properties cut short");
        }
        long dict = (props[1] & 0xffL) | (props[2] & 0xffL) << 8 | (props[3] & 0xffL) << 16 | (props[4] & 0xffL) << 24;
        if (dict > MAX_DICTIONARY) {
            throw new java.util.zip.ZipException("LZMA dictionary of " + dict + " bytes, more than the limit of " + MAX_DICTIONARY);
        }
        boolean endMarker = usesEndMarker(e);
        long size = endMarker || e.getSize() < 0 ? -1 : e.getSize();
        LZMAInputStream in = new LZMAInputStream(raw, size, props[0], (int) dict);
        if (size >= 0) {
            in.enableRelaxedEndCondition();
        }
        return in;
    }

    /** General-purpose bit 1 of an LZMA member: the stream ends with an end-of-stream marker. */
    private static boolean usesEndMarker(ZipArchiveEntry e) {
        return (e.getRawFlag() & 0x02) != 0;
    }

    /** A method as messages name it: its number and, when APPNOTE names it, the name. */
    static String methodName(int method) {
        ZipMethod m = ZipMethod.getMethodByCode(method);
        String name = switch (method) {
            case 93 -> "zstd";
            case 95 -> "xz";
            case 14 -> "LZMA";
            case 12 -> "bzip2";
            case 9 -> "deflate64";
            case 98 -> "PPMd";
            case 97 -> "WavPack";
            case 19 -> "IBM LZ77";
            case 18 -> "IBM TERSE";
            default -> m == null ? null : m.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return method + (name == null ? "" : " (" + name + ")");
    }
}
