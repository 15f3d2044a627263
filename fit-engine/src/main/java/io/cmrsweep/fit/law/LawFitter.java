package io.cmrsweep.fit.law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Multi-start weighted nonlinear least squares by variable projection: Levenberg-Marquardt (Commons
 * Math 3) runs over the nonlinear parameters only (the exponents), each evaluation solving the linear
 * ones exactly, with Kaufman's analytic Jacobian J_k = -P (dPhi/dalpha_k) c, P the weighted residual
 * projector. The exponent sanity bounds act as the optimizer's parameter validator. Starts: the law's
 * exponent grid, ranked by the residual of its linear solve; the best {@code starts} are refined and the
 * lowest-cost converged run wins. The reported covariance is sigma^2 (J'WJ)^-1 with the full analytic
 * Jacobian of all parameters at the optimum. Immutable: configure with {@code withX(...)}.
 */
public final class LawFitter implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final int starts;
  private final int maxIterations;
  private final double tolerance;

  private LawFitter(int starts, int maxIterations, double tolerance) {
    if (starts < 1) {
      throw new IllegalArgumentException("starts=" + starts + " must be >= 1; use e.g. 2");
    }
    if (maxIterations < 10) {
      throw new IllegalArgumentException("maxIterations=" + maxIterations + " must be >= 10; use e.g. 200");
    }
    if (!(tolerance > 0 && tolerance < 1e-3)) {
      throw new IllegalArgumentException("tolerance=" + tolerance + " must be in (0, 1e-3); use e.g. 1e-10");
    }
    this.starts = starts;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /** Two starts, 200 iterations, relative tolerance 1e-10. */
  public static LawFitter defaults() {
    return new LawFitter(2, 200, 1e-10);
  }

  public LawFitter withStarts(int n) {
    return new LawFitter(n, maxIterations, tolerance);
  }

  public LawFitter withMaxIterations(int n) {
    return new LawFitter(starts, n, tolerance);
  }

  public LawFitter withTolerance(double t) {
    return new LawFitter(starts, maxIterations, t);
  }

  public int starts() {
    return starts;
  }

  /** Unweighted fit. */
  public FitResult fit(LawModel model, double[] x, double[] y) {
    return fit(model, x, y, null);
  }

  /**
   * Fits {@code model} to (x, y) with optional positive weights (null = all 1). x must be positive and
   * finite, y finite, and there must be at least as many points as parameters (with exactly as many the
   * covariance is NaN).
   */
  public FitResult fit(LawModel model, double[] x, double[] y, double[] weights) {
    validate(model, x, y, weights);
    long distinct = java.util.Arrays.stream(x).distinct().count();
    if (distinct < model.parameterCount()) {
      return FitResult.failed(model, x.length, 0, 0, "degenerate points: " + distinct + " distinct x value(s) for "
          + model.parameterCount() + " parameters");
    }
    Projected problem = new Projected(model, x, y, weights);
    List<double[]> candidates = problem.rankedStarts(starts);
    if (candidates.isEmpty()) {
      return FitResult.failed(model, x.length, 0, 0, "no starting point: the points are degenerate"
          + " (fewer distinct x values than linear coefficients)");
    }
    Optimum best = null;
    int iterations = 0;
    int evaluations = 0;
    String lastFailure = "";
    for (double[] start : candidates) {
      try {
        Optimum o = new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(tolerance)
            .withParameterRelativeTolerance(tolerance)
            .optimize(problem.leastSquares(start, maxIterations));
        iterations += o.getIterations();
        evaluations += o.getEvaluations();
        if (Double.isFinite(o.getCost()) && (best == null || o.getCost() < best.getCost())) {
          best = o;
        }
      } catch (MathIllegalStateException e) {
        lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    if (best == null) {
      return FitResult.failed(model, x.length, iterations, evaluations,
          "Levenberg-Marquardt did not converge from " + candidates.size() + " starts (" + lastFailure + ")");
    }
    double[] alpha = best.getPoint().toArray();
    double[] c = problem.linear(alpha);
    if (c == null) {
      return FitResult.failed(model, x.length, iterations, evaluations, "singular linear system at the optimum");
    }
    return result(model, x, y, weights, model.assemble(alpha, c), iterations, evaluations);
  }

  /** The variable-projection problem of one data set. */
  private static final class Projected {
    final LawModel model;
    final double[] x;
    final double[] lnx;
    final double[] y;
    final double[] w;
    final int m;
    final int q;

    Projected(LawModel model, double[] x, double[] y, double[] w) {
      this.model = model;
      this.x = x;
      this.lnx = LinearSolve.logs(x);
      this.y = y;
      this.w = w;
      this.m = model.linearCount();
      this.q = model.nonlinearCount();
    }

    double[] linear(double[] alpha) {
      double[][] phi = new double[m][x.length];
      model.basis(alpha, lnx, phi);
      return LinearSolve.solve(phi, y, w);
    }

    List<double[]> rankedStarts(int count) {
      record Ranked(double[] alpha, double rss) {}
      List<Ranked> ranked = new ArrayList<>();
      List<double[]> grid = model.grid();
      List<double[][]> bases = model.gridBases(lnx);
      for (int g = 0; g < grid.size(); g++) {
        double[][] phi = bases.get(g);
        double[] c = LinearSolve.solve(phi, y, w);
        if (c != null) {
          ranked.add(new Ranked(grid.get(g), LinearSolve.rss(phi, c, y, w)));
        }
      }
      ranked.sort(Comparator.comparingDouble(Ranked::rss));
      List<double[]> out = new ArrayList<>();
      for (int i = 0; i < ranked.size() && out.size() < count; i++) {
        out.add(ranked.get(i).alpha());
      }
      return out;
    }

    LeastSquaresProblem leastSquares(double[] start, int maxIterations) {
      int n = x.length;
      ProjectedModel f = new ProjectedModel(model, lnx, y, w);
      LeastSquaresBuilder b = new LeastSquaresBuilder()
          .start(start)
          .model(f)
          .target(y)
          .lazyEvaluation(true)
          .maxIterations(maxIterations)
          .maxEvaluations(maxIterations * 4)
          .parameterValidator(p -> new ArrayRealVector(model.bounded(p.toArray()), false));
      if (w != null) {
        b.weight(new DiagonalMatrix(w.clone(), false));
      }
      return b.build();
    }
  }

  private static FitResult result(LawModel model, double[] x, double[] y, double[] w, double[] par,
      int iterations, int evaluations) {
    int n = x.length;
    int p = par.length;
    double sw = 0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      sw += wi;
      mean += wi * y[i];
    }
    mean /= sw;
    double[] lnx = LinearSolve.logs(x);
    double[] values = new double[n];
    double[][] jac = new double[n][p];
    model.evaluate(par, x, lnx, values, jac);
    double rss = 0;
    double tss = 0;
    double plain = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      double r = y[i] - values[i];
      rss += wi * r * r;
      plain += r * r;
      double d = y[i] - mean;
      tss += wi * d * d;
    }
    double r2 = tss > 0 ? 1.0 - rss / tss : (rss == 0 ? 1.0 : Double.NaN);
    double rmse = Math.sqrt(plain / n);
    return new FitResult(model.name(), model.parameterNames(), par, r2, rmse, n, iterations, evaluations, true,
        covariance(jac, w, n > p ? rss / (n - p) : Double.NaN, p), "");
  }

  /**
   * sigma^2 (J'WJ)^+ through the eigen-decomposition of J'WJ. Where J is numerically rank deficient
   * (eigenvalues below 1e-20 of the largest, i.e. singular values below 1e-10, e.g. the general law near s2 = s3) those directions are
   * dropped: the pseudo-inverse still gives the right variance for quantities the data determine, such
   * as the fitted curve and its slope, which is what the T0 precision needs.
   */
  private static double[] covariance(double[][] jac, double[] w, double sigma2, int p) {
    double[] cov = new double[p * p];
    Arrays.fill(cov, Double.NaN);
    if (!Double.isFinite(sigma2)) {
      return cov;
    }
    double[][] jtj = new double[p][p];
    for (int i = 0; i < jac.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      for (int a = 0; a < p; a++) {
        double ja = wi * jac[i][a];
        for (int b = a; b < p; b++) {
          jtj[a][b] += ja * jac[i][b];
        }
      }
    }
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < a; b++) {
        jtj[a][b] = jtj[b][a];
      }
    }
    try {
      // Eigenvalues of J'WJ are the squared singular values of W^1/2 J.
      EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(jtj, false));
      double[] ev = eig.getRealEigenvalues();
      double max = Arrays.stream(ev).max().orElse(0);
      RealMatrix v = eig.getV();
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          double sum = 0;
          for (int k = 0; k < p; k++) {
            if (ev[k] > 1e-20 * max) {
              sum += v.getEntry(a, k) * v.getEntry(b, k) / ev[k];
            }
          }
          cov[a * p + b] = sum * sigma2;
        }
      }
    } catch (RuntimeException e) {
      Arrays.fill(cov, Double.NaN);
    }
    return cov;
  }

  private static void validate(LawModel model, double[] x, double[] y, double[] w) {
    if (x.length != y.length || (w != null && w.length != x.length)) {
      throw new IllegalArgumentException("x, y and weights must have the same length; got x=" + x.length
          + ", y=" + y.length + (w == null ? "" : ", weights=" + w.length));
    }
    if (x.length < model.parameterCount()) {
      throw new IllegalArgumentException(model.name() + " has " + model.parameterCount() + " parameters and needs"
          + " at least as many points; got " + x.length + ". Add checkpoints or ratios.");
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0 && Double.isFinite(x[i]))) {
        throw new IllegalArgumentException("x[" + i + "]=" + x[i] + " must be positive and finite (laws use x^s)");
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "]=" + y[i] + " must be finite; set non-finite points aside first");
      }
      if (w != null && !(w[i] > 0 && Double.isFinite(w[i]))) {
        throw new IllegalArgumentException("weights[" + i + "]=" + w[i] + " must be positive and finite");
      }
    }
  }
}
