package dev.wheelwright.spec;

/**
 * The optional build tag of a wheel file name (PEP 427): leading digits and the rest, compared as
 * the tuple (number, suffix) when choosing between otherwise equal wheels.
 */
public record BuildTag(int number, String suffix) implements Comparable<BuildTag> {

    public BuildTag {
        if (number < 0) {
            throw new IllegalArgumentException("build number must not be negative: " + number);
        }
        suffix = suffix == null ? "" : suffix;
    }

    @Override
    public int compareTo(BuildTag o) {
        int c = Integer.compare(number, o.number);
        return c != 0 ? c : suffix.compareTo(o.suffix);
    }

    @Override
    public String toString() {
        return number + suffix;
    }
}
