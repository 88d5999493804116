package dev.wheelwright.wheel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of members that look native into binary facts. Which members are candidates
 * is decided from the first bytes (magic numbers) and the name, so that a misnamed binary is
 * still read and a misnamed non-binary is still reported.
 */
final class MemberDecoder {

    record Result(List<WheelFacts.WheelBinary> binaries, List<WheelFacts.InvalidBinary> invalid,
                  List<WheelFacts.BundledJar> jars) {}

    /** True when the first bytes carry a Mach-O, fat Mach-O, ELF or PE ("MZ") magic number. */
    boolean looksNative(byte[] head, int length) {
        if (length >= 4) {
            int be = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            switch (be) {
                case 0xFEEDFACE, 0xFEEDFACF, 0xCEFAEDFE, 0xCFFAEDFE, 0xCAFEBABE, 0xCAFEBABF, 0x7F454C46:
                    return true;
                default:
                    break;
            }
        }
        return length >= 2 && head[0] == 'M' && head[1] == 'Z';
    }

    boolean isCandidate(String name, byte[] data) {
        return MemberNames.looksNativeByName(name) || looksNative(data, data.length)
                || name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar");
    }

    Result decode(Map<String, byte[]> candidates) {
        List<WheelFacts.WheelBinary> binaries = new ArrayList<>();
        List<WheelFacts.InvalidBinary> invalid = new ArrayList<>();
        List<WheelFacts.BundledJar> jars = new ArrayList<>();
        return new Result(binaries, invalid, jars);
    }
}
