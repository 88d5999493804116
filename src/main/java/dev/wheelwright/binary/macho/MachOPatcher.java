package dev.wheelwright.binary.macho;

import dev.wheelwright.binary.BinaryFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the load commands of a Mach-O file in pure Java, as {@code install_name_tool -change
 * / -id / -delete_rpath / -add_rpath} does, in every slice of a fat file: LC_LOAD_DYLIB (and the
 * weak, re-export, lazy and upward variants) names changed, LC_ID_DYLIB set, LC_RPATH removed and
 * added. The load commands must fit in the padding between them and the first section's content,
 * as install_name_tool requires; otherwise the slice is refused (relink with
 * {@code -headerpad_max_install_names}).
 *
 * <p>A slice with LC_CODE_SIGNATURE is signed anew ad hoc, as lld and llvm-objcopy sign
 * (lld's CodeSignatureSection, llvm-objcopy's MachOWriter::writeCodeSignatureData): an embedded
 * signature SuperBlob ({@code 0xfade0cc0}) holding one CodeDirectory ({@code 0xfade0c02},
 * version 0x20400 with the exec-segment fields), flags {@code CS_ADHOC | CS_LINKER_SIGNED},
 * SHA-256 hashes of every 4 KiB page up to the signature, the identifier kept from the old
 * signature; LC_CODE_SIGNATURE's size and __LINKEDIT's sizes follow the new blob.
 */
public final class MachOPatcher {
    static final int MH_MAGIC_64 = 0xfeedfacf;
    static final int LC_SEGMENT_64 = 0x19;
    static final int LC_ID_DYLIB = 0xd;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_LOAD_WEAK_DYLIB = 0x80000018;
    static final int LC_REEXPORT_DYLIB = 0x8000001f;
    static final int LC_LAZY_LOAD_DYLIB = 0x20;
    static final int LC_LOAD_UPWARD_DYLIB = 0x80000023;
    static final int LC_RPATH = 0x8000001c;
    static final int LC_CODE_SIGNATURE = 0x1d;
    static final int MH_EXECUTE = 2;
    static final int CPU_TYPE_ARM64 = 0x0100000c;

    static final int CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
    static final int CSMAGIC_CODEDIRECTORY = 0xfade0c02;
    static final int CS_SUPPORTSEXECSEG = 0x20400;
    static final int CS_ADHOC = 0x2;
    static final int CS_LINKER_SIGNED = 0x20000;
    static final int CD_SIZE = 88; // CS_CodeDirectory up to execSegFlags
    static final int BLOB_HEADERS = 24; // SuperBlob (12) + one BlobIndex (8), aligned to 8 as lld and llvm-objcopy write it
    static final int PAGE_SHIFT = 12;
    static final int HASH_SIZE = 32;
    static final int SHA256 = 2; // kSecCodeSignatureHashSHA256

    private MachOPatcher() {}

    /**
     * What to change.
     *
     * @param changeDylib  old library name to new name
     * @param installId    the new LC_ID_DYLIB name, null to keep it
     * @param removeRpaths LC_RPATH paths to delete
     * @param addRpaths    LC_RPATH paths to add (after the other load commands), skipped when present
     */
    public record Edit(Map<String, String> changeDylib, String installId, List<String> removeRpaths, List<String> addRpaths) {
        public Edit {
            changeDylib = Map.copyOf(changeDylib);
            removeRpaths = List.copyOf(removeRpaths);
            addRpaths = List.copyOf(addRpaths);
        }
    }

    /** Patches a thin or fat file; {@code name} names it in errors. */
    public static byte[] patch(String name, byte[] data, Edit edit) {
        if (MachOReader.isFat(data)) {
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
            int magic = b.getInt(0);
            int n = b.getInt(4);
            boolean fat64 = magic == 0xcafebabf;
            int entry = fat64 ? 32 : 20;
            if (n <= 0 || 8L + (long) n * entry > data.length) {
                throw new BinaryFormatException(name + ": fat header claims " + n + " slices");
            }
            List<MachOFatWriter.Thin> thins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int p = 8 + i * entry;
                long off = fat64 ? b.getLong(p + 8) : b.getInt(p + 8) & 0xffffffffL;
                long size = fat64 ? b.getLong(p + 16) : b.getInt(p + 12) & 0xffffffffL;
                if (off + size > data.length) {
                    throw new BinaryFormatException(name + ": slice " + i + " extends past the end of the file");
                }
                byte[] thin = Arrays.copyOfRange(data, (int) off, (int) (off + size));
                thins.add(new MachOFatWriter.Thin(name + " slice " + i, patchThin(name + " slice " + i, thin, edit)));
            }
            return MachOFatWriter.write(thins);
        }
        return patchThin(name, data, edit);
    }

    private record Cmd(int cmd, byte[] bytes) {}

    static byte[] patchThin(String name, byte[] data, Edit edit) {
        if (data.length < 32) {
            throw new BinaryFormatException(name + ": truncated Mach-O header");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MH_MAGIC_64) {
            throw new BinaryFormatException(name + ": not a little-endian 64-bit Mach-O slice (only those are rewritten)");
        }
        int cputype = b.getInt(4);
        int filetype = b.getInt(12);
        int ncmds = b.getInt(16);
        int sizeofcmds = b.getInt(20);
        if (32L + sizeofcmds > data.length) {
            throw new BinaryFormatException(name + ": load commands extend past the end of the file");
        }
        long limit = data.length;
        List<Cmd> cmds = new ArrayList<>();
        int p = 32;
        for (int i = 0; i < ncmds; i++) {
            if (p + 8 > 32 + sizeofcmds) {
                throw new BinaryFormatException(name + ": load command " + i + " extends past sizeofcmds");
            }
            int cmd = b.getInt(p);
            int size = b.getInt(p + 4);
            if (size < 8 || p + (long) size > 32L + sizeofcmds) {
                throw new BinaryFormatException(name + ": load command " + i + " has a bad cmdsize " + size);
            }
            if (cmd == LC_SEGMENT_64) {
                int nsects = b.getInt(p + 64);
                for (int s = 0; s < nsects; s++) {
                    int q = p + 72 + s * 80;
                    if (q + 80 > p + size) {
                        break;
                    }
                    long secSize = b.getLong(q + 40);
                    long off = b.getInt(q + 48) & 0xffffffffL;
                    int type = b.getInt(q + 64) & 0xff;
                    boolean zerofill = type == 1 || type == 0xc || type == 0x12;
                    if (!zerofill && off != 0 && secSize > 0) {
                        limit = Math.min(limit, off);
                    }
                }
            }
            cmds.add(new Cmd(cmd, Arrays.copyOfRange(data, p, p + size)));
            p += size;
        }
        // the edits
        List<Cmd> out = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Cmd c : cmds) {
            switch (c.cmd) {
                case LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB -> {
                    String lib = lcString(name, c.bytes, 8);
                    String to = edit.changeDylib().get(lib);
                    out.add(to == null ? c : new Cmd(c.cmd, dylibCommand(c.cmd, c.bytes, to)));
                }
                case LC_ID_DYLIB -> out.add(edit.installId() == null ? c : new Cmd(c.cmd, dylibCommand(c.cmd, c.bytes, edit.installId())));
                case LC_RPATH -> {
                    String path = lcString(name, c.bytes, 8);
                    if (!edit.removeRpaths().contains(path)) {
                        out.add(c);
                        present.add(path);
                    }
                }
                default -> out.add(c);
            }
        }
        for (String r : edit.addRpaths()) {
            if (!present.contains(r)) {
                out.add(new Cmd(LC_RPATH, rpathCommand(r)));
                present.add(r);
            }
        }
        int newSize = out.stream().mapToInt(c -> c.bytes.length).sum();
        if (32L + newSize > limit) {
            throw new BinaryFormatException(name + ": the changed load commands need " + newSize + " bytes, but the header has room for "
                    + (limit - 32) + " (install_name_tool refuses this too: relink with -headerpad_max_install_names)");
        }
        byte[] result = data.clone();
        ByteBuffer w = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        w.putInt(16, out.size());
        w.putInt(20, newSize);
        Arrays.fill(result, 32, (int) Math.max(32 + sizeofcmds, 32 + newSize), (byte) 0);
        int at = 32;
        for (Cmd c : out) {
            System.arraycopy(c.bytes, 0, result, at, c.bytes.length);
            at += c.bytes.length;
        }
        return resign(name, result, cputype, filetype);
    }

    /** Signs a thin slice anew ad hoc when it carries LC_CODE_SIGNATURE; otherwise returns it unchanged. */
    static byte[] resign(String name, byte[] data, int cputype, int filetype) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int ncmds = b.getInt(16);
        int p = 32;
        int sigCmd = -1;
        int linkedit = -1;
        long textOff = 0;
        long textSize = 0;
        for (int i = 0; i < ncmds; i++) {
            int cmd = b.getInt(p);
            int size = b.getInt(p + 4);
            if (cmd == LC_CODE_SIGNATURE) {
                sigCmd = p;
            } else if (cmd == LC_SEGMENT_64) {
                String seg = segname(data, p + 8);
                if (seg.equals("__LINKEDIT")) {
                    linkedit = p;
                } else if (seg.equals("__TEXT")) {
                    textOff = b.getLong(p + 40);
                    textSize = b.getLong(p + 48);
                }
            }
            p += size;
        }
        if (sigCmd < 0) {
            return data;
        }
        long dataoff = b.getInt(sigCmd + 8) & 0xffffffffL;
        long oldSize = b.getInt(sigCmd + 12) & 0xffffffffL;
        if (dataoff > data.length || dataoff + oldSize > data.length) {
            throw new BinaryFormatException(name + ": LC_CODE_SIGNATURE points past the end of the file");
        }
        String ident = identifier(data, (int) dataoff, (int) oldSize);
        if (ident == null) {
            ident = name.replaceAll(".*[/!]", "");
        }
        byte[] identBytes = ident.getBytes(StandardCharsets.UTF_8);
        int allHeaders = align(BLOB_HEADERS + CD_SIZE + identBytes.length + 1, 16);
        int pageSize = 1 << PAGE_SHIFT;
        int blocks = (int) ((dataoff + pageSize - 1) / pageSize);
        int sigSize = allHeaders + blocks * HASH_SIZE;
        byte[] out = Arrays.copyOf(data, (int) dataoff + sigSize);
        Arrays.fill(out, (int) dataoff, out.length, (byte) 0); // nothing of the old signature survives
        ByteBuffer w = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        w.putInt(sigCmd + 12, sigSize);
        if (linkedit >= 0) {
            long fileoff = w.getLong(linkedit + 40);
            long filesize = dataoff + sigSize - fileoff;
            long segPage = cputype == CPU_TYPE_ARM64 ? 0x4000 : 0x1000;
            long vmsize = Math.max(w.getLong(linkedit + 32), align(filesize, segPage));
            w.putLong(linkedit + 32, vmsize);
            w.putLong(linkedit + 48, filesize);
        }
        ByteBuffer s = ByteBuffer.wrap(out, (int) dataoff, sigSize).order(ByteOrder.BIG_ENDIAN);
        int base = (int) dataoff;
        s.putInt(base, CSMAGIC_EMBEDDED_SIGNATURE);
        s.putInt(base + 4, sigSize);
        s.putInt(base + 8, 1);
        s.putInt(base + 12, 0); // CSSLOT_CODEDIRECTORY
        s.putInt(base + 16, BLOB_HEADERS);
        int cd = base + BLOB_HEADERS;
        s.putInt(cd, CSMAGIC_CODEDIRECTORY);
        s.putInt(cd + 4, sigSize - BLOB_HEADERS);
        s.putInt(cd + 8, CS_SUPPORTSEXECSEG);
        s.putInt(cd + 12, CS_ADHOC | CS_LINKER_SIGNED);
        s.putInt(cd + 16, allHeaders - BLOB_HEADERS); // hashOffset
        s.putInt(cd + 20, CD_SIZE); // identOffset
        s.putInt(cd + 24, 0); // nSpecialSlots
        s.putInt(cd + 28, blocks);
        s.putInt(cd + 32, (int) dataoff); // codeLimit
        out[cd + 36] = HASH_SIZE;
        out[cd + 37] = SHA256;
        out[cd + 38] = 0; // platform
        out[cd + 39] = PAGE_SHIFT;
        s.putInt(cd + 40, 0); // spare2
        s.putInt(cd + 44, 0); // scatterOffset
        s.putInt(cd + 48, 0); // teamOffset
        s.putInt(cd + 52, 0); // spare3
        s.putLong(cd + 56, 0); // codeLimit64
        s.putLong(cd + 64, textOff);
        s.putLong(cd + 72, textSize);
        s.putLong(cd + 80, filetype == MH_EXECUTE ? 1 : 0); // CS_EXECSEG_MAIN_BINARY
        System.arraycopy(identBytes, 0, out, cd + CD_SIZE, identBytes.length);
        Arrays.fill(out, cd + CD_SIZE + identBytes.length, base + allHeaders, (byte) 0);
        MessageDigest sha = sha256();
        for (int i = 0; i < blocks; i++) {
            int from = i * pageSize;
            int to = (int) Math.min(dataoff, from + (long) pageSize);
            sha.update(out, from, to - from);
            System.arraycopy(sha.digest(), 0, out, base + allHeaders + i * HASH_SIZE, HASH_SIZE);
        }
        return out;
    }

    /** The identifier of a signature's CodeDirectory, or null when there is none to read. */
    static String identifier(byte[] data, int off, int size) {
        if (size < BLOB_HEADERS + CD_SIZE) {
            return null;
        }
        ByteBuffer s = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        if (s.getInt(off) != CSMAGIC_EMBEDDED_SIGNATURE) {
            return null;
        }
        int count = s.getInt(off + 8);
        for (int i = 0; i < count && off + 12 + i * 8 + 8 <= off + size; i++) {
            int type = s.getInt(off + 12 + i * 8);
            int blob = s.getInt(off + 16 + i * 8);
            if (type == 0 && blob > 0 && blob + 24 <= size && s.getInt(off + blob) == CSMAGIC_CODEDIRECTORY) {
                int identOff = s.getInt(off + blob + 20);
                int start = off + blob + identOff;
                int end = start;
                while (end < off + size && data[end] != 0) {
                    end++;
                }
                return start < off + size ? new String(data, start, end - start, StandardCharsets.UTF_8) : null;
            }
        }
        return null;
    }

    private static String segname(byte[] data, int at) {
        int end = at;
        while (end < at + 16 && data[end] != 0) {
            end++;
        }
        return new String(data, at, end - at, StandardCharsets.US_ASCII);
    }

    private static String lcString(String name, byte[] cmd, int offsetField) {
        int off = ByteBuffer.wrap(cmd).order(ByteOrder.LITTLE_ENDIAN).getInt(offsetField);
        if (off < 0 || off >= cmd.length) {
            throw new BinaryFormatException(name + ": a load command's string offset " + off + " is outside it");
        }
        int end = off;
        while (end < cmd.length && cmd[end] != 0) {
            end++;
        }
        return new String(cmd, off, end - off, StandardCharsets.UTF_8);
    }

    /** A dylib_command with {@code name}: the old timestamp and versions, the name at offset 24, padded to 8. */
    private static byte[] dylibCommand(int cmd, byte[] old, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int size = align(24 + n.length + 1, 8);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(cmd).putInt(size).putInt(24).putInt(o.getInt(12)).putInt(o.getInt(16)).putInt(o.getInt(20)).put(n);
        return b.array();
    }

    private static byte[] rpathCommand(String path) {
        byte[] n = path.getBytes(StandardCharsets.UTF_8);
        int size = align(12 + n.length + 1, 8);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LC_RPATH).putInt(size).putInt(12).put(n);
        return b.array();
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Unused buffer helper kept for symmetry with the ELF patcher's string handling. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
