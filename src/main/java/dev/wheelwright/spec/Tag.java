package dev.wheelwright.spec;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One PEP 425 compatibility tag: interpreter, ABI and platform, each lower-cased as packaging does
 * (tags compare case-insensitively).
 */
public record Tag(String interpreter, String abi, String platform) {

    public Tag {
        interpreter = Objects.requireNonNull(interpreter, "interpreter").toLowerCase(Locale.ROOT);
        abi = Objects.requireNonNull(abi, "abi").toLowerCase(Locale.ROOT);
        platform = Objects.requireNonNull(platform, "platform").toLowerCase(Locale.ROOT);
    }

    /**
     * Expands a possibly compressed tag set ({@code py2.py3-none-any}) into its tags, in the order
     * interpreter × abi × platform as written (PEP 425 "Compressed Tag Sets").
     *
     * @throws InvalidTagException when the text does not have exactly three dash-separated parts
     */
    public static Set<Tag> parse(String text) {
        return parse(text, false);
    }

    /**
     * Like {@link #parse(String)}; with {@code validateOrder}, each compressed component must list
     * its values in sorted order, as PEP 425 asks ({@code py2.py3}, not {@code py3.py2}).
     *
     * @throws InvalidTagException also for an unsorted component when {@code validateOrder}
     */
    public static Set<Tag> parse(String text, boolean validateOrder) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new InvalidTagException("Invalid tag (expected interpreter-abi-platform): " + Py.repr(text));
        }
        if (validateOrder) {
            for (String component : parts) {
                String[] values = component.split("\\.", -1);
                String[] sorted = values.clone();
                java.util.Arrays.sort(sorted);
                if (!java.util.Arrays.equals(values, sorted)) {
                    throw new UnsortedTagsException("Tag component " + Py.repr(component)
                            + " is not in sorted order per PEP 425");
                }
            }
        }
        Set<Tag> tags = new LinkedHashSet<>();
        for (String interpreter : parts[0].split("\\.", -1)) {
            for (String abi : parts[1].split("\\.", -1)) {
                for (String platform : parts[2].split("\\.", -1)) {
                    tags.add(new Tag(interpreter, abi, platform));
                }
            }
        }
        return Collections.unmodifiableSet(tags);
    }

    /** {@code interpreter-abi-platform}. */
    @Override
    public String toString() {
        return interpreter + "-" + abi + "-" + platform;
    }
}
