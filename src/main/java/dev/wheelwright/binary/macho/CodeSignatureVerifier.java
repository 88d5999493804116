package dev.wheelwright.binary.macho;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a thin Mach-O slice's embedded code signature page by page: the SuperBlob and its
 * CodeDirectory are well formed, the CodeDirectory covers exactly the bytes before the signature
 * (codeLimit = LC_CODE_SIGNATURE's dataoff, one slot per page), and every page's SHA-256 (or
 * SHA-1, hash type 1) equals its slot. What dyld and the kernel check for an ad-hoc signature on
 * Apple silicon, without the parts only a certificate signature has.
 */
public final class CodeSignatureVerifier {
    private CodeSignatureVerifier() {}

    /** The outcome: pages checked, and every problem found (empty when the signature holds). */
    public record Result(int pages, int flags, String identifier, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Verifies a thin 64-bit little-endian slice. */
    public static Result verify(byte[] data) {
        List<String> problems = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 32 || b.getInt(0) != MachOPatcher.MH_MAGIC_64) {
            return new Result(0, 0, null, List.of("not a 64-bit little-endian Mach-O slice"));
        }
        int ncmds = b.getInt(16);
        int p = 32;
        long dataoff = -1;
        long datasize = 0;
        for (int i = 0; i < ncmds && p + 8 <= data.length; i++) {
            if (b.getInt(p) == MachOPatcher.LC_CODE_SIGNATURE) {
                dataoff = b.getInt(p + 8) & 0xffffffffL;
                datasize = b.getInt(p + 12) & 0xffffffffL;
            }
            p += Math.max(8, b.getInt(p + 4));
        }
        if (dataoff < 0) {
            return new Result(0, 0, null, List.of("no LC_CODE_SIGNATURE"));
        }
        if (dataoff + datasize > data.length) {
            return new Result(0, 0, null, List.of("the signature (offset " + dataoff + ", " + datasize + " bytes) extends past the end"));
        }
        ByteBuffer s = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        int base = (int) dataoff;
        if (s.getInt(base) != MachOPatcher.CSMAGIC_EMBEDDED_SIGNATURE) {
            return new Result(0, 0, null, List.of("no embedded-signature SuperBlob magic at offset " + dataoff));
        }
        int count = s.getInt(base + 8);
        int cd = -1;
        for (int i = 0; i < count && 20 + i * 8 <= datasize; i++) {
            if (s.getInt(base + 12 + i * 8) == 0) {
                cd = base + s.getInt(base + 16 + i * 8);
            }
        }
        if (cd < 0 || cd + MachOPatcher.CD_SIZE > dataoff + datasize || s.getInt(cd) != MachOPatcher.CSMAGIC_CODEDIRECTORY) {
            return new Result(0, 0, null, List.of("no CodeDirectory in the SuperBlob"));
        }
        int flags = s.getInt(cd + 12);
        int hashOffset = s.getInt(cd + 16);
        int identOffset = s.getInt(cd + 20);
        int nCodeSlots = s.getInt(cd + 28);
        long codeLimit = s.getInt(cd + 32) & 0xffffffffL;
        int hashSize = data[cd + 36] & 0xff;
        int hashType = data[cd + 37] & 0xff;
        int pageShift = data[cd + 39] & 0xff;
        String ident = MachOPatcher.identifier(data, base, (int) datasize);
        if (codeLimit != dataoff) {
            problems.add("codeLimit " + codeLimit + " is not the signature's offset " + dataoff);
        }
        if (pageShift == 0 || pageShift > 16) {
            problems.add("page size 2^" + pageShift + " is not a page size");
            return new Result(0, flags, ident, problems);
        }
        long page = 1L << pageShift;
        long expectSlots = (codeLimit + page - 1) / page;
        if (nCodeSlots != expectSlots) {
            problems.add(nCodeSlots + " code slots for " + codeLimit + " bytes (expected " + expectSlots + ")");
        }
        String alg = hashType == 2 ? "SHA-256" : hashType == 1 ? "SHA-1" : null;
        if (alg == null || (hashType == 2 && hashSize != 32) || (hashType == 1 && hashSize != 20)) {
            problems.add("hash type " + hashType + " size " + hashSize + " is not SHA-256 or SHA-1");
            return new Result(0, flags, ident, problems);
        }
        if (cd + hashOffset + (long) nCodeSlots * hashSize > dataoff + datasize) {
            problems.add("the hash slots extend past the signature");
            return new Result(0, flags, ident, problems);
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(alg);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int checked = 0;
        for (int i = 0; i < nCodeSlots && i * page < codeLimit; i++) {
            int from = (int) (i * page);
            int to = (int) Math.min(codeLimit, from + page);
            md.update(data, from, to - from);
            byte[] got = md.digest();
            int slot = cd + hashOffset + i * hashSize;
            if (!Arrays.equals(got, 0, hashSize, data, slot, slot + hashSize)) {
                problems.add("page " + i + " (bytes " + from + "-" + (to - 1) + ") does not match its hash");
            }
            checked++;
        }
        return new Result(checked, flags, ident, problems);
    }
}
