package dev.wheelwright.wheel;

/**
 * A disagreement between {@code RECORD} and the archive.
 *
 * @param kind     what is wrong
 * @param path     the member or RECORD path concerned
 * @param line     1-based RECORD line, 0 when the issue is not about a row
 * @param expected what RECORD says (hash or size), or empty
 * @param actual   what the archive holds, or empty
 */
public record RecordIssue(Kind kind, String path, int line, String expected, String actual) {

    public enum Kind {
        /** The sha256 of the member differs from its row. */
        HASH_MISMATCH,
        /**
         * The row holds the member's sha256, but not in urlsafe base64 without padding (hex,
         * for one); {@code expected} names the required encoding, {@code actual} the one found.
         */
        DIGEST_ENCODING,
        /** The size of the member differs from its row. */
        SIZE_MISMATCH,
        /** A file in the archive has no row (only RECORD's signatures may be absent). */
        NOT_IN_RECORD,
        /** A row names a file the archive does not hold. */
        FILE_MISSING,
        /** A row without a hash, or with a hash weaker than sha256, or unparseable. */
        BAD_ROW,
        /** A path listed twice in RECORD. */
        DUPLICATE_ROW
    }
}
