package io.cmrsweep.fit.cmr;

import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.LawFitter;
import io.cmrsweep.fit.law.PowerLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 4 of DESIGN 1.1: the CMR law R = a4 * x^s4 + b4 (x = T0/T_max) through the ratios with T0 > 0,
 * or the monotone interpolation when fewer than 3 such points exist (or the law does not converge).
 *
 * <p>Weighting: the errors are in T0 (the regressor), and they grow fast for ratios whose T0 lies far
 * beyond T_max. With weighting on, a first unweighted fit gives the slope dR/dx at each point, the
 * delta-method standard error of T0 becomes an error in R, sigma_R = |dR/dx| * se(x0), and the law is
 * refitted with weights 1 / (sigma_R^2 + FLOOR^2). The floor (0.002 in ratio units) keeps very precise
 * points from taking all the weight; with exact data every weight is equal and the fit is unweighted.
 * The law is fitted unweighted when some T0 has no finite, positive precision (an unknown precision is
 * not a perfect one), when there are only 3 points (as many as parameters: nothing to weigh), or when
 * the weighted refit does not converge.
 */
final class CmrLawStep {
  static final PowerLaw LAW = PowerLaw.signed("cmr", "a4", "s4", "b4");
  private static final double FLOOR = 0.002;

  record Result(CmrCurve curve, Optional<FitResult> law, boolean interpolated, String note) {}

  private final LawFitter fitter;
  private final boolean weighted;

  CmrLawStep(LawFitter fitter, boolean weighted) {
    this.fitter = fitter;
    this.weighted = weighted;
  }

  Result fit(double[] ratios, List<CriticalPoint> points, double supA) {
    List<double[]> usable = new ArrayList<>();
    for (int i = 0; i < ratios.length; i++) {
      CriticalPoint cp = points.get(i);
      if (cp.kind() == CriticalPoint.Kind.ROOT) {
        usable.add(new double[] {cp.x(), ratios[i], cp.se()});
      }
    }
    if (usable.size() >= 3) {
      int n = usable.size();
      double[] x = new double[n];
      double[] r = new double[n];
      double[] se = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = usable.get(i)[0];
        r[i] = usable.get(i)[1];
        se[i] = usable.get(i)[2];
      }
      FitResult fit = fitter.fit(LAW, x, r);
      boolean precisions = java.util.Arrays.stream(se).allMatch(v -> v > 0 && Double.isFinite(v));
      if (fit.converged() && weighted && precisions && n > 3) {
        FitResult refit = fitter.fit(LAW, x, r, weights(fit, x, se));
        if (refit.converged()) {
          fit = refit;
        }
      }
      if (fit.converged()) {
        double[] p = fit.parameters();
        return new Result(new CmrCurve.Law(p[0], p[1], p[2], supA), Optional.of(fit), false, "");
      }
      return interpolate(ratios, points, supA, "cmr law did not converge (" + fit.failure() + "); ");
    }
    return interpolate(ratios, points, supA, "");
  }

  private static double[] weights(FitResult fit, double[] x, double[] se) {
    double[] p = fit.parameters();
    double[] w = new double[x.length];
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      // Every se[i] is finite and positive here (checked by the caller); a slope that overflows gets no weight.
      double sr = LAW.slope(p, x[i]) * se[i];
      double v = sr * sr + FLOOR * FLOOR;
      w[i] = Double.isFinite(v) ? 1.0 / v : 1e-12;
      max = Math.max(max, w[i]);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.max(w[i] / max, 1e-12);
    }
    return w;
  }

  private static Result interpolate(double[] ratios, List<CriticalPoint> points, double supA, String why) {
    double[] x0 = new double[ratios.length];
    int roots = 0;
    for (int i = 0; i < x0.length; i++) {
      x0[i] = points.get(i).xOrInfinity();
      roots += points.get(i).kind() == CriticalPoint.Kind.ROOT ? 1 : 0;
    }
    String note = why + "monotone interpolation between bracketing ratios (" + roots
        + " ratio(s) with T0 > 0; the CMR law needs 3)";
    return new Result(new CmrCurve.Interpolated(ratios, x0, supA), Optional.empty(), true, note);
  }
}
