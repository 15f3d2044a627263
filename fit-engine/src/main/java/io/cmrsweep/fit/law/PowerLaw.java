package io.cmrsweep.fit.law;

import java.util.ArrayList;
import java.util.List;

/**
 * f(x) = a * x^s + b. Used for the domain token law (a1, s1, b1), the ratio laws (alpha, s, beta) and
 * the CMR law (a4, s4, b4). Nonlinear parameter: s (sanity bounds [sMin, sMax]); linear: a, b.
 */
public final class PowerLaw implements LawModel {
  private static final double[] POSITIVE_GRID = {0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.5};
  private static final double[] SIGNED_GRID = {-1.5, -0.75, -0.4, -0.2, -0.1, 0.1, 0.2, 0.4, 0.75, 1.5};

  private final String name;
  private final List<String> names;
  private final double sMin;
  private final double sMax;
  private final double[] grid;

  private PowerLaw(String name, List<String> names, double sMin, double sMax, double[] grid) {
    if (names.size() != 3) {
      throw new IllegalArgumentException("a power law has 3 parameters (amplitude, exponent, offset); got " + names);
    }
    if (!(sMin < sMax)) {
      throw new IllegalArgumentException("exponent range [" + sMin + ", " + sMax + "] is empty; use sMin < sMax");
    }
    this.name = name;
    this.names = List.copyOf(names);
    this.sMin = sMin;
    this.sMax = sMax;
    this.grid = grid.clone();
  }

  /** A law with a positive exponent in [0.02, 4] (token and ratio laws). */
  public static PowerLaw positive(String name, String amplitude, String exponent, String offset) {
    return new PowerLaw(name, List.of(amplitude, exponent, offset), 0.02, 4.0, POSITIVE_GRID);
  }

  /** A law whose exponent may have either sign, in [-3, 3] (the CMR law; the published s4 are of both signs). */
  public static PowerLaw signed(String name, String amplitude, String exponent, String offset) {
    return new PowerLaw(name, List.of(amplitude, exponent, offset), -3.0, 3.0, SIGNED_GRID);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public double value(double[] p, double x) {
    return p[0] * Math.pow(x, p[1]) + p[2];
  }

  @Override
  public void evaluate(double[] p, double[] x, double[] lnx, double[] values, double[][] jacobian) {
    for (int i = 0; i < x.length; i++) {
      double xs = Math.exp(p[1] * lnx[i]);
      values[i] = p[0] * xs + p[2];
      double[] row = jacobian[i];
      row[0] = xs;
      row[1] = p[0] * xs * lnx[i];
      row[2] = 1.0;
    }
  }

  @Override
  public double slope(double[] p, double x) {
    return p[0] * p[1] * Math.pow(x, p[1] - 1.0);
  }

  @Override
  public double curvature(double[] p, double x) {
    return p[0] * p[1] * (p[1] - 1.0) * Math.pow(x, p[1] - 2.0);
  }

  @Override
  public void slopeGradient(double[] p, double x, double[] out) {
    double xs1 = Math.pow(x, p[1] - 1.0);
    out[0] = p[1] * xs1;
    out[1] = p[0] * xs1 * (1.0 + p[1] * Math.log(x));
    out[2] = 0.0;
  }

  @Override
  public int nonlinearCount() {
    return 1;
  }

  @Override
  public double[] nonlinear(double[] p) {
    return new double[] {p[1]};
  }

  @Override
  public double[] assemble(double[] alpha, double[] c) {
    return new double[] {c[0], alpha[0], c[1]};
  }

  @Override
  public void basis(double[] alpha, double[] lnx, double[][] phi) {
    for (int i = 0; i < lnx.length; i++) {
      phi[0][i] = Math.exp(alpha[0] * lnx[i]);
      phi[1][i] = 1.0;
    }
  }

  @Override
  public void basisDerivative(double[] alpha, double[] lnx, int k, double[][] dphi) {
    for (int i = 0; i < lnx.length; i++) {
      dphi[0][i] = lnx[i] * Math.exp(alpha[0] * lnx[i]);
      dphi[1][i] = 0.0;
    }
  }

  @Override
  public List<double[]> grid() {
    List<double[]> g = new ArrayList<>();
    for (double s : grid) {
      if (s >= sMin && s <= sMax) {
        g.add(new double[] {s});
      }
    }
    return g;
  }

  @Override
  public double[] bounded(double[] alpha) {
    return new double[] {clamp(alpha[0], sMin, sMax)};
  }

  static double clamp(double v, double lo, double hi) {
    if (Double.isNaN(v)) {
      return 0.5 * (lo + hi);
    }
    return Math.max(lo, Math.min(hi, v));
  }
}
