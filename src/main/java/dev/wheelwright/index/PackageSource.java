package dev.wheelwright.index;

import java.util.List;

/** Somewhere pip looks for a project's files: a simple repository or a find-links location. */
public sealed interface PackageSource permits SimpleRepository, FindLinks {

    /**
     * The files this source offers for a project (by PEP 503 normalised name); empty when the
     * source does not know the project (a 404 is not an error: another source may have it).
     *
     * @throws IndexException when the source cannot be read (unreachable, malformed page)
     */
    List<DistributionFile> files(String normalizedName);

    /** For messages: the URL or folder. */
    String describe();

    /** For messages: where this source looks for one project (an index's project page URL). */
    default String location(String normalizedName) {
        return describe();
    }
}
