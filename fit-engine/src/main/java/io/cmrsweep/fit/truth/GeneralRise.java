package io.cmrsweep.fit.truth;

/**
 * How the general-loss change at T_max depends on the ratio, which decides sup A (the tolerance set's
 * bound). It moves the general token law's constant b2 only, so every T0 and the CMR law stay as built.
 */
public sealed interface GeneralRise {

  /** b2 = 0: the rise at T_max is whatever the token laws give (a2 + a3); sup A follows numerically. */
  record Implied() implements GeneralRise {}

  /**
   * The rise at T_max is exactly eps * (R / supA)^exponent, a power law in R as the fit's ratio law
   * assumes, so at the truth's eps the tolerance bound is exactly {@code supA} and the fit recovers it.
   */
  record Bounded(double supA, double exponent) implements GeneralRise {
    public Bounded {
      if (!(supA > 0 && supA <= 1)) {
        throw new IllegalArgumentException("sup A=" + supA + " must be in (0, 1]");
      }
      if (!(exponent > 0 && exponent <= 10)) {
        throw new IllegalArgumentException("rise exponent=" + exponent + " must be in (0, 10]");
      }
    }
  }
}
