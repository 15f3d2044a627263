package io.cmrsweep.fit.output;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.bootstrap.ConstraintSummary;
import io.cmrsweep.fit.cmr.GroupFit;
import java.util.Locale;

/**
 * What a fit can say about its CMR and the sentence that says it (DESIGN 1.2). The rule:
 * <ul>
 *   <li>sup A binds at the point estimate: the answer is the estimate CMR = sup A only when the CMR law
 *       lies above sup A in all but at most (1 - level) / 2 of the replicates (failed replicates count
 *       against it: they do not show the law above the bound); otherwise, and without a bootstrap, it is
 *       the upper bound CMR <= sup A with sup A's interval.
 *   <li>the law or the interpolation binds: the answer is an estimate unless the bootstrap is unstable
 *       (more than half the replicates fail, or the interval is wider than {@link #UNSTABLE_WIDTH}, the
 *       width at which DESIGN 1.2 calls the CMR not identifiable); then it is not identified, and only
 *       CMR <= sup A is established.
 * </ul>
 */
public record Verdict(CmrAnswer answer, String conclusion) {
  /** An interval wider than this (in domain share) does not identify the CMR. */
  static final double UNSTABLE_WIDTH = 0.5;
  /** More than this share of failed replicates makes the law's bootstrap unstable. */
  static final double UNSTABLE_FAILED = 0.5;

  static final String TO_IDENTIFY = "To identify it: lower evaluation noise (larger, fixed validation sets),"
      + " more seeds per ratio, and ratios whose critical point T0 falls before T_max (a longer T_max or ratios"
      + " nearer the CMR); the advice names what these runs lack.";

  public static Verdict of(GroupFit fit, BootstrapSummary boot) {
    if (!fit.ok()) {
      return new Verdict(CmrAnswer.NONE, "No CMR: " + fit.status().label()
          + (fit.detail().isBlank() ? "" : " (" + fit.detail() + ")") + ".");
    }
    ConstraintSummary c = boot.constraints();
    int b = boot.replicates();
    String supA = pct(fit.supA()) + " (" + interval(boot, c.supALow(), c.supAHigh()) + ")";
    if (fit.binding() == Binding.SUP_A) {
      double undercut = 1 - c.share(Binding.SUP_A);
      if (b > 0 && undercut <= (1 - boot.level()) / 2) {
        return new Verdict(CmrAnswer.ESTIMATE, "The tolerance bound decides: CMR = sup A = " + supA
            + "; the CMR law alone would place it at " + pct(fit.lawCmr()) + " ("
            + interval(boot, c.lawLow(), c.lawHigh()) + "), above the bound in " + count(c, Binding.SUP_A, b) + ".");
      }
      return new Verdict(CmrAnswer.UPPER_BOUND, "The tolerance bound decides: CMR <= " + supA
          + "; these runs do not identify the CMR law, which could place the CMR lower ("
          + (b == 0 ? "no bootstrap replicates were run to check"
          : "it is below the bound or fails in " + String.format(Locale.ROOT, "%d of %d replicates",
              b - c.bindings().get(Binding.SUP_A), b)) + "). " + TO_IDENTIFY);
    }
    boolean law = fit.binding() == Binding.LAW;
    String who = law ? "The CMR law decides"
        : "Interpolation between measured ratios decides (fewer than 3 ratios gave the CMR law a critical point)";
    boolean unstable = b > 0 && (boot.failed() > UNSTABLE_FAILED * b || boot.ciHigh() - boot.ciLow() > UNSTABLE_WIDTH
        || Double.isNaN(boot.ciLow()));
    if (unstable) {
      return new Verdict(CmrAnswer.NOT_IDENTIFIED, who + " at the point estimate (CMR " + pct(fit.cmr())
          + "), but these runs do not identify it: " + interval(boot, boot.ciLow(), boot.ciHigh()) + ", "
          + boot.failed() + " of " + b + " replicates failed; all they establish is CMR <= sup A = " + supA + ". "
          + TO_IDENTIFY);
    }
    return new Verdict(CmrAnswer.ESTIMATE, who + ": CMR = " + pct(fit.cmr()) + " ("
        + interval(boot, boot.ciLow(), boot.ciHigh()) + "), below the tolerance bound sup A = " + supA + "; the "
        + (law ? "law" : "interpolation") + " decides in " + count(c, fit.binding(), b) + ".");
  }

  private static String count(ConstraintSummary c, Binding binding, int b) {
    return b == 0 ? "the point estimate (no bootstrap replicates)"
        : String.format(Locale.ROOT, "%d of %d replicates", c.bindings().get(binding), b);
  }

  private static String interval(BootstrapSummary boot, double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return "no interval: no bootstrap replicate gave one";
    }
    return String.format(Locale.ROOT, "%.0f %%: %.1f-%.1f %%", 100 * boot.level(), 100 * lo, 100 * hi);
  }

  static String pct(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", 100 * share) : "n/a";
  }
}
