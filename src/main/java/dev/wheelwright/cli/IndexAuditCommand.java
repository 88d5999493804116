package dev.wheelwright.cli;

import dev.wheelwright.WheelwrightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code index-audit}: the audit rules over a whole index, on Apache Spark in local mode on this
 * machine. The Spark job lives in its own module (index-audit/) so that this jar carries no
 * Spark; this command starts it in a child JVM with Spark's classpath, which the module's build
 * writes. On a cluster, submit the same job with spark-submit (README).
 */
@Command(name = "index-audit",
        description = {"Audit every wheel of an index, a folder or a list with Apache Spark (local mode), into Parquet tables.",
                "",
                "SOURCE is a folder or glob (any Hadoop file system), a simple index URL (PEP 691/503), or list:FILE "
                        + "(lines 'URL [SHA256]', or Parquet with url, sha256, upload_year). Writes OUT/wheels, OUT/findings, "
                        + "OUT/findings-json and OUT/summary; a re-run skips wheels already audited with the same catalogue."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job ran (wheels that could not be audited are rows with their error)", "2:bad usage or input",
                "3:the Spark module is not built here"},
        mixinStandardHelpOptions = true)
public final class IndexAuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Folders, globs, index URLs or list:FILE.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the tables go (a Hadoop path).")
    String out;

    @Option(names = "--cores", paramLabel = "N", description = "Cores for local mode (default: all).")
    Integer cores;

    @Option(names = "--partitions", paramLabel = "N", description = "Tasks the wheels are split into (default: 4 per core).")
    Integer partitions;

    @Option(names = "--max-wheel-size", paramLabel = "BYTES", description = "Larger wheels are skipped and recorded (default: 2 GiB).")
    Long maxWheelSize;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Longest audit of one wheel (default: 600).")
    Long timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (cores != null && cores < 1) {
            throw new WheelwrightException("--cores " + cores + ": must be at least 1");
        }
        Path jar = selfJar();
        Path module = moduleDir(jar);
        Path job = module.resolve("wheelwright-index-audit.jar");
        Path cp = module.resolve("spark-classpath.txt");
        if (!Files.isRegularFile(job) || !Files.isRegularFile(cp)) {
            spec.commandLine().getErr().println("wheelwright: index-audit needs the Spark module, which is not built here (" + job
                    + "): run 'mvn -f index-audit/pom.xml package' after 'mvn package', or set WHEELWRIGHT_INDEX_AUDIT to its target folder");
            return ExitCode.BUILD_NOT_RUN;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"));
        // Spark's jars first: its Jackson wins over the copy inside wheelwright.jar
        cmd.addAll(List.of("-cp", job + java.io.File.pathSeparator + Files.readString(cp, StandardCharsets.UTF_8).trim()
                + java.io.File.pathSeparator + jar));
        cmd.add("dev.wheelwright.indexaudit.IndexAuditJob");
        cmd.addAll(List.of("--master", "local[" + (cores == null ? "*" : cores) + "]", "--out", out));
        if (partitions != null) {
            cmd.addAll(List.of("--partitions", partitions.toString()));
        }
        if (maxWheelSize != null) {
            cmd.addAll(List.of("--max-wheel-size", maxWheelSize.toString()));
        }
        if (timeout != null) {
            cmd.addAll(List.of("--timeout", timeout.toString()));
        }
        cmd.addAll(sources);
        // Spark's own console progress bar is the progress line
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
    }

    /** The jar this class was loaded from. */
    static Path selfJar() {
        try {
            return Path.of(IndexAuditCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new WheelwrightException("cannot tell where wheelwright.jar is: " + e.getMessage());
        }
    }

    /** $WHEELWRIGHT_INDEX_AUDIT, else index-audit/target beside the project's target/ folder. */
    static Path moduleDir(Path jar) {
        String env = System.getenv("WHEELWRIGHT_INDEX_AUDIT");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path target = jar.getParent();
        Path root = target == null ? Path.of(".") : target.getParent() == null ? Path.of(".") : target.getParent();
        return root.resolve("index-audit").resolve("target");
    }
}
