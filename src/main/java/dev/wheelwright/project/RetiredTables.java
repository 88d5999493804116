package dev.wheelwright.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two small tables of things CI uses that no longer work or are no longer maintained, as data
 * validated at load: action majors that fail on hosted runners ({@code rules/tables/retired-actions.json})
 * and end-of-life manylinux images ({@code rules/tables/retired-manylinux-images.json}).
 */
public final class RetiredTables {

    public record RetiredAction(String action, List<Integer> majors, String current, LocalDate since, String why, String source) {}

    public record RetiredImage(String policy, LocalDate eol, String replacement, String source) {}

    static final String ACTIONS = "rules/tables/retired-actions.json";
    static final String IMAGES = "rules/tables/retired-manylinux-images.json";
    private static volatile RetiredTables builtIn;

    private final List<RetiredAction> actions;
    private final List<RetiredImage> images;

    private RetiredTables(List<RetiredAction> actions, List<RetiredImage> images) {
        this.actions = List.copyOf(actions);
        this.images = List.copyOf(images);
    }

    public static RetiredTables builtIn() {
        RetiredTables t = builtIn;
        if (t == null) {
            t = new RetiredTables(parseActions(ACTIONS, load(ACTIONS)), parseImages(IMAGES, load(IMAGES)));
            builtIn = t;
        }
        return t;
    }

    private static byte[] load(String resource) {
        try (InputStream in = RetiredTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProjectException(resource + ": missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ProjectException(resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode array(String source, byte[] json, String field) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ProjectException(source + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode arr = root == null ? null : root.get(field);
        if (arr == null || !arr.isArray()) {
            throw new ProjectException(source + ": expected an object with a \"" + field + "\" array");
        }
        return arr;
    }

    private static String text(JsonNode n, String field, String where) {
        if (!n.path(field).isTextual() || n.get(field).asText().isBlank()) {
            throw new ProjectException(where + ": missing string field '" + field + "'");
        }
        return n.get(field).asText();
    }

    private static LocalDate date(JsonNode n, String field, String where) {
        try {
            return LocalDate.parse(text(n, field, where));
        } catch (DateTimeParseException e) {
            throw new ProjectException(where + ": " + field + " is not a YYYY-MM-DD date");
        }
    }

    static List<RetiredAction> parseActions(String source, byte[] json) {
        List<RetiredAction> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(source, json, "actions")) {
            String where = source + ": actions[" + i++ + "]";
            List<Integer> majors = new ArrayList<>();
            n.path("retiredMajors").forEach(m -> majors.add(m.asInt()));
            if (majors.isEmpty()) {
                throw new ProjectException(where + ": 'retiredMajors' must list at least one major version");
            }
            out.add(new RetiredAction(text(n, "action", where).toLowerCase(Locale.ROOT), majors, text(n, "current", where),
                    date(n, "since", where), text(n, "why", where), text(n, "source", where)));
        }
        return out;
    }

    static List<RetiredImage> parseImages(String source, byte[] json) {
        List<RetiredImage> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(source, json, "images")) {
            String where = source + ": images[" + i++ + "]";
            out.add(new RetiredImage(text(n, "policy", where), date(n, "eol", where), text(n, "replacement", where),
                    text(n, "source", where)));
        }
        return out;
    }

    private static final Pattern USES = Pattern.compile("^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@v?([0-9]{1,9})(?:\\.[0-9.]*)?$"); // a longer major is no release anyone made

    /** The retired entry an action reference ({@code actions/upload-artifact@v3}) falls under, if any. */
    public Optional<RetiredAction> action(String uses) {
        Matcher m = USES.matcher(uses.strip());
        if (!m.matches()) {
            return Optional.empty(); // a branch or commit pin: its major is not written
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        int major = Integer.parseInt(m.group(2));
        return actions.stream().filter(a -> a.action().equals(name) && a.majors().contains(major)).findFirst();
    }

    private static final Pattern POLICY = Pattern.compile("(manylinux1|manylinux2010|manylinux_2_24)(?![0-9])");

    /** The end-of-life policy an image name ({@code quay.io/pypa/manylinux2010_x86_64}, {@code manylinux1}) names, if any. */
    public Optional<RetiredImage> image(String name) {
        Matcher m = POLICY.matcher(name);
        if (!m.find()) {
            return Optional.empty();
        }
        return images.stream().filter(i -> i.policy().equals(m.group(1))).findFirst();
    }
}
