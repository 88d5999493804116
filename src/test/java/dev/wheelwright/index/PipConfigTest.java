package dev.wheelwright.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipConfigTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private PipConfig config() {
        return new PipConfig(env::get, home, "Linux");
    }

    @Test
    void defaultsToPypi() {
        env.put("XDG_CONFIG_DIRS", home.resolve("none").toString());
        IndexSettings s = config().load();
        assertThat(s.indexUrl()).isEqualTo("https://pypi.org/simple/");
        assertThat(s.extraIndexUrls()).isEmpty();
    }

    @Test
    void userFileThenSiteFileThenEnvironment() throws Exception {
        Path user = home.resolve(".config/pip/pip.conf");
        Files.createDirectories(user.getParent());
        Files.writeString(user, """
                # user config
                [global]
                index-url = https://mirror.example/simple
                extra-index-url =
                    https://a.example/simple
                    https://b.example/simple
                [install]
                find_links: /srv/wheels
                """);
        Path venv = home.resolve("venv");
        Files.createDirectories(venv);
        Files.writeString(venv.resolve("pip.conf"), "[global]\nindex-url=https://site.example/simple\n");
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("XDG_CONFIG_DIRS", home.resolve("none").toString());

        IndexSettings s = config().load();
        assertThat(s.indexUrl()).isEqualTo("https://site.example/simple");
        assertThat(s.extraIndexUrls()).containsExactly("https://a.example/simple", "https://b.example/simple");
        assertThat(s.findLinks()).containsExactly("/srv/wheels");

        env.put("PIP_INDEX_URL", "https://env.example/simple");
        env.put("PIP_EXTRA_INDEX_URL", "https://c.example/simple https://d.example/simple");
        s = config().load();
        assertThat(s.indexUrl()).isEqualTo("https://env.example/simple");
        assertThat(s.extraIndexUrls()).containsExactly("https://c.example/simple", "https://d.example/simple");
        assertThat(s.origin()).endsWith("PIP_INDEX_URL, PIP_EXTRA_INDEX_URL");
    }

    @Test
    void pipConfigFileOverridesTheOthersReplacesUserFilesAndDevNullDisablesAll() throws Exception {
        Path user = home.resolve(".config/pip/pip.conf");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "[global]\nextra-index-url = https://user.example/simple\nfind-links = /srv/user\n");
        Path venv = home.resolve("venv");
        Files.createDirectories(venv);
        Files.writeString(venv.resolve("pip.conf"), "[global]\nindex-url=https://site.example/simple\n");
        env.put("VIRTUAL_ENV", venv.toString());
        Path explicit = home.resolve("explicit.conf");
        Files.writeString(explicit, "[global]\nindex-url = https://explicit.example/simple\n");
        env.put("PIP_CONFIG_FILE", explicit.toString());
        env.put("XDG_CONFIG_DIRS", home.resolve("none").toString());
        // As pip: "env" file last (it wins), and no user files when it exists.
        assertThat(config().files()).endsWith(venv.resolve("pip.conf"), explicit).doesNotContain(user);
        IndexSettings s = config().load();
        assertThat(s.indexUrl()).isEqualTo("https://explicit.example/simple");
        assertThat(s.extraIndexUrls()).isEmpty();
        assertThat(s.findLinks()).isEmpty();
        env.put("PIP_CONFIG_FILE", home.resolve("missing.conf").toString());
        assertThat(config().load().extraIndexUrls()).containsExactly("https://user.example/simple");
        env.put("PIP_CONFIG_FILE", "/dev/null");
        assertThat(config().files()).isEmpty();
    }

    @Test
    void noIndexDropsExtraIndexesToo() throws Exception {
        Path user = home.resolve(".config/pip/pip.conf");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "[global]\nextra-index-url = https://user.example/simple\nfind-links = /srv/wheels\n");
        env.put("XDG_CONFIG_DIRS", home.resolve("none").toString());
        for (String flag : new String[] {"1", "true", "yes", "on"}) {
            env.put("PIP_NO_INDEX", flag);
            IndexSettings s = config().load();
            assertThat(s.indexUrl()).isNull();
            assertThat(s.extraIndexUrls()).isEmpty();
            assertThat(s.findLinks()).containsExactly("/srv/wheels");
        }
        env.remove("PIP_NO_INDEX");
        Files.writeString(user, "[install]\nno-index = yes\nextra-index-url = https://user.example/simple\n");
        assertThat(config().load().extraIndexUrls()).isEmpty();
    }

    @Test
    void macAndWindowsLocations() {
        env.put("APPDATA", "C:\\Users\\u\\AppData\\Roaming");
        assertThat(new PipConfig(env::get, home, "Windows 11").files().toString()).contains("pip.ini");
        assertThat(new PipConfig(env::get, home, "Mac OS X").files())
                .contains(Path.of("/Library/Application Support/pip/pip.conf"));
    }

    @Test
    void malformedFileNamesFileAndLine() throws Exception {
        Path f = home.resolve(".pip/pip.conf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "[global]\nthis is not a setting\n");
        env.put("XDG_CONFIG_DIRS", home.resolve("none").toString());
        assertThatThrownBy(() -> config().load()).isInstanceOf(IndexException.class)
                .hasMessage(f + ":2: expected 'key = value' in a [section], got 'this is not a setting'");
    }
}
