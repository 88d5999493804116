package dev.wheelwright.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a rule folder lives: on disk ({@code --rules DIR}, the repository) or inside the jar. */
public sealed interface RuleSource {

    /** How the folder is shown in messages, e.g. {@code rules/build/WW-B001-setup-requires-egg-conflict}. */
    String display();

    /** A file of the folder as text, if present. */
    Optional<String> read(String relative);

    /** The folder on disk, when there is one (the cases live there). */
    Optional<Path> directory();

    record Directory(Path dir) implements RuleSource {
        @Override
        public String display() {
            return dir.toString().replace('\\', '/');
        }

        @Override
        public Optional<String> read(String relative) {
            Path p = dir.resolve(relative);
            try {
                return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<Path> directory() {
            return Optional.of(dir);
        }
    }

    /** A folder inside the jar, e.g. {@code rules/build/WW-B001-setup-requires-egg-conflict}. */
    record Classpath(String folder) implements RuleSource {
        @Override
        public String display() {
            return folder;
        }

        @Override
        public Optional<String> read(String relative) {
            try (InputStream in = RuleSource.class.getClassLoader().getResourceAsStream(folder + "/" + relative)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<Path> directory() {
            return Optional.empty();
        }
    }
}
