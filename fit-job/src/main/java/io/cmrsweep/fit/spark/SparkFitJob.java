package io.cmrsweep.fit.spark;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.storage.WritableCheck;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.bootstrap.Replicate;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.output.FitRows;
import io.cmrsweep.fit.size.SizePredictor;
import io.cmrsweep.fit.size.SizeSweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The fit job on an existing Spark session: read and group the loss records, fit every group's point
 * estimate, distribute the bootstrap replicates, summarize, write the outputs. The math lives in the
 * Spark-free packages; this class only reads, distributes and writes.
 */
public final class SparkFitJob {
  private final SparkSession spark;
  private final Consumer<String> progress;

  public SparkFitJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  /** What the job produced: one CMR row per group (laws and curves are written next to it). */
  public record Result(List<CmrRow> rows) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  public Result run(FitJobOptions options) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Found after the bootstrap, an unwritable output would cost the whole fit.
    new WritableCheck(jsc.hadoopConfiguration()).requireDirectory("--output", options.output(),
        "give --output a directory the fit job can create and write");
    LossInput input = new LossInput(jsc);
    List<String> files = input.files(options.input(), options.format());
    progress.accept(String.format(Locale.ROOT, "reading %d loss file(s) %s", files.size(), options.input()));
    List<Group> groups = input.groups(files, options.format(), options.groupFilter());
    if (groups.isEmpty()) {
      throw new FitInputException(options.groupFilter()
          .map(p -> "no group sweep/domain/model matches --groups '" + p.pattern() + "'; drop --groups or widen it")
          .orElse("the loss files " + options.input() + " hold no records"));
    }
    progress.accept(String.format(Locale.ROOT, "fitting %d group(s): %s", groups.size(),
        String.join(", ", groups.stream().map(g -> g.key().toString()).toList())));

    CmrPipeline pipeline = new CmrPipeline(options.settings());
    List<GroupFit> points = new ArrayList<>();
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      GroupFit point = pipeline.fit(groups.get(i));
      points.add(point);
      if (point.ok()) {
        eligible.add(i);
      } else {
        progress.accept(String.format(Locale.ROOT, "%s: %s (%s); no bootstrap for it",
            point.key(), point.status().label(), point.detail()));
      }
    }

    long t0 = System.nanoTime();
    List<List<Replicate>> replicates = new DistributedBootstrap(jsc, options.settings(), progress)
        .run(groups, eligible, options.replicatesPerTask().orElse(null));
    if (!eligible.isEmpty() && options.settings().bootstrap() > 0) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      progress.accept(String.format(Locale.ROOT, "bootstrap done: %d replicates in %.1f s (%.0f replicates/s)",
          eligible.size() * options.settings().bootstrap(), seconds,
          eligible.size() * options.settings().bootstrap() / seconds));
    }

    Bootstrap bootstrap = new Bootstrap(options.settings());
    FitRows rows = new FitRows();
    // The replicate CMRs are already on the driver (a few doubles per group and b): the size law is fitted
    // here, per sweep x domain and per b, so its numbers cannot depend on partitioning either.
    SizeSweep sizes = new SizeSweep(SizePredictor.byEvidence(options.settings().level()),
        options.predictParams(), options.settings().bootstrap());
    for (int i = 0; i < groups.size(); i++) {
      BootstrapSummary summary = bootstrap.summarize(groups.get(i), points.get(i), replicates.get(i));
      rows.add(points.get(i), summary);
      sizes.add(points.get(i), summary, replicates.get(i));
    }
    FitResults results = rows.results().withPredictions(sizes.rows());
    new FitOutputWriter(spark).write(options.output(), results);
    progress.accept("wrote cmr, laws, curves, sensitivity and predictions (Parquet and JSON) to " + options.output());
    return new Result(results.cmr());
  }
}
