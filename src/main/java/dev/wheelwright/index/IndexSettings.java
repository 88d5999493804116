package dev.wheelwright.index;

import java.util.List;

/**
 * Where to look for packages, as pip would: one index, extra indexes, find-links locations.
 *
 * @param indexUrl      the main simple repository (pip's {@code index-url}), or null for none ({@code --no-index})
 * @param extraIndexUrls more simple repositories, searched as well
 * @param findLinks     folders or pages of files (pip's {@code find-links})
 * @param origin        where these values came from, for messages ("pip.conf", "PIP_INDEX_URL", ...)
 */
public record IndexSettings(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, String origin) {
    public static final String PYPI = "https://pypi.org/simple/";

    public IndexSettings {
        extraIndexUrls = List.copyOf(extraIndexUrls);
        findLinks = List.copyOf(findLinks);
    }
}
