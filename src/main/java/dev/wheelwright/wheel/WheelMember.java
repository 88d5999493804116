package dev.wheelwright.wheel;

/**
 * One entry of the zip's central directory, in archive order.
 *
 * @param name           the member name exactly as stored
 * @param size           uncompressed size in bytes as read (not as declared)
 * @param compressedSize compressed size in bytes
 * @param directory      a directory entry (name ends with '/')
 * @param sha256         urlsafe base64 sha256 of the content without padding, as RECORD writes it
 *                       (PEP 376 / binary distribution format); empty for directories
 */
public record WheelMember(String name, long size, long compressedSize, boolean directory, String sha256) {

    /** The last path segment. */
    public String fileName() {
        String n = directory ? name.substring(0, name.length() - 1) : name;
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
