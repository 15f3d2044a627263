package io.cmrsweep.bench.fit;

import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.spark.FitJobCommandSession;
import io.cmrsweep.fit.cli.LossSource;
import io.cmrsweep.fit.spark.FitJobOptions;
import io.cmrsweep.fit.spark.SparkFitJob;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Issue 3's benchmark: B bootstrap replicates for each group of a 4-model x 6-ratio sweep, done by the
 * single-process engine (one thread), by the Spark job in local[1] and in local[2], all in this run.
 * Prints wall times, replicates per second, the scaling efficiency t(local[1]) / (2 t(local[2])) and the
 * Spark overhead t(local[1]) / t(single) - 1. Spark session start-up is timed and printed apart.
 */
public final class SparkScalingBench {
  private final PrintStream out;

  public SparkScalingBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    int b = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    new SparkScalingBench(System.out).run(b);
  }

  /** Figures of one run. */
  public record Figures(int replicates, double single, double local1, double local2) {
    double efficiency() {
      return local1 / (2 * local2);
    }

    double overhead() {
      return local1 / single - 1;
    }
  }

  public Figures run(int b) throws IOException {
    Path dir = Files.createTempDirectory("cmr-spark-bench");
    List<LossRecord> records = sweep();
    Path losses = write(dir, records);
    FitSettings settings = FitSettings.defaults().withBootstrap(b);
    int groups = new GroupAssembler().assemble(records).size();
    out.printf(Locale.ROOT, "dataset: %d groups (4 models x 1 domain), 6 ratios, %d loss records; B = %d per group%n",
        groups, records.size(), b);

    double single = single(records, settings);
    report("single-process engine (1 thread)", single, groups * b);
    double local1 = spark("local[1]", dir, losses, b);
    report("Spark local[1]", local1, groups * b);
    double local2 = spark("local[2]", dir, losses, b);
    report("Spark local[2]", local2, groups * b);
    Figures f = new Figures(groups * b, single, local1, local2);
    out.printf(Locale.ROOT, "scaling efficiency local[1] -> local[2]: %.2f (target >= 0.80)%n", f.efficiency());
    out.printf(Locale.ROOT, "Spark overhead vs single-process engine: %+.1f %% (target < 15 %%)%n", 100 * f.overhead());
    out.printf(Locale.ROOT, "cores available to this JVM: %d; load average at end: %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return f;
  }

  private void report(String what, double seconds, int replicates) {
    out.printf(Locale.ROOT, "%-34s %8.1f s  %9.0f replicates/s%n", what, seconds, replicates / seconds);
  }

  private static List<LossRecord> sweep() {
    List<LossRecord> all = new ArrayList<>();
    String[] models = {"m1", "m2", "m3", "m4"};
    for (int m = 0; m < models.length; m++) {
      for (LossRecord r : SyntheticSweep.reference(1e-4).records(100 + m)) {
        all.add(new LossRecord("bench", r.trialId() + "-" + models[m], "legal", models[m], r.modelParams() * (m + 1),
            r.ratio(), r.seed(), r.step(), r.tokens(), r.generalLoss(), r.domainLoss(), r.attempt()));
      }
    }
    return all;
  }

  private static Path write(Path dir, List<LossRecord> records) {
    SweepLayout layout = SweepLayout.of(dir.toUri().toString(), "bench");
    Map<String, List<LossRecord>> byTrial = new LinkedHashMap<>();
    for (LossRecord r : records) {
      byTrial.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(r);
    }
    ParquetLossWriter writer = new ParquetLossWriter(new Configuration());
    for (List<LossRecord> trial : byTrial.values()) {
      LossRecord r = trial.get(0);
      writer.write(layout.lossFile(r.domain(), r.model(), r.trialId()), trial);
    }
    return dir.resolve("bench/losses");
  }

  /** The previous issue's engine, one group after another in this thread, as LocalFit runs it. */
  private static double single(List<LossRecord> records, FitSettings settings) {
    long t0 = System.nanoTime();
    Bootstrap bootstrap = new Bootstrap(settings);
    for (Group g : new GroupAssembler().assemble(records)) {
      bootstrap.runAll(g, settings.bootstrap());
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private double spark(String master, Path dir, Path losses, int b) {
    FitJobOptions options = new FitJobOptions(LossSource.under(losses.toString()),
        dir.resolve("fits-" + master.replaceAll("\\W", "")).toString(), LossFormat.PARQUET,
        FitSettings.defaults().withBootstrap(b), Optional.empty(), master, Optional.empty());
    long s0 = System.nanoTime();
    SparkSession spark = FitJobCommandSession.open(options);
    out.printf(Locale.ROOT, "  (%s session start-up %.1f s, not counted)%n", master, (System.nanoTime() - s0) / 1e9);
    try {
      long t0 = System.nanoTime();
      new SparkFitJob(spark, line -> out.printf(Locale.ROOT, "  %.1f s  %s%n", (System.nanoTime() - t0) / 1e9, line))
          .run(options);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      spark.stop();
    }
  }
}
