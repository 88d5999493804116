package dev.wheelwright.index;

import java.util.List;

/**
 * The files an index (or several, merged) offers for one project.
 *
 * @param name     the PEP 503 normalised project name
 * @param files    the files, in the order the sources listed them
 * @param problems sources that could not be read for this project (each names the URL)
 * @param notFound the pages that were read and do not know the project (a 404 from an index,
 *                 or a find-links location without its files), in source order
 */
public record ProjectPage(String name, List<DistributionFile> files, List<IndexProblem> problems, List<String> notFound) {
    public ProjectPage {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
        notFound = List.copyOf(notFound);
    }
}
