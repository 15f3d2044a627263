package io.cmrsweep.fit.spark;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cli.LossSource;
import io.cmrsweep.fit.cmr.FitSettings;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one run of the fit job does: where the losses are, where the fits go, and how to fit.
 *
 * @param groupFilter keeps only groups whose {@code sweep/domain/model} matches (a regular expression)
 * @param master the Spark master to use when spark-submit did not set one
 * @param replicatesPerTask bootstrap replicates packed into one Spark task; empty = sized by measurement
 * @param predictParams target model sizes of the size law (none: no predictions)
 */
public record FitJobOptions(
    LossSource input,
    String output,
    LossFormat format,
    FitSettings settings,
    Optional<Pattern> groupFilter,
    String master,
    Optional<Integer> replicatesPerTask,
    PredictParams predictParams) {

  public FitJobOptions {
    if (input == null) {
      throw new IllegalArgumentException("--input or --input-list is missing");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is missing");
    }
    groupFilter = groupFilter == null ? Optional.empty() : groupFilter;
    replicatesPerTask = replicatesPerTask == null ? Optional.empty() : replicatesPerTask;
    predictParams = predictParams == null ? PredictParams.none() : predictParams;
  }

  /** Options without target sizes. */
  public FitJobOptions(LossSource input, String output, LossFormat format, FitSettings settings,
      Optional<Pattern> groupFilter, String master, Optional<Integer> replicatesPerTask) {
    this(input, output, format, settings, groupFilter, master, replicatesPerTask, PredictParams.none());
  }
}
