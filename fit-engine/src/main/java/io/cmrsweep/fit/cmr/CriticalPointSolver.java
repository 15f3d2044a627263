package io.cmrsweep.fit.cmr;

import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.LawModel;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Finds T0 for one ratio from its fitted token laws: the first T >= the first checkpoint where
 * G(x) = f'(x) + lambda * g'(x) (f: domain law, g: general law, x = T/T_max) turns from positive to
 * <= 0. The search starts at the first checkpoint, not at 0: when a fitted s2 exceeds s1, G is negative
 * near 0 for a reason that is an artifact of the fit. A log-spaced scan brackets the sign change and
 * Brent refines it.
 *
 * <p>Rules: G <= 0 on the whole scan up to T_max -> {@link CriticalPoint.Kind#AT_START} (T0 = 0).
 * Otherwise T0 is the first positive-to-non-positive change after the first positive scan point;
 * none below the cap -> {@link CriticalPoint.Kind#NONE}.
 */
final class CriticalPointSolver {
  private static final int SCAN = 96;

  private final LawModel domainLaw;
  private final LawModel generalLaw;
  private final double cap;

  CriticalPointSolver(LawModel domainLaw, LawModel generalLaw, double cap) {
    this.domainLaw = domainLaw;
    this.generalLaw = generalLaw;
    this.cap = cap;
  }

  CriticalPoint solve(FitResult domain, FitResult general, double lambda, double xFirst) {
    double[] pd = domain.parameters();
    double[] pg = general.parameters();
    double start = Math.min(xFirst, 1.0);
    double ratio = Math.log(cap / start);
    int firstPositive = -1;
    double prevX = start;
    double prevG = g(pd, pg, lambda, start);
    if (prevG > 0) {
      firstPositive = 0;
    }
    for (int k = 1; k < SCAN; k++) {
      double x = start * Math.exp(ratio * k / (SCAN - 1));
      double gx = g(pd, pg, lambda, x);
      if (firstPositive < 0) {
        if (gx > 0) {
          firstPositive = k;
        } else if (x >= 1.0 && prevX < 1.0 && !hasPositiveBelow(pd, pg, lambda, start, 1.0)) {
          return CriticalPoint.atStart();
        }
      } else if (gx <= 0 && prevG > 0) {
        double root = brent(pd, pg, lambda, prevX, x);
        return new CriticalPoint(CriticalPoint.Kind.ROOT, root, standardError(domain, general, lambda, root));
      }
      prevX = x;
      prevG = gx;
    }
    return firstPositive < 0 ? CriticalPoint.atStart() : CriticalPoint.none();
  }

  /** The coarse scan can step over a short positive stretch below T_max; look closer before AT_START. */
  private boolean hasPositiveBelow(double[] pd, double[] pg, double lambda, double lo, double hi) {
    int n = 4 * SCAN;
    double r = Math.log(hi / lo);
    for (int k = 0; k <= n; k++) {
      if (g(pd, pg, lambda, lo * Math.exp(r * k / n)) > 0) {
        return true;
      }
    }
    return false;
  }

  private double g(double[] pd, double[] pg, double lambda, double x) {
    return domainLaw.slope(pd, x) + lambda * generalLaw.slope(pg, x);
  }

  private double brent(double[] pd, double[] pg, double lambda, double lo, double hi) {
    try {
      return new BrentSolver(1e-13, 1e-15).solve(200, x -> g(pd, pg, lambda, x), lo, hi);
    } catch (MathIllegalStateException e) {
      return 0.5 * (lo + hi);
    }
  }

  /**
   * Delta method: x0 solves G(x0; theta) = 0, so dx0/dtheta = -(dG/dtheta) / (dG/dx), and
   * var(x0) = a_d' C_d a_d + a_g' C_g a_g with the two laws' (independent) parameter covariances.
   */
  private double standardError(FitResult domain, FitResult general, double lambda, double x0) {
    double[] pd = domain.parameters();
    double[] pg = general.parameters();
    double dGdx = domainLaw.curvature(pd, x0) + lambda * generalLaw.curvature(pg, x0);
    if (!(Math.abs(dGdx) > 0)) {
      return Double.NaN;
    }
    double[] ad = new double[pd.length];
    double[] ag = new double[pg.length];
    domainLaw.slopeGradient(pd, x0, ad);
    generalLaw.slopeGradient(pg, x0, ag);
    double var = 0;
    for (int i = 0; i < ad.length; i++) {
      for (int j = 0; j < ad.length; j++) {
        var += ad[i] * ad[j] * domain.covariance(i, j);
      }
    }
    for (int i = 0; i < ag.length; i++) {
      for (int j = 0; j < ag.length; j++) {
        var += lambda * lambda * ag[i] * ag[j] * general.covariance(i, j);
      }
    }
    double se = Math.sqrt(var) / Math.abs(dGdx);
    return Double.isFinite(se) ? se : Double.NaN;
  }
}
