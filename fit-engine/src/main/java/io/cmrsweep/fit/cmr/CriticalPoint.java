package io.cmrsweep.fit.cmr;

/**
 * T0 of one ratio in units of T_max: the smallest T at which dF/dT turns from positive to <= 0.
 *
 * @param x T0 / T_max; 0 for {@link Kind#AT_START}, NaN for {@link Kind#NONE}
 * @param se delta-method standard error of x (NaN when the fits give no covariance)
 */
public record CriticalPoint(Kind kind, double x, double se) {

  public enum Kind {
    /** dF/dT <= 0 from the first checkpoint through T_max: the domain gain wins from the start. */
    AT_START,
    /** A root of dF/dT between the first checkpoint and the search cap. */
    ROOT,
    /** dF/dT stays positive up to the search cap. */
    NONE
  }

  public CriticalPoint {
    if (kind == Kind.AT_START && x != 0) {
      throw new IllegalArgumentException("an at-start critical point has x=0, got " + x);
    }
    if (kind == Kind.NONE && !Double.isNaN(x)) {
      throw new IllegalArgumentException("a missing critical point has x=NaN, got " + x);
    }
    if (kind == Kind.ROOT && !(x > 0 && Double.isFinite(x))) {
      throw new IllegalArgumentException("a root has a positive finite x, got " + x);
    }
  }

  public static CriticalPoint atStart() {
    return new CriticalPoint(Kind.AT_START, 0, 0);
  }

  public static CriticalPoint none() {
    return new CriticalPoint(Kind.NONE, Double.NaN, Double.NaN);
  }

  /** Feasible at T_max: T0 <= T_max (including T0 = 0). */
  public boolean feasible() {
    return kind == Kind.AT_START || (kind == Kind.ROOT && x <= 1.0);
  }

  /** x where a missing root counts as infinitely far. */
  public double xOrInfinity() {
    return kind == Kind.NONE ? Double.POSITIVE_INFINITY : x;
  }
}
