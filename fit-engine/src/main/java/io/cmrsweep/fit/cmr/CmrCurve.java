package io.cmrsweep.fit.cmr;

import java.util.Arrays;

/**
 * CMR as a function of x = T/T_max: min(R(x), sup A) clipped to [0, 1]. sup A is the tolerance bound
 * at T_max (the ratio laws are fitted at T_max only), so the curve uses it at every T.
 */
public sealed interface CmrCurve {

  double at(double x);

  /**
   * The CMR law's (or the interpolation's) own value at x, before the tolerance bound sup A and the
   * clipping to [0, 1]: what the law alone would say. NaN where undefined.
   */
  double unbounded(double x);

  /** The CMR law R = a4 * x^s4 + b4 in units of T_max. */
  record Law(double a4, double s4, double b4, double supA) implements CmrCurve {
    @Override
    public double at(double x) {
      return clip(Math.min(unbounded(x), supA));
    }

    @Override
    public double unbounded(double x) {
      return a4 * Math.pow(x, s4) + b4;
    }
  }

  /**
   * Monotone interpolation when fewer than 3 T0 > 0 are available: at x, the largest ratio feasible at
   * x (T0 <= x), moved linearly towards the next larger ratio by how far x is between their T0s. NaN
   * when no ratio is feasible at x (the CMR is below the smallest measured ratio).
   *
   * @param ratios ascending
   * @param x0 T0/T_max per ratio; 0 = feasible from the start, +inf = no root below the cap
   */
  record Interpolated(double[] ratios, double[] x0, double supA) implements CmrCurve {
    public Interpolated {
      ratios = ratios.clone();
      x0 = x0.clone();
      if (ratios.length != x0.length) {
        throw new IllegalArgumentException("ratios (" + ratios.length + ") and x0 (" + x0.length
            + ") must have the same length");
      }
    }

    @Override
    public double at(double x) {
      return clip(Math.min(unbounded(x), supA));
    }

    @Override
    public double unbounded(double x) {
      int lo = -1;
      for (int i = 0; i < ratios.length; i++) {
        if (x0[i] <= x) {
          lo = i;
        }
      }
      if (lo < 0) {
        return Double.NaN;
      }
      double r = ratios[lo];
      if (lo + 1 < ratios.length && Double.isFinite(x0[lo + 1])) {
        double f = (x - x0[lo]) / (x0[lo + 1] - x0[lo]);
        r += (ratios[lo + 1] - ratios[lo]) * f;
      }
      return r;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Interpolated i && Arrays.equals(ratios, i.ratios) && Arrays.equals(x0, i.x0)
          && Double.compare(supA, i.supA) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ratios) * 31 + Arrays.hashCode(x0);
    }

    @Override
    public String toString() {
      return "Interpolated[ratios=" + Arrays.toString(ratios) + ", x0=" + Arrays.toString(x0) + ", supA=" + supA + "]";
    }
  }

  /** No curve: the fit did not get that far. */
  record None() implements CmrCurve {
    @Override
    public double at(double x) {
      return Double.NaN;
    }

    @Override
    public double unbounded(double x) {
      return Double.NaN;
    }
  }

  private static double clip(double v) {
    return Double.isNaN(v) ? v : Math.max(0.0, Math.min(1.0, v));
  }
}
