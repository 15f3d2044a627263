package io.cmrsweep.fit.law;

import java.util.ArrayList;
import java.util.List;

/**
 * The general-loss token law f(x) = a2 x^s2 + a3 x^s3 + b2 (the general loss first rises, then falls),
 * fitted in a parametrization that stays regular where the textbook one degenerates.
 *
 * <p>Why: as s3 approaches s2 the two terms become collinear and the best fit runs off to
 * a2 = -a3 -> infinity; with realistic noise (1e-5 .. 1e-4 nats) the optimum often lies on that ridge
 * and Levenberg-Marquardt crawls along it without converging. Writing s3 = s2 + d and
 * <pre>  f(x) = A x^s + B x^s (x^d - 1)/d + b,   A = a2 + a3,  B = a3 d,  s = s2</pre>
 * gives the same family, analytic in d through d = 0 (where it becomes A x^s + B x^s ln x), so the
 * optimizer never meets a singularity. The fitted parameter vector is (A, s, B, d, b2);
 * {@link #ordered(double[])} turns it into (a2, s2, a3, s3, b2) with s2 <= s3 for reporting.
 * Sanity bounds: s and s + d in [0.02, 4]. Nonlinear parameters (s, d); linear (A, B, b2).
 */
public final class TwoTermPowerLaw implements LawModel {
  private static final double S_MIN = 0.02;
  private static final double S_MAX = 4.0;
  private static final double[] GRID = {0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.5};
  private static final List<String> NAMES = List.of("A", "s", "B", "d", "b2");

  private final String name;

  public TwoTermPowerLaw(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  /** (A, s, B, d, b2) -> (a2, s2, a3, s3, b2) with s2 <= s3 (a2, a3 grow like 1/d as d -> 0). */
  public static double[] ordered(double[] p) {
    double a3 = p[2] / p[3];
    double a2 = p[0] - a3;
    double s2 = p[1];
    double s3 = p[1] + p[3];
    return s2 <= s3 ? new double[] {a2, s2, a3, s3, p[4]} : new double[] {a3, s3, a2, s2, p[4]};
  }

  /** (a2, s2, a3, s3, b2) -> (A, s, B, d, b2). */
  public static double[] fromTerms(double a2, double s2, double a3, double s3, double b2) {
    return new double[] {a2 + a3, s2, a3 * (s3 - s2), s3 - s2, b2};
  }

  /** (x^d - 1)/d, with its limit ln x at d = 0. */
  static double e(double d, double lnx) {
    double z = d * lnx;
    if (Math.abs(z) < 1e-8) {
      return lnx * (1 + 0.5 * z);
    }
    return Math.expm1(z) / d;
  }

  /** d/dd of (x^d - 1)/d = lnx^2 * psi(d lnx), psi(z) = (z e^z - e^z + 1)/z^2. */
  static double ePrime(double d, double lnx) {
    double z = d * lnx;
    double psi;
    if (Math.abs(z) < 1e-2) {
      psi = 0.5 + z * (1.0 / 3 + z * (1.0 / 8 + z * (1.0 / 30 + z * (1.0 / 144 + z / 840))));
    } else {
      psi = (z * Math.exp(z) - Math.expm1(z)) / (z * z);
    }
    return lnx * lnx * psi;
  }

  @Override
  public double value(double[] p, double x) {
    double lnx = Math.log(x);
    return Math.exp(p[1] * lnx) * (p[0] + p[2] * e(p[3], lnx)) + p[4];
  }

  @Override
  public void evaluate(double[] p, double[] x, double[] lnx, double[] values, double[][] jacobian) {
    for (int i = 0; i < x.length; i++) {
      double l = lnx[i];
      double u = Math.exp(p[1] * l);
      double ev = e(p[3], l);
      double core = p[0] + p[2] * ev;
      values[i] = u * core + p[4];
      double[] row = jacobian[i];
      row[0] = u;
      row[1] = l * u * core;
      row[2] = u * ev;
      row[3] = p[2] * u * ePrime(p[3], l);
      row[4] = 1.0;
    }
  }

  @Override
  public double slope(double[] p, double x) {
    double l = Math.log(x);
    double ev = e(p[3], l);
    double xd = Math.exp(p[3] * l);
    return Math.exp((p[1] - 1) * l) * (p[0] * p[1] + p[2] * (p[1] * ev + xd));
  }

  @Override
  public double curvature(double[] p, double x) {
    double l = Math.log(x);
    double ev = e(p[3], l);
    double xd = Math.exp(p[3] * l);
    double k = p[0] * p[1] + p[2] * (p[1] * ev + xd);
    return Math.exp((p[1] - 2) * l) * ((p[1] - 1) * k + p[2] * (p[1] + p[3]) * xd);
  }

  @Override
  public void slopeGradient(double[] p, double x, double[] out) {
    double l = Math.log(x);
    double ev = e(p[3], l);
    double xd = Math.exp(p[3] * l);
    double xs1 = Math.exp((p[1] - 1) * l);
    double k = p[0] * p[1] + p[2] * (p[1] * ev + xd);
    out[0] = xs1 * p[1];
    out[1] = l * xs1 * k + xs1 * (p[0] + p[2] * ev);
    out[2] = xs1 * (p[1] * ev + xd);
    out[3] = xs1 * p[2] * (p[1] * ePrime(p[3], l) + l * xd);
    out[4] = 0.0;
  }

  @Override
  public int nonlinearCount() {
    return 2;
  }

  @Override
  public double[] nonlinear(double[] p) {
    return new double[] {p[1], p[3]};
  }

  @Override
  public double[] assemble(double[] alpha, double[] c) {
    return new double[] {c[0], alpha[0], c[1], alpha[1], c[2]};
  }

  @Override
  public void basis(double[] alpha, double[] lnx, double[][] phi) {
    for (int i = 0; i < lnx.length; i++) {
      double u = Math.exp(alpha[0] * lnx[i]);
      phi[0][i] = u;
      phi[1][i] = u * e(alpha[1], lnx[i]);
      phi[2][i] = 1.0;
    }
  }

  @Override
  public void basisDerivative(double[] alpha, double[] lnx, int k, double[][] dphi) {
    for (int i = 0; i < lnx.length; i++) {
      double l = lnx[i];
      double u = Math.exp(alpha[0] * l);
      if (k == 0) {
        dphi[0][i] = l * u;
        dphi[1][i] = l * u * e(alpha[1], l);
      } else {
        dphi[0][i] = 0.0;
        dphi[1][i] = u * ePrime(alpha[1], l);
      }
      dphi[2][i] = 0.0;
    }
  }

  /** Every ordered pair s2 < s3 of a grid of exponents, as (s, d). */
  @Override
  public List<double[]> grid() {
    List<double[]> g = new ArrayList<>();
    for (int i = 0; i < GRID.length; i++) {
      for (int j = i + 1; j < GRID.length; j++) {
        g.add(new double[] {GRID[i], GRID[j] - GRID[i]});
      }
    }
    return g;
  }

  /** x^s for each grid exponent once; the pair (s, s + d) then costs no further exponentials. */
  @Override
  public List<double[][]> gridBases(double[] lnx) {
    int n = lnx.length;
    double[][] pw = new double[GRID.length][n];
    for (int k = 0; k < GRID.length; k++) {
      for (int i = 0; i < n; i++) {
        pw[k][i] = Math.exp(GRID[k] * lnx[i]);
      }
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    List<double[][]> out = new ArrayList<>();
    for (int i = 0; i < GRID.length; i++) {
      for (int j = i + 1; j < GRID.length; j++) {
        double d = GRID[j] - GRID[i];
        double[] second = new double[n];
        for (int k = 0; k < n; k++) {
          second[k] = (pw[j][k] - pw[i][k]) / d;
        }
        out.add(new double[][] {pw[i], second, ones});
      }
    }
    return out;
  }

  @Override
  public double[] bounded(double[] alpha) {
    double s = PowerLaw.clamp(alpha[0], S_MIN, S_MAX);
    return new double[] {s, PowerLaw.clamp(alpha[1], S_MIN - s, S_MAX - s)};
  }
}
