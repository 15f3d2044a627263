package io.cmrsweep.fit.truth;

import java.util.Objects;

/**
 * The known size law of a simulated truth: the true CMR at T_max (before the tolerance cap) as a smooth
 * function of the parameter count N, in the form {@link SizeLawForm} names.
 *
 * @param form the formula
 * @param c POWER: the large-size limit; LOGIT_LINEAR: the logit at N = 1e9
 * @param k POWER: the amplitude of the size term; LOGIT_LINEAR: the slope per e-fold of N
 * @param g POWER: the exponent (> 0); ignored by LOGIT_LINEAR
 */
public record SizeLaw(SizeLawForm form, double c, double k, double g) {
  static final double UNIT = 1e9;

  public SizeLaw {
    Objects.requireNonNull(form, "form");
    if (!Double.isFinite(c) || !Double.isFinite(k) || !Double.isFinite(g)) {
      throw new IllegalArgumentException("size law c=" + c + ", k=" + k + ", g=" + g + " must be finite numbers");
    }
    if (form == SizeLawForm.POWER && !(g > 0)) {
      throw new IllegalArgumentException("size law g=" + g + " must be > 0 for the power form c - k * (N/1e9)^(-g)");
    }
  }

  /** CMR(N) = 0.6 - 0.2 (N/1e9)^(-0.3): 0.20 at 100M, 0.40 at 1B, 0.50 at 10B parameters. */
  public static SizeLaw defaults() {
    return new SizeLaw(SizeLawForm.POWER, 0.6, 0.2, 0.3);
  }

  /** The law's CMR at T_max for a model of {@code params} parameters (not clipped, not capped by sup A). */
  public double cmr(double params) {
    if (!(params > 0)) {
      throw new IllegalArgumentException("model parameters " + params + " must be > 0");
    }
    double n = params / UNIT;
    return switch (form) {
      case POWER -> c - k * Math.pow(n, -g);
      case LOGIT_LINEAR -> 1.0 / (1.0 + Math.exp(-(c + k * Math.log(n))));
    };
  }
}
