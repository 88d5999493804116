package dev.wheelwright.indexaudit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code wheelwright index-audit}: the audit rules over a whole package index, on Apache Spark.
 *
 * <pre>
 * IndexAuditJob --out DIR [--master local[N]] [--partitions N] [--max-wheel-size BYTES] [--timeout SECONDS] SOURCE...
 * </pre>
 * SOURCE: a folder or glob on a Hadoop file system, a simple index URL, or {@code list:FILE}.
 *
 * <p>Writes under DIR: {@code wheels/} (Parquet, one row per wheel: status audited, failed or
 * skipped, with its error), {@code findings/} (Parquet) and {@code findings-json/} (JSON lines),
 * one row per finding with the wheel's columns; {@code summary/by-rule} (findings per rule ×
 * platform family × upload year) and {@code summary/totals}, as Parquet and CSV, recomputed over
 * everything DIR holds. Re-runs are incremental: a wheel already in {@code wheels/} with the same
 * catalogue version (and SHA-256, when the source names one) is not audited again. Output rows
 * are partitioned by a hash of the wheel's location, so a task re-run after an executor loss
 * computes the same rows, and Spark's commit protocol keeps one copy of them.
 */
public final class IndexAuditJob {
    private IndexAuditJob() {}

    record Options(String out, String master, int partitions, long maxBytes, long timeoutSeconds, List<String> sources) {}

    static Options parse(String[] args) {
        String out = null;
        String master = null;
        int partitions = 0;
        long max = 2L << 30;
        long timeout = 600;
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = value(args, ++i, a);
                case "--master" -> master = value(args, ++i, a);
                case "--partitions" -> partitions = (int) number(value(args, ++i, a), a);
                case "--max-wheel-size" -> max = number(value(args, ++i, a), a);
                case "--timeout" -> timeout = number(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException(a + ": unknown option");
                    }
                    sources.add(a);
                }
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required (where the tables go)");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no SOURCE: give a folder or glob, an index URL, or list:FILE");
        }
        return new Options(out, master, partitions, max, timeout, sources);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + ": needs a value");
        }
        return args[i];
    }

    private static long number(String v, String opt) {
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " " + v + ": not a positive number");
        }
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("wheelwright index-audit: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("wheelwright index-audit");
        if (o.master() != null) {
            b.master(o.master());
        }
        SparkSession spark = b.getOrCreate();
        // Spark's INFO lines would bury the figures; its progress bar still shows on a terminal
        spark.sparkContext().setLogLevel("WARN");
        int code;
        try {
            code = run(spark, o, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("wheelwright index-audit: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("wheelwright index-audit: " + e);
            code = 2;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /** Runs the audit; returns 0 (failures of single wheels are rows, not a failed job). */
    public static int run(SparkSession spark, Options o, PrintStream out) throws Exception {
        long start = System.nanoTime();
        Map<String, String> hadoop = new HashMap<>();
        spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        int partitions = o.partitions() > 0 ? o.partitions() : Math.max(2, spark.sparkContext().defaultParallelism() * 4);
        Dataset<WheelRef> refs = null;
        for (String s : o.sources()) {
            Dataset<WheelRef> d = WheelSources.of(spark, s, hadoop, partitions);
            refs = refs == null ? d : refs.union(d);
        }
        String catalog = WheelAuditor.catalogVersion();
        String wheelsPath = o.out() + "/wheels";
        String findingsPath = o.out() + "/findings";
        boolean earlier = exists(spark, wheelsPath);
        Dataset<Row> todo = refs.toDF().dropDuplicates("location");
        if (earlier) {
            Dataset<Row> done = spark.read().parquet(wheelsPath).filter(col("catalog").equalTo(catalog))
                    .select(col("location").as("done_location"), col("sha256").as("done_sha256"));
            todo = todo.join(done, todo.col("location").equalTo(done.col("done_location"))
                    .and(todo.col("sha256").isNull().or(todo.col("sha256").equalTo(done.col("done_sha256")))), "left_anti");
        }
        long maxBytes = o.maxBytes();
        long timeout = o.timeoutSeconds();
        Dataset<AuditResult> results = todo.as(Encoders.bean(WheelRef.class))
                .repartition(partitions, col("location"))
                .mapPartitions((MapPartitionsFunction<WheelRef, AuditResult>) it -> auditAll(it, hadoop, maxBytes, timeout, catalog),
                        Encoders.bean(AuditResult.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> wheels = results.drop("findings");
            wheels.write().mode(SaveMode.Append).parquet(wheelsPath);
            Dataset<Row> findings = results.filter(col("status").equalTo("audited"))
                    .select(col("location").as("wheel_location"), col("filename").as("wheel"), col("project"), col("version"),
                            col("tags"), col("platformFamily"), col("uploadYear"), col("sha256"), col("catalog"),
                            explode(col("findings")).as("f"))
                    .select(col("wheel"), col("wheel_location"), col("project"), col("version"), col("tags"), col("platformFamily"),
                            col("uploadYear"), col("sha256"), col("catalog"), col("f.rule"), col("f.name"), col("f.severity"),
                            col("f.message"), col("f.location"), col("f.member"), col("f.arch"), col("f.evidence"));
            findings.write().mode(SaveMode.Append).parquet(findingsPath);
            findings.write().mode(SaveMode.Append).json(o.out() + "/findings-json");
            Row now = wheels.agg(count(lit(1)), sum(col("bytes"))).first();
            long audited = now.getLong(0);
            long bytes = now.isNullAt(1) ? 0 : now.getLong(1);
            summarize(spark, o.out(), catalog, out);
            double secs = (System.nanoTime() - start) / 1e9;
            int cores = spark.sparkContext().defaultParallelism();
            out.printf(java.util.Locale.ROOT, "index-audit: %d wheels (%.1f MB) in %.1f s: %.2f wheels/s, %.2f MB/s, on %d cores "
                            + "(%.2f wheels/s and %.2f MB/s per core); catalogue %s; tables in %s%n",
                    audited, bytes / 1e6, secs, audited / secs, bytes / 1e6 / secs, cores, audited / secs / cores, bytes / 1e6 / secs / cores,
                    catalog, o.out());
        } finally {
            results.unpersist();
        }
        return 0;
    }

    private static Iterator<AuditResult> auditAll(Iterator<WheelRef> it, Map<String, String> hadoop, long max, long timeout, String catalog) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public AuditResult next() {
                return WheelAuditor.audit(it.next(), hadoop, max, timeout, catalog);
            }
        };
    }

    /** The summary tables over everything the output folder holds for this catalogue version. */
    static void summarize(SparkSession spark, String outDir, String catalog, PrintStream out) {
        Dataset<Row> wheels = spark.read().parquet(outDir + "/wheels").filter(col("catalog").equalTo(catalog));
        Dataset<Row> findings = exists(spark, outDir + "/findings")
                ? spark.read().parquet(outDir + "/findings").filter(col("catalog").equalTo(catalog)) : null;
        Dataset<Row> totals = wheels.agg(
                count(lit(1)).as("wheels"),
                sum(when(col("status").equalTo("audited"), 1).otherwise(0)).as("audited"),
                sum(when(col("status").equalTo("failed"), 1).otherwise(0)).as("failed"),
                sum(when(col("status").equalTo("skipped"), 1).otherwise(0)).as("skipped"),
                sum(col("bytes")).as("bytes"));
        totals.coalesce(1).write().mode(SaveMode.Overwrite).parquet(outDir + "/summary/totals");
        totals.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(outDir + "/summary/totals-csv");
        out.println("Totals:");
        out.print(table(totals, 1));
        if (findings != null) {
            Dataset<Row> byRule = findings.groupBy(col("rule"), col("name"), col("severity"), col("platformFamily"), col("uploadYear"))
                    .agg(count(lit(1)).as("findings"), countDistinct(col("wheel_location")).as("wheels"))
                    .orderBy(col("findings").desc(), col("rule"), col("platformFamily"), col("uploadYear"));
            byRule.coalesce(1).write().mode(SaveMode.Overwrite).parquet(outDir + "/summary/by-rule");
            byRule.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(outDir + "/summary/by-rule-csv");
            out.println("Findings per rule, platform family and upload year:");
            out.print(table(byRule, 50));
        }
    }

    /** A small table as aligned text: the header, then up to {@code limit} rows. */
    static String table(Dataset<Row> d, int limit) {
        String[] cols = d.columns();
        List<String[]> rows = new ArrayList<>();
        rows.add(cols);
        for (Row r : d.takeAsList(limit)) {
            String[] v = new String[cols.length];
            for (int i = 0; i < cols.length; i++) {
                v[i] = r.isNullAt(i) ? "-" : String.valueOf(r.get(i));
            }
            rows.add(v);
        }
        int[] w = new int[cols.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.append(' ');
            for (int i = 0; i < r.length; i++) {
                b.append(' ').append(String.format("%-" + w[i] + "s", r[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static boolean exists(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            FileSystem fs = p.getFileSystem(conf);
            return fs.exists(p);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
