package dev.wheelwright.project;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wheelwright.WheelwrightException;
import dev.wheelwright.facts.Facts;
import dev.wheelwright.fuzz.FuzzBounds;
import dev.wheelwright.rules.Reads;
import dev.wheelwright.rules.RuleCatalog;
import dev.wheelwright.rules.RuleDefinition;
import dev.wheelwright.rules.RuleEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code doctor PROJECT} does with one project file of arbitrary bytes: the
 * {@code [tool.wheelwright]} settings, {@link ProjectReader#read} and the project rules over the
 * facts. A malformed file is a {@link ProjectProblem} (a WW-P01x finding); only a
 * {@link WheelwrightException} with one line naming the input may escape.
 */
class ProjectFilesFuzzTest {
    private static final List<RuleDefinition> PROJECT_RULES = RuleCatalog.load(List.of()).reading(Set.of(Reads.PROJECT));
    private static final Path ROOT;
    private static final AtomicLong RUN = new AtomicLong();

    static {
        try {
            ROOT = Files.createTempDirectory("ww-project-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the first run loads the rules' classes and tables: not an input's allocation
        Path warm = ROOT.resolve("warm-up");
        try {
            Files.createDirectories(warm.resolve(".github/workflows"));
            Files.writeString(warm.resolve("pyproject.toml"), "[build-system]\nrequires = [\"setuptools\"]\n[tool.cibuildwheel]\nbuild = \"cp3*\"\n");
            Files.writeString(warm.resolve("setup.py"), "from setuptools import setup\nsetup(name='x', install_requires=['six'])\n");
            Files.writeString(warm.resolve("setup.cfg"), "[options]\ninstall_requires = six\n");
            Files.writeString(warm.resolve(".github/workflows/w.yml"), "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n"
                    + "    steps:\n      - uses: pypa/cibuildwheel@v2.21.3\n");
            Files.writeString(warm.resolve(".gitlab-ci.yml"), "b:\n  script: [cibuildwheel]\n");
            for (int i = 0; i < 3; i++) {
                read(warm);
            }
        } catch (IOException | RuntimeException e) {
            // a warm-up that fails leaves the first input to pay for the loading
        }
        delete(warm);
    }

    private static void read(Path dir) {
        WheelwrightSettings.read(dir.resolve("pyproject.toml"));
        ProjectFacts p = new ProjectReader().read(dir);
        for (ProjectProblem problem : p.problems()) {
            oneLine("problem", problem.message());
        }
        for (dev.wheelwright.rules.Finding f : RuleEngine.run(PROJECT_RULES, Facts.builder().put(ProjectFacts.class, p).build())) {
            oneLine(f.rule() + " finding", f.message());
        }
    }

    /** A problem or finding is one line quoting at most a short excerpt of the file. */
    private static void oneLine(String what, String message) {
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0 || message.length() > FuzzBounds.MAX_MESSAGE) {
            throw new AssertionError(what + " is not one bounded line: "
                    + (message.length() > 300 ? message.substring(0, 300) + "..." : message));
        }
    }

    @FuzzTest(maxDuration = "10m")
    void pyproject(byte[] data) {
        doctor("pyproject.toml", data);
    }

    @FuzzTest(maxDuration = "10m")
    void setupCfg(byte[] data) {
        doctor("setup.cfg", data);
    }

    @FuzzTest(maxDuration = "10m")
    void setupPy(byte[] data) {
        doctor("setup.py", data);
    }

    @FuzzTest(maxDuration = "10m")
    void workflow(byte[] data) {
        doctor(".github/workflows/wheels.yml", data);
    }

    /** The CI files other than GitHub's that the reader looks at (GitLab, Azure, Travis, Cirrus, AppVeyor, CircleCI). */
    @FuzzTest(maxDuration = "10m")
    void otherCi(byte[] data) {
        String[] names = {".gitlab-ci.yml", "azure-pipelines.yml", ".travis.yml", ".cirrus.yml", "appveyor.yml", ".circleci/config.yml"};
        doctor(names[(data.length == 0 ? 0 : data[0] & 0xff) % names.length], data);
    }

    /** cibuildwheel's build selector (CIBW_BUILD, [tool.cibuildwheel] build) against the identifiers the rules try. */
    @FuzzTest(maxDuration = "10m")
    void buildSelector(byte[] data) {
        String patterns = new String(data, StandardCharsets.UTF_8);
        FuzzBounds.check("build selector of " + data.length + " bytes", data.length, () -> {
            CiBuildSelector s = new CiBuildSelector(patterns, patterns.length() > 1 ? patterns.substring(1) : null, "fuzz");
            for (String platform : List.of("manylinux_x86_64", "musllinux_aarch64", "macosx_arm64", "win_amd64")) {
                s.buildsAnyCpython(platform);
            }
        }, WheelwrightException.class);
    }

    /** Writes {@code data} as {@code rel} in a fresh folder and runs what doctor runs on it. */
    static void doctor(String rel, byte[] data) {
        Path dir = ROOT.resolve("p" + RUN.incrementAndGet());
        try {
            Files.createDirectories(dir.resolve(rel).getParent());
            Files.write(dir.resolve(rel), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            FuzzBounds.check(rel + " of " + data.length + " bytes", data.length, () -> read(dir), WheelwrightException.class);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder left in the temporary directory is harmless
        }
    }
}
