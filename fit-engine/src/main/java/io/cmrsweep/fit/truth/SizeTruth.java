package io.cmrsweep.fit.truth;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * The true laws of one model size, built so that the pipeline's model is exactly right (DESIGN 1.1).
 * With x = T/T_max, ratio R has dL_dom = a1 x^s1 (a1 = -(0.2 + 0.6 R), s1 = 0.5) and
 * dL_gen = a2 x^0.3 + a3 x^0.9 + b2 (a2 = 0.01 + 0.03 R), where a3 is solved so that dF/dT = 0 exactly at
 * x0(R) = ((R - b4)/a4)^(1/s4): the true T0 lie on the CMR law R = a4 x^s4 + b4, so the law's CMR at T_max
 * is a4 + b4. b2 comes from {@link GeneralRise} and only moves sup A. Ratio 0 has a3 = 0: without domain
 * data the general rise never turns, so it has no T0. Ratios in (0, b4] have no defined truth.
 *
 * @param params parameter count N
 * @param baseGeneral L_gen(M_S), nats
 * @param baseDomain L_dom(M_S), nats
 * @param a4 CMR-law amplitude (> 0)
 * @param s4 CMR-law exponent (> 0)
 * @param b4 CMR-law intercept, in [0, 1)
 * @param lambda the lambda the laws were built for
 * @param eps the tolerance the rise was built for
 * @param rise the general-loss change at T_max over R
 */
public record SizeTruth(
    long params,
    double baseGeneral,
    double baseDomain,
    double a4,
    double s4,
    double b4,
    double lambda,
    double eps,
    GeneralRise rise) {

  static final double S1 = 0.5;
  static final double S2 = 0.3;
  static final double S3 = 0.9;

  public SizeTruth {
    Objects.requireNonNull(rise, "rise");
    if (params <= 0 || !(baseGeneral > 0) || !(baseDomain > 0) || !(a4 > 0) || !(s4 > 0) || !(b4 >= 0 && b4 < 1)
        || !(lambda > 0) || !(eps > 0) || !Double.isFinite(a4 + s4 + baseGeneral + baseDomain + lambda + eps)) {
      throw new IllegalArgumentException("a size truth needs params > 0, base losses > 0, a4 > 0, s4 > 0,"
          + " b4 in [0, 1), lambda > 0 and eps > 0; got params=" + params + ", base=(" + baseGeneral + ", "
          + baseDomain + "), a4=" + a4 + ", s4=" + s4 + ", b4=" + b4 + ", lambda=" + lambda + ", eps=" + eps
          + " (for a size law this means its CMR at this size must be above b4)");
    }
  }

  /** The CMR law's value at T_max, a4 + b4, clipped to [0, 1]. */
  public double lawCmr() {
    return clip(a4 + b4);
  }

  /** The true CMR at T_max at the built lambda and eps: min(law, sup A). */
  public double cmr() {
    return Math.min(lawCmr(), supA(eps));
  }

  /**
   * The true CMR at T_max at any lambda and eps: the largest ratio whose dF/dT at T_max is <= 0 (its T0
   * is then inside T_max), capped by sup A. At the built lambda it equals the law's a4 + b4.
   */
  public double cmr(double atLambda, double atEps) {
    double law = atLambda == lambda ? lawCmr() : largestRoot(r -> slopeAtTmax(r, atLambda), b4);
    return Math.min(law, supA(atEps));
  }

  /** True T0 / T_max of a ratio at the built lambda (infinite for ratio 0). */
  public double x0(double ratio) {
    checkRatio(ratio);
    return ratio == 0 ? Double.POSITIVE_INFINITY : Math.pow((ratio - b4) / a4, 1.0 / s4);
  }

  /** sup A at tolerance {@code atEps}: the largest ratio whose general-loss rise at T_max stays within it. */
  public double supA(double atEps) {
    if (rise instanceof GeneralRise.Bounded b) {
      return clip(b.supA() * Math.pow(atEps / eps, 1.0 / b.exponent()));
    }
    return largestRoot(r -> generalDelta(r, 1.0) - atEps, 0.0);
  }

  /** (a1, s1, b1) of the domain token law in T/T_max. */
  public double[] domainLaw(double ratio) {
    checkRatio(ratio);
    return new double[] {-(0.2 + 0.6 * ratio), S1, 0.0};
  }

  /** (a2, s2, a3, s3, b2) of the general token law in T/T_max. */
  public double[] generalLaw(double ratio) {
    checkRatio(ratio);
    double a1 = domainLaw(ratio)[0];
    double a2 = 0.01 + 0.03 * ratio;
    double a3 = 0;
    if (ratio > 0) {
      double x0 = x0(ratio);
      double domSlope = a1 * S1 * Math.pow(x0, S1 - 1);
      a3 = -(domSlope / lambda + a2 * S2 * Math.pow(x0, S2 - 1)) / (S3 * Math.pow(x0, S3 - 1));
    }
    double b2 = rise instanceof GeneralRise.Bounded b ? eps * Math.pow(ratio / b.supA(), b.exponent()) - a2 - a3 : 0;
    return new double[] {a2, S2, a3, S3, b2};
  }

  /** dL_gen at x = T/T_max (0 at x = 0, the base model). */
  public double generalDelta(double ratio, double x) {
    if (x == 0) {
      return 0;
    }
    double[] g = generalLaw(ratio);
    return g[0] * Math.pow(x, g[1]) + g[2] * Math.pow(x, g[3]) + g[4];
  }

  /** dL_dom at x = T/T_max (0 at x = 0). */
  public double domainDelta(double ratio, double x) {
    if (x == 0) {
      return 0;
    }
    double[] d = domainLaw(ratio);
    return d[0] * Math.pow(x, d[1]) + d[2];
  }

  /** L_gen(N, R, T), noise-free. */
  public double generalLoss(double ratio, double x) {
    return baseGeneral + generalDelta(ratio, x);
  }

  /** L_dom(N, R, T), noise-free. */
  public double domainLoss(double ratio, double x) {
    return baseDomain + domainDelta(ratio, x);
  }

  /** The smallest ratio with a defined truth other than 0. */
  public double smallestRatio() {
    return Math.nextUp(b4);
  }

  private double slopeAtTmax(double ratio, double atLambda) {
    double[] d = domainLaw(ratio);
    double[] g = generalLaw(ratio);
    return d[0] * d[1] + atLambda * (g[0] * g[1] + g[2] * g[3]);
  }

  /**
   * The largest ratio in (b4, 1] with h <= 0 before h first turns positive (h rising through zero), by a
   * scan and bisection; 1 when h <= 0 throughout, {@code whenNone} when h > 0 already at the smallest ratio.
   */
  private double largestRoot(DoubleUnaryOperator h, double whenNone) {
    int steps = 2000;
    double lo = b4 + (1 - b4) * 1e-6;
    if (h.applyAsDouble(lo) > 0) {
      return whenNone;
    }
    for (int i = 1; i <= steps; i++) {
      double hi = b4 + (1 - b4) * i / steps;
      if (h.applyAsDouble(hi) > 0) {
        for (int k = 0; k < 100; k++) {
          double mid = 0.5 * (lo + hi);
          if (h.applyAsDouble(mid) > 0) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        return lo;
      }
      lo = hi;
    }
    return 1.0;
  }

  private void checkRatio(double ratio) {
    if (!(ratio == 0 || (ratio > b4 && ratio <= 1))) {
      throw new IllegalArgumentException("ratio " + ratio + " must be 0 or in (b4=" + b4 + ", 1] so that its T0"
          + " exists; lower the truth's b4 or drop the ratio");
    }
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
