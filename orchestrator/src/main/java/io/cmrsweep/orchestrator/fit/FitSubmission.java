package io.cmrsweep.orchestrator.fit;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.orchestrator.launch.Executables;
import io.cmrsweep.orchestrator.spec.SweepSpec.FitSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fit job's submission (DESIGN 3.4): {@code bin/spark-submit [--master M] [--conf k=v ...] <fit-job.jar>
 * --input-list <fits/inputs.txt> --output <fits> --format parquet} followed by the spec's fit parameters as
 * {@link io.cmrsweep.core.fit.FitParameters#arguments()} writes them (the spec's keys are the job's option
 * names) and the target sizes as {@link io.cmrsweep.core.fit.PredictParams#arguments()} writes them, started as a child process without a shell; its output goes to this process's output. The input
 * list (core's {@code InputList}) is written by {@code cmr fit} before the submission.
 */
public final class FitSubmission {
  private final FitSpec fit;
  private final Map<String, String> hadoopConf;
  private final SweepLayout layout;
  private final Path workingDir;

  public FitSubmission(FitSpec fit, SweepLayout layout, Path workingDir) {
    this(fit, Map.of(), layout, workingDir);
  }

  /** {@code hadoopConf} (the spec's storage.hadoopConf) reaches the driver and executors as spark.hadoop.* settings. */
  public FitSubmission(FitSpec fit, Map<String, String> hadoopConf, SweepLayout layout, Path workingDir) {
    this.fit = fit;
    this.hadoopConf = Map.copyOf(hadoopConf);
    this.layout = layout;
    this.workingDir = workingDir;
  }

  public List<String> command() {
    List<String> argv = new ArrayList<>(Executables.resolve(fit.submit(), workingDir));
    argv.add("--master");
    argv.add(fit.master());
    new TreeMap<>(hadoopConf).forEach((k, v) -> argv.addAll(List.of("--conf", "spark.hadoop." + k + "=" + v)));
    for (String conf : fit.sparkConf()) {
      argv.add("--conf");
      argv.add(conf);
    }
    argv.add(Path.of(fit.jar()).isAbsolute() || fit.jar().contains("://") ? fit.jar()
        : workingDir.resolve(fit.jar()).toString());
    argv.addAll(List.of("--input-list", layout.fitInputList().toString(), "--output", layout.fitsDir().toString(),
        "--format", "parquet"));
    argv.addAll(fit.parameters().arguments());
    argv.addAll(fit.predictParams().arguments());
    return argv;
  }

  /** Runs spark-submit to the end and returns its exit code. */
  public int run() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command()).directory(workingDir.toFile()).inheritIO().start();
    return p.waitFor();
  }
}
