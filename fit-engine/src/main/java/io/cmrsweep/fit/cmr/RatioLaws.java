package io.cmrsweep.fit.cmr;

import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.LawFitter;
import io.cmrsweep.fit.law.PowerLaw;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Step 2 of DESIGN 1.1: L(R) = alpha * R^s + beta at T_max over the measured ratios in (0, 1], and
 * sup A from L_gen(R) = L_gen(M_S) + eps. The loss of each ratio at T_max is its general (domain) token
 * law at T = T_max plus the base loss, which pools every checkpoint and seed instead of relying on the
 * last checkpoint alone. With fewer than 3 ratios, or when the law does not converge, sup A comes from
 * linear interpolation between the measured ratios.
 */
final class RatioLaws {
  static final PowerLaw GENERAL = PowerLaw.positive("ratio_general", "alpha_gen", "s_gen", "beta_gen");
  static final PowerLaw DOMAIN = PowerLaw.positive("ratio_domain", "alpha_dom", "s_dom", "beta_dom");

  /**
   * @param supA sup A at the settings' eps
   * @param supAByEps sup A at any eps from the same ratio law (only sup A depends on eps; DESIGN 1.1 step 5)
   */
  record Result(double supA, Optional<FitResult> general, Optional<FitResult> domain, DoubleUnaryOperator supAByEps) {}

  private final LawFitter fitter;

  RatioLaws(LawFitter fitter) {
    this.fitter = fitter;
  }

  Result fit(List<TokenLaws.Fitted> fits, double baseGeneral, double baseDomain, double eps, boolean withDomain) {
    int n = fits.size();
    double[] r = new double[n];
    double[] lg = new double[n];
    double[] ld = new double[n];
    for (int i = 0; i < n; i++) {
      TokenLaws.Fitted f = fits.get(i);
      r[i] = f.ratio();
      lg[i] = baseGeneral + TokenLaws.GENERAL.value(f.general().parameters(), 1.0);
      ld[i] = baseDomain + TokenLaws.DOMAIN.value(f.domain().parameters(), 1.0);
    }
    Optional<FitResult> gen = n >= 3
        ? Optional.of(fitter.fit(GENERAL, r, lg)).filter(FitResult::converged) : Optional.empty();
    Optional<FitResult> dom = n >= 3 && withDomain
        ? Optional.of(fitter.fit(DOMAIN, r, ld)).filter(FitResult::converged) : Optional.empty();
    DoubleUnaryOperator loss = gen.isPresent()
        ? x -> GENERAL.value(gen.get().parameters(), x)
        : x -> linear(r, lg, x);
    DoubleUnaryOperator supAByEps = e -> {
      double threshold = baseGeneral + e;
      return supA(r, x -> loss.applyAsDouble(x) - threshold);
    };
    return new Result(supAByEps.applyAsDouble(eps), gen, dom, supAByEps);
  }

  /** 1.0 when every measured ratio is in A; else the root of h between the last ratio in A and the first not. */
  static double supA(double[] ratios, DoubleUnaryOperator h) {
    int firstOut = -1;
    for (int i = 0; i < ratios.length; i++) {
      if (h.applyAsDouble(ratios[i]) > 0) {
        firstOut = i;
        break;
      }
    }
    if (firstOut < 0) {
      return 1.0;
    }
    double hi = ratios[firstOut];
    double lo = firstOut == 0 ? 1e-9 : ratios[firstOut - 1];
    if (h.applyAsDouble(lo) > 0) {
      return 0.0;
    }
    try {
      return new BrentSolver(1e-12, 1e-14).solve(200, h::applyAsDouble, lo, hi);
    } catch (MathIllegalStateException e) {
      return lo;
    }
  }

  static double linear(double[] x, double[] y, double at) {
    if (at <= x[0]) {
      return y[0];
    }
    for (int i = 1; i < x.length; i++) {
      if (at <= x[i]) {
        return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
      }
    }
    return y[x.length - 1];
  }
}
