package io.cmrsweep.fit.law;

import java.util.Arrays;
import org.apache.commons.math3.fitting.leastsquares.ValueAndJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The variable-projection model seen by Levenberg-Marquardt: values Phi(alpha) c(alpha) with c the
 * weighted linear least-squares coefficients, and Kaufman's analytic Jacobian P (dPhi/dalpha_k) c, P the
 * weighted residual projector. Values and Jacobian are separate so the optimizer's lazy evaluation skips
 * the Jacobian at rejected trial points; the basis of the last point is cached for the Jacobian that
 * follows an accepted one. One instance belongs to one optimization (not thread-safe).
 */
final class ProjectedModel implements ValueAndJacobianFunction {
  private final LawModel model;
  private final double[] lnx;
  private final double[] y;
  private final double[] w;
  private final int m;
  private final int q;
  private final int n;
  private double[] lastAlpha;
  private double[][] lastPhi;
  private double[] lastC;

  ProjectedModel(LawModel model, double[] lnx, double[] y, double[] w) {
    this.model = model;
    this.lnx = lnx;
    this.y = y;
    this.w = w;
    this.m = model.linearCount();
    this.q = model.nonlinearCount();
    this.n = lnx.length;
  }

  private void project(double[] alpha) {
    if (lastAlpha != null && Arrays.equals(alpha, lastAlpha)) {
      return;
    }
    double[][] phi = new double[m][n];
    model.basis(alpha, lnx, phi);
    lastAlpha = alpha.clone();
    lastPhi = phi;
    lastC = LinearSolve.solve(phi, y, w);
  }

  @Override
  public RealVector computeValue(double[] alpha) {
    project(alpha);
    double[] values = new double[n];
    if (lastC == null) {
      Arrays.fill(values, Double.NaN);
    } else {
      for (int j = 0; j < m; j++) {
        double cj = lastC[j];
        double[] col = lastPhi[j];
        for (int i = 0; i < n; i++) {
          values[i] += cj * col[i];
        }
      }
    }
    return new ArrayRealVector(values, false);
  }

  @Override
  public RealMatrix computeJacobian(double[] alpha) {
    project(alpha);
    double[][] jac = new double[n][q];
    if (lastC == null) {
      return new Array2DRowRealMatrix(jac, false);
    }
    double[][] dphi = new double[m][n];
    double[] v = new double[n];
    for (int k = 0; k < q; k++) {
      model.basisDerivative(alpha, lnx, k, dphi);
      Arrays.fill(v, 0.0);
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < n; i++) {
          v[i] += lastC[j] * dphi[j][i];
        }
      }
      // Kaufman: d(model)/d(alpha_k) ~ P v, with P v = v - Phi (Phi'W Phi)^-1 Phi'W v.
      double[] g = LinearSolve.solve(lastPhi, v, w);
      for (int i = 0; i < n; i++) {
        double proj = 0;
        if (g != null) {
          for (int j = 0; j < m; j++) {
            proj += g[j] * lastPhi[j][i];
          }
        }
        jac[i][k] = v[i] - proj;
      }
    }
    return new Array2DRowRealMatrix(jac, false);
  }

  @Override
  public org.apache.commons.math3.util.Pair<RealVector, RealMatrix> value(RealVector point) {
    double[] alpha = point.toArray();
    return new org.apache.commons.math3.util.Pair<>(computeValue(alpha), computeJacobian(alpha));
  }
}
