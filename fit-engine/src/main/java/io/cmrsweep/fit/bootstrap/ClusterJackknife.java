package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.List;

/**
 * The stratified delete-one-run jackknife of a group's CMR, used for the degrees of freedom of the
 * seed-cluster interval ({@link Widening}). Each ratio r with n_r >= 2 runs contributes
 * v_r = (n_r - 1) / n_r * sum over its runs of (CMR without that run - their mean)^2; the Satterthwaite
 * degrees of freedom are (sum v_r)^2 / sum (v_r^2 / (n_r - 1)). It costs one fit per run.
 */
final class ClusterJackknife {
  private final CmrPipeline pipeline;

  ClusterJackknife(CmrPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * The Satterthwaite df of the CMR's jackknife variance; {@code fallback} where a delete-one fit fails or the
   * CMR does not move when any run is left out.
   */
  double degreesOfFreedom(Group group, double fallback) {
    double total = 0;
    double weighted = 0;
    for (double ratio : group.ratios()) {
      List<Trajectory> cell = group.at(ratio);
      if (ratio <= 0 || cell.size() < 2) {
        continue;
      }
      int n = cell.size();
      double[] without = new double[n];
      for (int i = 0; i < n; i++) {
        without[i] = cmrWithout(group, cell.get(i));
        if (!Double.isFinite(without[i])) {
          return fallback;
        }
      }
      double mean = 0;
      for (double v : without) {
        mean += v / n;
      }
      double ss = 0;
      for (double v : without) {
        ss += (v - mean) * (v - mean);
      }
      double contribution = (n - 1.0) / n * ss;
      total += contribution;
      weighted += contribution * contribution / (n - 1.0);
    }
    return total > 0 && weighted > 0 ? total * total / weighted : fallback;
  }

  private double cmrWithout(Group group, Trajectory left) {
    List<Trajectory> kept = new ArrayList<>(group.trajectories().size() - 1);
    for (Trajectory t : group.trajectories()) {
      if (t != left) {
        kept.add(t);
      }
    }
    var fit = pipeline.fitReplicate(group.withTrajectories(kept), group.tMax());
    return fit.ok() ? fit.cmr() : Double.NaN;
  }
}
