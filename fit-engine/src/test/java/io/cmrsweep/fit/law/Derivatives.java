package io.cmrsweep.fit.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Central finite differences against a law's analytic derivatives. */
final class Derivatives {
  private Derivatives() {}

  static void check(LawModel law, double[] p, double[] xs) {
    int n = p.length;
    double[] lnx = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      lnx[i] = Math.log(xs[i]);
    }
    double[] values = new double[xs.length];
    double[][] jac = new double[xs.length][n];
    law.evaluate(p, xs, lnx, values, jac);
    for (int i = 0; i < xs.length; i++) {
      double x = xs[i];
      assertThat(values[i]).isCloseTo(law.value(p, x), within(1e-13));
      double h = 1e-6;
      double fd = (law.value(p, x * (1 + h)) - law.value(p, x * (1 - h))) / (2 * h * x);
      assertThat(law.slope(p, x)).as("slope at %s", x).isCloseTo(fd, within(1e-7 * (1 + Math.abs(fd))));
      double fd2 = (law.slope(p, x * (1 + h)) - law.slope(p, x * (1 - h))) / (2 * h * x);
      assertThat(law.curvature(p, x)).as("curvature at %s", x).isCloseTo(fd2, within(1e-6 * (1 + Math.abs(fd2))));
      double[] sg = new double[n];
      law.slopeGradient(p, x, sg);
      for (int k = 0; k < n; k++) {
        double[] up = p.clone();
        double[] down = p.clone();
        double step = 1e-6 * Math.max(1e-3, Math.abs(p[k]));
        up[k] += step;
        down[k] -= step;
        double dv = (law.value(up, x) - law.value(down, x)) / (2 * step);
        assertThat(jac[i][k]).as("d value/d p%d at x=%s", k, x).isCloseTo(dv, within(1e-6 * (1 + Math.abs(dv))));
        double ds = (law.slope(up, x) - law.slope(down, x)) / (2 * step);
        assertThat(sg[k]).as("d slope/d p%d at x=%s", k, x).isCloseTo(ds, within(1e-6 * (1 + Math.abs(ds))));
      }
    }
  }
}
