package io.cmrsweep.fit.cmr;

import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.LawFitter;
import io.cmrsweep.fit.law.PowerLaw;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Step 1 of DESIGN 1.1: the token laws of one ratio, fitted on its T > 0 checkpoints (all seeds
 * pooled) in x = T/T_max, on the loss changes from the base losses.
 */
final class TokenLaws {
  static final PowerLaw DOMAIN = PowerLaw.positive("token_domain", "a1", "s1", "b1");
  static final TwoTermPowerLaw GENERAL = new TwoTermPowerLaw("token_general");

  /** The fitted laws of one ratio; {@code xFirst} is its first checkpoint in T/T_max. */
  record Fitted(double ratio, int seeds, int checkpoints, double xFirst, FitResult domain, FitResult general) {}

  /** Points of one ratio, or why they are not enough. */
  record Points(double[] x, double[] general, double[] domain, int seeds, int distinct) {}

  private final LawFitter fitter;

  TokenLaws(LawFitter fitter) {
    this.fitter = fitter;
  }

  static Points points(List<Trajectory> trajectories, double tMax, double baseGeneral, double baseDomain) {
    List<double[]> rows = new ArrayList<>();
    TreeSet<Double> distinct = new TreeSet<>();
    for (Trajectory t : trajectories) {
      for (int i = 0; i < t.size(); i++) {
        if (t.tokensAt(i) > 0) {
          double x = t.tokensAt(i) / tMax;
          rows.add(new double[] {x, t.generalAt(i) - baseGeneral, t.domainAt(i) - baseDomain});
          distinct.add(x);
        }
      }
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] g = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i)[0];
      g[i] = rows.get(i)[1];
      d[i] = rows.get(i)[2];
    }
    return new Points(x, g, d, trajectories.size(), distinct.size());
  }

  Fitted fit(double ratio, Points p) {
    double xFirst = Double.POSITIVE_INFINITY;
    for (double v : p.x()) {
      xFirst = Math.min(xFirst, v);
    }
    FitResult dom = fitter.fit(DOMAIN, p.x(), p.domain());
    FitResult gen = fitter.fit(GENERAL, p.x(), p.general());
    return new Fitted(ratio, p.seeds(), p.x().length, xFirst, dom, gen);
  }
}
