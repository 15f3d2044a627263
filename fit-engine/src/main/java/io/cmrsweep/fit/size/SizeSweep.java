package io.cmrsweep.fit.size;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.bootstrap.Replicate;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.output.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every group's point estimate and bootstrap replicates by sweep x domain and predicts the CMR
 * at the target sizes across the models of each (DESIGN 1.1 step 6). Replicates are placed by their
 * index b, so the pairing across sizes does not depend on the order they were computed or collected in.
 */
public final class SizeSweep {
  private final SizePredictor predictor;
  private final PredictParams targets;
  private final int bootstrap;
  private final Map<List<String>, List<SizePoint>> sizes = new LinkedHashMap<>();

  /** {@code bootstrap} = B, the replicates every ok group was given. */
  public SizeSweep(SizePredictor predictor, PredictParams targets, int bootstrap) {
    this.predictor = predictor;
    this.targets = targets;
    this.bootstrap = bootstrap;
  }

  public SizeSweep add(GroupFit point, BootstrapSummary summary, List<Replicate> replicates) {
    sizes.computeIfAbsent(List.of(point.key().sweep(), point.key().domain()), k -> new ArrayList<>())
        .add(point(point, summary, replicates, bootstrap));
    return this;
  }

  /** One row per sweep x domain x target; none without targets. */
  public List<PredictionRow> rows() {
    List<PredictionRow> rows = new ArrayList<>();
    if (targets.isEmpty()) {
      return rows;
    }
    sizes.forEach((k, v) -> rows.addAll(predictor.predict(k.get(0), k.get(1), v, targets)));
    return rows;
  }

  /**
   * The size-law view of one group: replicate b at index b (NaN, with its reason, where it failed or is
   * missing), its CMR read through the summary's {@link io.cmrsweep.fit.bootstrap.Widening} around the point
   * estimate, so the size law propagates the same spread as the group's own interval.
   */
  public static SizePoint point(GroupFit point, BootstrapSummary summary, List<Replicate> replicates,
      int bootstrap) {
    int b = point.ok() ? bootstrap : 0;
    double[] cmr = new double[b];
    String[] failures = new String[b];
    Arrays.fill(cmr, Double.NaN);
    Arrays.fill(failures, "missing");
    for (Replicate r : replicates) {
      if (r.index() < b) {
        cmr[r.index()] = summary.widening().applyToShare(point.cmr(), r.cmr());
        failures[r.index()] = r.failure();
      }
    }
    return new SizePoint(point.key().model(), point.modelParams(), point.status().label(),
        Verdict.of(point, summary).answer(), point.cmr(),
        summary.ciLow(), summary.ciHigh(), cmr, failures);
  }
}
