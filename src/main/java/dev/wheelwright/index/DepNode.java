package dev.wheelwright.index;

import java.util.List;

/**
 * One requirement in a dependency tree, resolved for one target.
 *
 * @param name        the PEP 503 normalised name
 * @param requirement the requirement as written by its parent
 * @param kind        runtime dependency or build dependency
 * @param version     the version pip would pick, or null when none fits
 * @param status      how it would be installed
 * @param file        the chosen file name, or null
 * @param tag         the chosen wheel's best matching tag, or null
 * @param missingForTarget no compatible wheel for this target although the requirement names
 *                    existing versions (pip builds from source, or cannot install at all)
 * @param firstWheelVersion when there is no compatible wheel: the first newer version that has one, or null
 * @param note        a short explanation (why no match, where the error came from), or null
 * @param repeated    this name was resolved earlier in the tree (children shown there; also breaks cycles)
 * @param children    its dependencies for this target
 */
public record DepNode(String name, String requirement, Kind kind, String version, Status status, String file,
        String tag, boolean missingForTarget, String firstWheelVersion, String note, boolean repeated, List<DepNode> children) {

    public DepNode {
        children = List.copyOf(children);
    }

    public enum Kind {
        RUNTIME, BUILD;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a requirement would be installed on the target. */
    public enum Status {
        /** a compatible wheel exists for the chosen version */
        WHEEL("wheel"),
        /** only a source distribution fits: pip would build it */
        SDIST_ONLY("sdist only"),
        /** no version satisfies the requirement with a usable file */
        NO_MATCH("no match"),
        /** the indexes could not be read for it */
        ERROR("error");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The value conditions compare with (the same words as the report: "sdist only"). */
        public String id() {
            return label;
        }
    }
}
