package io.cmrsweep.core.fit;

import java.util.Locale;

/**
 * Which constraint decides a CMR (DESIGN 1.2): the tolerance bound sup A (the law's own value at T_max
 * is at or above it), the CMR law (its value at T_max lies below sup A), the monotone-interpolation
 * fallback (below sup A), or none (no CMR: no ratio is feasible, or the fit failed earlier). In the fit
 * outputs it is a string column holding {@link #label()}.
 */
public enum Binding {
  SUP_A,
  LAW,
  INTERPOLATION,
  NONE;

  /** lower_snake name: {@code sup_a}, {@code law}, {@code interpolation}, {@code none}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The binding of a CMR whose unbounded value (law or interpolation, before sup A and clipping) is
   * {@code unbounded}; NONE when that value is undefined.
   */
  public static Binding of(double unbounded, double supA, boolean interpolated) {
    if (Double.isNaN(unbounded)) {
      return NONE;
    }
    if (unbounded >= supA) {
      return SUP_A;
    }
    return interpolated ? INTERPOLATION : LAW;
  }
}
