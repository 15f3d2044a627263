package io.cmrsweep.fit.cmr;

import io.cmrsweep.fit.law.FitResult;
import java.util.Objects;

/**
 * One measured ratio: its token laws (fitted on T > 0 in units of T_max, seeds pooled) and its critical
 * point at the main lambda.
 *
 * @param t0 T0 in tokens: 0 when feasible from the start, NaN when there is no root below the cap
 * @param t0Se delta-method standard error of T0 in tokens (NaN when unknown)
 * @param extrapolated T0 lies beyond T_max, i.e. it comes from extrapolating the token laws
 * @param feasible T0 <= T_max (this ratio is in the feasible set at T_max, tolerance aside)
 */
public record RatioFit(
    double ratio,
    int seeds,
    int checkpoints,
    CriticalPoint.Kind t0Kind,
    double t0,
    double t0Se,
    boolean extrapolated,
    boolean feasible,
    FitResult domainLaw,
    FitResult generalLaw) {

  public RatioFit {
    Objects.requireNonNull(t0Kind, "t0Kind");
    Objects.requireNonNull(domainLaw, "domainLaw");
    Objects.requireNonNull(generalLaw, "generalLaw");
  }

  static RatioFit of(double ratio, int seeds, int checkpoints, CriticalPoint cp, double tMax, FitResult dom,
      FitResult gen) {
    double t0 = cp.x() * tMax;
    return new RatioFit(ratio, seeds, checkpoints, cp.kind(), t0, cp.se() * tMax,
        cp.kind() == CriticalPoint.Kind.NONE || (cp.kind() == CriticalPoint.Kind.ROOT && cp.x() > 1.0),
        cp.feasible(), dom, gen);
  }
}
