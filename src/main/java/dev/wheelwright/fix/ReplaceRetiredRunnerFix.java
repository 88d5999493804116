package dev.wheelwright.fix;

import dev.wheelwright.project.CiRun;
import dev.wheelwright.project.ProjectFacts;
import dev.wheelwright.project.RunnerImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replace-retired-runner}: replaces each retired runner label, where it is written
 * ({@code runs-on:} or a matrix entry), by the current image of the same CPU architecture that
 * {@code rules/tables/runner-images.json} names as its replacement. Only the label changes on
 * its line; quotes, comments and the rest of the line stay.
 */
public final class ReplaceRetiredRunnerFix implements FixAction {

    @Override
    public String id() {
        return "replace-retired-runner";
    }

    @Override
    public String summary() {
        return "Replace retired runner labels by the current image of the same CPU architecture";
    }

    @Override
    public FixPlan plan(Path root, ProjectFacts p) {
        RunnerImages images = RunnerImages.builtIn();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        List<String> manual = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (CiRun run : p.ci()) {
            if (run.runner() == null) {
                continue;
            }
            Optional<RunnerImages.Image> img = images.find(run.runner().value());
            if (img.isEmpty() || !img.get().retired()) {
                continue;
            }
            String file = run.runner().file();
            int line = run.runner().line();
            if (!done.add(file + ":" + line + ":" + img.get().label())) {
                continue;
            }
            if (img.get().replacement() == null) {
                manual.add(file + ":" + line + ": replace " + run.runner().value() + " by a current " + img.get().arch() + " image");
                continue;
            }
            if (!texts.containsKey(file)) {
                try {
                    String t = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
                    texts.put(file, t);
                    originals.put(file, t);
                } catch (IOException e) {
                    throw new FixRefusedException(file + ": cannot read: " + e.getMessage(), e);
                }
            }
            String text = texts.get(file);
            int s = TextEdits.offsetOfLine(text, line);
            int e = text.indexOf('\n', s);
            if (e < 0) {
                e = text.length();
            }
            String l = text.substring(s, e);
            // the label as a whole word, not inside a longer label (macos-13 vs macos-13-large)
            Matcher m = Pattern.compile("(?i)(?<![A-Za-z0-9.-])" + Pattern.quote(run.runner().value()) + "(?![A-Za-z0-9.-])").matcher(l);
            if (!m.find()) {
                manual.add(file + ":" + line + ": replace " + run.runner().value() + " by " + img.get().replacement());
                continue;
            }
            texts.put(file, text.substring(0, s) + l.substring(0, m.start()) + img.get().replacement() + l.substring(m.end())
                    + text.substring(e));
        }
        List<FileEdit> edits = new ArrayList<>();
        texts.forEach((path, after) -> {
            if (!after.equals(originals.get(path))) {
                edits.add(new FileEdit(path, originals.get(path), after));
            }
        });
        return new FixPlan(id(), edits, manual);
    }
}
