package dev.wheelwright.index;

import java.util.List;

/**
 * The files an index (or several, merged) offers for one project.
 *
 * @param name  the PEP 503 normalised project name
 * @param files the files, in the order the sources listed them
 * @param problems sources that could not be read for this project (one line each, naming the URL)
 */
public record ProjectPage(String name, List<DistributionFile> files, List<String> problems) {
    public ProjectPage {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }
}
