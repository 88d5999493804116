package dev.wheelwright.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * pip's own configuration of where packages come from, so that {@code deps} sees what
 * {@code pip install} would: configuration files, then environment variables, then the command
 * line, each overriding the one before.
 *
 * <p>pip "Configuration" docs, loading order: global files ({@code pip/pip.conf} under each
 * {@code XDG_CONFIG_DIRS} entry, {@code /etc/pip.conf}; on macOS
 * {@code /Library/Application Support/pip/pip.conf}; on Windows
 * {@code C:\ProgramData\pip\pip.ini}), then user files (legacy {@code ~/.pip/pip.conf}, then
 * {@code $XDG_CONFIG_HOME/pip/pip.conf} or {@code ~/Library/Application Support/pip/pip.conf} on
 * macOS, {@code %APPDATA%\pip\pip.ini} on Windows), then the site file
 * {@code $VIRTUAL_ENV/pip.conf}, and last, overriding them all, the file {@code PIP_CONFIG_FILE}
 * names (pip's "env" kind; when that file exists, the user files are not read; set to
 * {@code os.devnull} it disables every file). In each file, section {@code [install]} overrides
 * {@code [global]}. Environment variables are {@code PIP_<OPTION>} ({@code PIP_INDEX_URL},
 * {@code PIP_EXTRA_INDEX_URL}, {@code PIP_FIND_LINKS}; several values separated by spaces).
 */
public final class PipConfig {
    private final Function<String, String> env;
    private final Path home;
    private final String os;

    public PipConfig(Function<String, String> env, Path home, String osName) {
        this.env = env;
        this.home = home;
        this.os = osName.toLowerCase(Locale.ROOT);
    }

    /**
     * pip's {@code --isolated}: "ignoring environment variables and user configuration"; the
     * global files still apply.
     */
    public static PipConfig isolated() {
        return new PipConfig(name -> null, null, System.getProperty("os.name"));
    }

    public static PipConfig system() {
        return new PipConfig(System::getenv, Path.of(System.getProperty("user.home")), System.getProperty("os.name"));
    }

    /** The configuration files pip would read, later ones overriding earlier ones (existing or not). */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        String explicit = env.apply("PIP_CONFIG_FILE");
        Path explicitFile = null;
        if (explicit != null && !explicit.isBlank()) {
            if (explicit.equals("/dev/null") || explicit.equalsIgnoreCase("nul")) {
                return List.of(); // pip: os.devnull disables loading of all configuration files
            }
            explicitFile = Path.of(explicit);
        }
        // pip's Configuration.iter_config_files: no user files when PIP_CONFIG_FILE exists.
        boolean user = home != null && (explicitFile == null || !Files.exists(explicitFile));
        files.addAll(standardFiles(user));
        if (explicitFile != null) {
            files.add(explicitFile); // pip's override order: global, user, site, then this "env" file
        }
        return files;
    }

    private List<Path> standardFiles(boolean user) {
        List<Path> files = new ArrayList<>();
        boolean windows = os.contains("win");
        boolean mac = os.contains("mac") || os.contains("darwin");
        if (windows) {
            String programData = env.apply("ProgramData");
            files.add(Path.of(programData != null ? programData : "C:\\ProgramData", "pip", "pip.ini"));
            if (user) {
                files.add(home.resolve("pip").resolve("pip.ini"));
                String appData = env.apply("APPDATA");
                if (appData != null) {
                    files.add(Path.of(appData, "pip", "pip.ini"));
                }
            }
        } else {
            if (mac) {
                files.add(Path.of("/Library/Application Support/pip/pip.conf"));
            } else {
                String dirs = env.apply("XDG_CONFIG_DIRS");
                for (String d : (dirs == null || dirs.isBlank() ? "/etc/xdg" : dirs).split(":")) {
                    if (!d.isBlank()) {
                        files.add(Path.of(d, "pip", "pip.conf"));
                    }
                }
            }
            files.add(Path.of("/etc/pip.conf"));
            if (home == null) {
                return files; // isolated: no user or site files
            }
            if (user) {
                files.add(home.resolve(".pip").resolve("pip.conf"));
                Path macUser = home.resolve("Library/Application Support/pip");
                if (mac && Files.isDirectory(macUser)) {
                    files.add(macUser.resolve("pip.conf"));
                } else {
                    String xdg = env.apply("XDG_CONFIG_HOME");
                    files.add((xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("pip").resolve("pip.conf"));
                }
            }
        }
        String venv = env.apply("VIRTUAL_ENV");
        if (venv != null && !venv.isBlank()) {
            files.add(Path.of(venv, windows ? "pip.ini" : "pip.conf"));
        }
        return files;
    }

    /**
     * The settings pip would use, before command-line options.
     *
     * @throws IndexException when a configuration file exists but cannot be read or parsed
     */
    public IndexSettings load() {
        String index = IndexSettings.PYPI;
        List<String> extra = List.of();
        List<String> links = List.of();
        List<String> origin = new ArrayList<>();
        boolean noIndex = false;
        for (Path f : files()) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            Map<String, Map<String, String>> ini = readIni(f);
            Map<String, String> merged = new LinkedHashMap<>(ini.getOrDefault("global", Map.of()));
            merged.putAll(ini.getOrDefault("install", Map.of()));
            boolean used = false;
            if (merged.containsKey("index-url")) {
                index = merged.get("index-url");
                used = true;
            }
            if (merged.containsKey("extra-index-url")) {
                extra = split(merged.get("extra-index-url"));
                used = true;
            }
            if (merged.containsKey("find-links")) {
                links = split(merged.get("find-links"));
                used = true;
            }
            if (yes(merged.get("no-index"))) {
                noIndex = true;
                used = true;
            }
            if (used) {
                origin.add(f.toString());
            }
        }
        String e = env.apply("PIP_INDEX_URL");
        if (e != null && !e.isBlank()) {
            index = e.strip();
            origin.add("PIP_INDEX_URL");
        }
        e = env.apply("PIP_EXTRA_INDEX_URL");
        if (e != null && !e.isBlank()) {
            extra = split(e);
            origin.add("PIP_EXTRA_INDEX_URL");
        }
        e = env.apply("PIP_FIND_LINKS");
        if (e != null && !e.isBlank()) {
            links = split(e);
            origin.add("PIP_FIND_LINKS");
        }
        e = env.apply("PIP_NO_INDEX");
        if (yes(e)) {
            noIndex = true;
            origin.add("PIP_NO_INDEX");
        }
        if (noIndex) {
            // pip's make_search_scope: with no-index, every index URL is ignored, extra ones too.
            index = null;
            extra = List.of();
        }
        return new IndexSettings(index, extra, links, origin.isEmpty() ? "default" : String.join(", ", origin));
    }

    /** pip's strtobool for flag options: true/yes/on/1. */
    private static boolean yes(String value) {
        return value != null && List.of("true", "yes", "on", "1", "y", "t").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A configparser-style INI reader: {@code [section]}, {@code key = value} or {@code key: value},
     * indented continuation lines append (pip's multi-line extra-index-url), {@code #}/{@code ;}
     * comment lines. Keys are lower-cased; underscores equal dashes as in pip.
     */
    static Map<String, Map<String, String>> readIni(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IndexException(file + ": cannot read pip configuration (" + e.getMessage() + ")");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> section = null;
        String key = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.stripTrailing();
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && key != null && section != null) {
                section.put(key, section.get(key) + "\n" + trimmed);
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]")) {
                    throw new IndexException(file + ":" + n + ": malformed section header '" + trimmed + "'");
                }
                section = out.computeIfAbsent(trimmed.substring(1, trimmed.length() - 1).strip().toLowerCase(Locale.ROOT),
                        k -> new LinkedHashMap<>());
                key = null;
                continue;
            }
            int eq = indexOfSeparator(trimmed);
            if (eq <= 0 || section == null) {
                throw new IndexException(file + ":" + n + ": expected 'key = value' in a [section], got '" + trimmed + "'");
            }
            key = trimmed.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('_', '-');
            section.put(key, trimmed.substring(eq + 1).strip());
        }
        return out;
    }

    private static int indexOfSeparator(String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        // "index-url = https://x" : the first separator is '='; a key never holds ':'.
        return colon >= 0 && colon < eq ? colon : eq;
    }
}
