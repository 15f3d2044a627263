package io.cmrsweep.core.fit;

import java.util.List;
import java.util.Objects;

/**
 * The CMR predicted at one target model size for one sweep x domain (DESIGN 1.1 step 6, 3.3): one row of
 * fits/predictions.json and predictions.parquet. The size law is fitted over the swept sizes' CMRs and again
 * within every bootstrap replicate (replicate b of every size), so the interval carries every stage's
 * uncertainty. Shares are in [0, 1]; NaN means missing (null in JSON).
 *
 * @param targetParams the model size asked for (fit.predictParams), in parameters
 * @param cmr the predicted CMR from the point estimates; NaN unless status is ok or two_point
 * @param answer what the prediction is (DESIGN 1.2): {@code estimate} when every size used is an estimate;
 *     {@code upper_bound} when every size is decided by its tolerance bound, so the law extrapolates sup A and
 *     the CMR at the target is at most about {@code cmr}; {@code not_identified} when estimates and bounds are
 *     mixed (the law runs through values of different kinds); {@code none} without a prediction
 * @param replicates bootstrap replicates tried (pairs of replicate b across the sizes)
 * @param failedReplicates replicates without a prediction, by reason in {@code replicateFailures}
 * @param form the size law's form ({@code logit_linear}, ...), with its parameter names and values
 * @param sizeModels the swept models whose CMR the law was fitted to, ascending by size
 * @param sizeParams their parameter counts; {@code sizeCmrs}, {@code sizeCiLow}, {@code sizeCiHigh} their CMRs,
 *     {@code sizeAnswers} what each of those is ({@code estimate}, {@code upper_bound}, ...)
 * @param largestSweptParams the largest of {@code sizeParams} (0 when none)
 * @param extrapolation targetParams / largestSweptParams (NaN when none); above 1 is an extrapolation
 * @param status {@code ok}, {@code two_point} (the law passes exactly through two sizes, nothing checks its
 *     form), {@code too_few_sizes} or {@code law_failed}
 * @param gridParams a log-spaced grid of sizes from the smallest swept size to the target (for the chart),
 *     with the law's value and its pointwise percentile band over the replicates
 */
public record PredictionRow(
    String sweep,
    String domain,
    long targetParams,
    double cmr,
    CmrAnswer answer,
    double ciLow,
    double ciHigh,
    double level,
    int replicates,
    int failedReplicates,
    String replicateFailures,
    String form,
    List<String> parameterNames,
    List<Double> parameters,
    List<String> sizeModels,
    List<Double> sizeParams,
    List<Double> sizeCmrs,
    List<Double> sizeCiLow,
    List<Double> sizeCiHigh,
    List<String> sizeAnswers,
    long largestSweptParams,
    double extrapolation,
    String status,
    String statusDetail,
    List<Double> gridParams,
    List<Double> gridCmr,
    List<Double> gridLow,
    List<Double> gridHigh) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The columns of predictions.json and predictions.parquet, derived from this record. */
  public static final RowSchema<PredictionRow> SCHEMA = RowSchema.of(PredictionRow.class);

  public PredictionRow {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(replicateFailures, "replicate_failures");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusDetail, "status_detail");
    Objects.requireNonNull(answer, "answer");
    if (targetParams <= 0) {
      throw new IllegalArgumentException("target_params=" + targetParams + " must be > 0 parameters");
    }
    if (failedReplicates < 0 || failedReplicates > replicates) {
      throw new IllegalArgumentException("failed_replicates=" + failedReplicates + " must be in [0, replicates="
          + replicates + "]");
    }
    parameterNames = List.copyOf(parameterNames);
    parameters = List.copyOf(parameters);
    if (parameterNames.size() != parameters.size()) {
      throw new IllegalArgumentException("parameters has " + parameters.size() + " values but parameter_names has "
          + parameterNames.size() + "; they pair up one to one");
    }
    sizeModels = List.copyOf(sizeModels);
    sizeParams = List.copyOf(sizeParams);
    sizeCmrs = List.copyOf(sizeCmrs);
    sizeCiLow = List.copyOf(sizeCiLow);
    sizeCiHigh = List.copyOf(sizeCiHigh);
    sizeAnswers = List.copyOf(sizeAnswers);
    int n = sizeModels.size();
    if (sizeParams.size() != n || sizeCmrs.size() != n || sizeCiLow.size() != n || sizeCiHigh.size() != n
        || sizeAnswers.size() != n) {
      throw new IllegalArgumentException("size_models, size_params, size_cmrs, size_ci_low, size_ci_high and"
          + " size_answers pair up one to one; got " + n + ", " + sizeParams.size() + ", " + sizeCmrs.size() + ", "
          + sizeCiLow.size() + ", " + sizeCiHigh.size() + ", " + sizeAnswers.size());
    }
    gridParams = List.copyOf(gridParams);
    gridCmr = List.copyOf(gridCmr);
    gridLow = List.copyOf(gridLow);
    gridHigh = List.copyOf(gridHigh);
    int g = gridParams.size();
    if (gridCmr.size() != g || gridLow.size() != g || gridHigh.size() != g) {
      throw new IllegalArgumentException("grid_cmr, grid_low and grid_high need one value per grid_params entry ("
          + g + "); got " + gridCmr.size() + ", " + gridLow.size() + ", " + gridHigh.size());
    }
  }

  /** A prediction was made (from a law checked by more sizes than parameters, or a labelled two-point line). */
  public boolean predicted() {
    return "ok".equals(status) || "two_point".equals(status);
  }
}
