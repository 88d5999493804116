package dev.wheelwright.binary;

import dev.wheelwright.binary.elf.ElfReader;
import dev.wheelwright.binary.macho.MachOReader;
import dev.wheelwright.binary.pe.PeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Entry point of the binary part: recognises a native binary by its magic bytes and reads it. */
public final class BinaryReader {
    /** How many leading bytes {@link #detect} needs at most. */
    public static final int HEAD_SIZE = 64;
    /** Files larger than this are refused: byte arrays cap at 2 GiB and no extension module is near it. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 16;

    private BinaryReader() {}

    /** The format whose magic bytes start {@code head}, if any (file names are never consulted). */
    public static Optional<BinaryFormat> detect(byte[] head) {
        if (MachOReader.isThin(head) || MachOReader.isFat(head)) {
            return Optional.of(BinaryFormat.MACHO);
        }
        if (ElfReader.isElf(head)) {
            return Optional.of(BinaryFormat.ELF);
        }
        if (PeReader.isMz(head)) {
            return Optional.of(BinaryFormat.PE);
        }
        return Optional.empty();
    }

    /** Reads a binary held in memory; {@code name} is used in the result and in every error. */
    public static BinaryInfo read(String name, byte[] data) {
        BinaryFormat format = detect(data).orElseThrow(() -> new BinaryFormatException(
                name + ": not a Mach-O, ELF or PE binary (unknown magic bytes)"));
        return switch (format) {
            case MACHO -> MachOReader.read(name, data);
            case ELF -> ElfReader.read(name, data);
            case PE -> PeReader.read(name, data);
        };
    }

    /**
     * Reads a binary held in part (see {@link SparseBytes}); a read of a byte not held throws
     * {@link SparseBytes.Missing}, after which the caller fetches it and reads again.
     */
    public static BinaryInfo read(String name, SparseBytes data, byte[] head) {
        BinaryFormat format = detect(head).orElseThrow(() -> new BinaryFormatException(
                name + ": not a Mach-O, ELF or PE binary (unknown magic bytes)"));
        return switch (format) {
            case MACHO -> MachOReader.read(name, data);
            case ELF -> ElfReader.read(name, data);
            case PE -> PeReader.read(name, data);
        };
    }

    /** Reads a binary file; I/O problems become a {@link BinaryFormatException} naming the file. */
    public static BinaryInfo read(Path path) {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) {
                throw new BinaryFormatException(name + ": is a directory, not a binary");
            }
            long size = Files.size(path);
            if (size > MAX_SIZE) {
                throw new BinaryFormatException(name + ": too large to inspect (" + size + " bytes)");
            }
            return read(name, Files.readAllBytes(path));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BinaryFormatException(name + ": no such file or directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BinaryFormatException(name + ": permission denied");
        } catch (IOException e) {
            throw new BinaryFormatException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The first {@link #HEAD_SIZE} bytes of a file (fewer if it is shorter), for {@link #detect}. */
    public static byte[] head(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEAD_SIZE);
        }
    }
}
