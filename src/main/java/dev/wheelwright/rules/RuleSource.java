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

    /**
     * Example inputs of the rule, as paths relative to its folder that {@link #read} accepts:
     * the fail cases on disk ({@code cases/fail-x.log}), or the log examples the build copies
     * into the jar ({@code examples/fail-x.log}, listed in {@code rules/examples.txt}).
     */
    java.util.List<String> examples();

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

        @Override
        public java.util.List<String> examples() {
            Path cases = dir.resolve("cases");
            if (!Files.isDirectory(cases)) {
                return java.util.List.of();
            }
            try (java.util.stream.Stream<Path> s = Files.list(cases)) {
                return s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("fail-"))
                        .filter(n -> Files.isRegularFile(cases.resolve(n)))
                        .sorted().map(n -> "cases/" + n).toList();
            } catch (IOException e) {
                return java.util.List.of();
            }
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

        @Override
        public java.util.List<String> examples() {
            String prefix = folder.substring("rules/".length()) + "/";
            return EXAMPLES.get().stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).toList();
        }

        /** rules/examples.txt, read once when first needed. */
        private static final java.util.function.Supplier<java.util.List<String>> EXAMPLES = new java.util.function.Supplier<>() {
            private volatile java.util.List<String> list;

            @Override
            public java.util.List<String> get() {
                if (list == null) {
                    try (InputStream in = RuleSource.class.getClassLoader().getResourceAsStream("rules/examples.txt")) {
                        list = in == null ? java.util.List.of()
                                : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                                        .filter(l -> !l.isEmpty()).toList();
                    } catch (IOException e) {
                        list = java.util.List.of();
                    }
                }
                return list;
            }
        };
    }
}
