package io.cmrsweep.fit.law;

/**
 * Weighted linear least squares on a few (at most 3) basis columns by normal equations: the linear half
 * of variable projection. For fixed exponents a power law is linear in its amplitudes and offset.
 */
final class LinearSolve {
  private LinearSolve() {}

  /**
   * Solves min sum w_i (y_i - sum_k c_k basis[k][i])^2; returns null when the normal matrix is
   * singular (e.g. two identical columns).
   */
  static double[] solve(double[][] basis, double[] y, double[] w) {
    int m = basis.length;
    int n = y.length;
    double[][] a = new double[m][m + 1];
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      for (int r = 0; r < m; r++) {
        double br = basis[r][i] * wi;
        for (int c = r; c < m; c++) {
          a[r][c] += br * basis[c][i];
        }
        a[r][m] += br * y[i];
      }
    }
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < r; c++) {
        a[r][c] = a[c][r];
      }
    }
    double scale = 0;
    for (int r = 0; r < m; r++) {
      scale = Math.max(scale, Math.abs(a[r][r]));
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (!(Math.abs(a[pivot][col]) > 1e-13 * Math.max(scale, 1e-300))) {
        return null;
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < m; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= m; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] coef = new double[m];
    for (int r = 0; r < m; r++) {
      coef[r] = a[r][m] / a[r][r];
      if (!Double.isFinite(coef[r])) {
        return null;
      }
    }
    return coef;
  }

  static double rss(double[][] basis, double[] coef, double[] y, double[] w) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double f = 0;
      for (int k = 0; k < coef.length; k++) {
        f += coef[k] * basis[k][i];
      }
      double r = y[i] - f;
      s += (w == null ? 1.0 : w[i]) * r * r;
    }
    return s;
  }

  static double[] logs(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.log(x[i]);
    }
    return out;
  }
}
