package io.cmrsweep.core.fit;

import java.util.List;

/**
 * The functional forms of the fitted laws (DESIGN 1.1), with the parameter order the fit outputs use.
 * POWER is {@code a x^s + b}; TWO_TERM is {@code a2 x^s2 + a3 x^s3 + b2} (the general-loss token law,
 * reported with s2 <= s3).
 */
public enum LawForm {
  POWER(List.of("a", "s", "b")),
  TWO_TERM(List.of("a2", "s2", "a3", "s3", "b2"));

  private final List<String> parameterNames;

  LawForm(List<String> parameterNames) {
    this.parameterNames = parameterNames;
  }

  /** The generic parameter names in output order; a law may name them more specifically (a1, alpha_gen). */
  public List<String> parameterNames() {
    return parameterNames;
  }

  public int parameterCount() {
    return parameterNames.size();
  }

  /** The law at {@code x} for {@code p} in output order; NaN when any parameter is NaN. */
  public double value(List<Double> p, double x) {
    if (p.size() != parameterCount()) {
      throw new IllegalArgumentException(name().toLowerCase(java.util.Locale.ROOT) + " takes " + parameterCount()
          + " parameters " + parameterNames + "; got " + p.size());
    }
    return switch (this) {
      case POWER -> p.get(0) * Math.pow(x, p.get(1)) + p.get(2);
      case TWO_TERM -> p.get(0) * Math.pow(x, p.get(1)) + p.get(2) * Math.pow(x, p.get(3)) + p.get(4);
    };
  }
}
