package io.cmrsweep.fit.law;

import java.util.List;

/**
 * A law y = f(x; p) on x > 0 with analytic derivatives: with respect to the parameters (for
 * Levenberg-Marquardt), with respect to x (for critical points) and the parameter gradient of the
 * x-slope (for the delta-method precision of a critical point). Implementations are immutable.
 */
public interface LawModel {

  /** Short name used in outputs, e.g. {@code token_domain}. */
  String name();

  /** Parameter names in the order of the parameter vector. */
  List<String> parameterNames();

  default int parameterCount() {
    return parameterNames().size();
  }

  double value(double[] p, double x);

  /**
   * Values and Jacobian at many points at once; {@code lnx[i] = ln(x[i])} is passed in so a fit
   * computes each logarithm once.
   */
  void evaluate(double[] p, double[] x, double[] lnx, double[] values, double[][] jacobian);

  /** df/dx. */
  double slope(double[] p, double x);

  /** d2f/dx2. */
  double curvature(double[] p, double x);

  /** d(df/dx)/dp into {@code out}. */
  void slopeGradient(double[] p, double x, double[] out);

  /**
   * Variable projection: for fixed nonlinear parameters (exponents) the law is linear in the others.
   * The fitter optimizes only the nonlinear ones; the linear ones follow by weighted linear least
   * squares. {@code nonlinearCount() + linearCount() == parameterCount()}.
   */
  int nonlinearCount();

  default int linearCount() {
    return parameterCount() - nonlinearCount();
  }

  /** The nonlinear part of a full parameter vector. */
  double[] nonlinear(double[] p);

  /** The full parameter vector from its nonlinear part and the linear coefficients. */
  double[] assemble(double[] alpha, double[] linear);

  /** Basis columns at {@code alpha}: {@code phi[j][i]} multiplies linear coefficient j at point i. */
  void basis(double[] alpha, double[] lnx, double[][] phi);

  /** d(phi[j][i]) / d(alpha[k]). */
  void basisDerivative(double[] alpha, double[] lnx, int k, double[][] dphi);

  /** Starting values of the nonlinear parameters: a fixed grid, ranked by the fitter. */
  List<double[]> grid();

  /**
   * The basis of every grid point, in {@link #grid()} order; a law may override this to share work
   * between grid points (the two-term law reuses each power of x across exponent pairs).
   */
  default List<double[][]> gridBases(double[] lnx) {
    List<double[][]> out = new java.util.ArrayList<>();
    for (double[] alpha : grid()) {
      double[][] phi = new double[linearCount()][lnx.length];
      basis(alpha, lnx, phi);
      out.add(phi);
    }
    return out;
  }

  /** Puts nonlinear parameters inside the sanity bounds (the optimizer's validator). */
  double[] bounded(double[] alpha);
}
