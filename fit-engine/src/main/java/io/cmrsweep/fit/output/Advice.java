package io.cmrsweep.fit.output;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What would narrow the interval (DESIGN 1.2): more seeds, more checkpoints, larger validation sets, a
 * longer T_max, or ratios nearer the CMR, each said only when the fit shows the corresponding weakness.
 */
public final class Advice {
  /** Residual RMSE of the general law above which the CMR is hard to identify (DESIGN 1.2: ~1e-5 works). */
  static final double NOISY_RMSE = 1e-4;
  private static final String NONE_NEEDED = "None needed at this precision.";

  private Advice() {}

  public static String of(GroupFit fit, BootstrapSummary boot, CmrAnswer answer) {
    List<String> out = new ArrayList<>();
    switch (fit.status()) {
      case OK -> {
        ok(fit, boot, out);
        if (answer == CmrAnswer.UPPER_BOUND || answer == CmrAnswer.NOT_IDENTIFIED) {
          if (out.equals(List.of(NONE_NEEDED))) {
            out.set(0, "More seeds per ratio and lower evaluation noise (larger, fixed validation sets).");
          }
          out.add(0, "These runs do not identify the CMR law, so only CMR <= sup A is known; to identify it:");
        }
      }
      case EMPTY_GROUP -> out.add("No usable trajectory: run CPT trials with ratios in (0, 1].");
      case NO_BASE_POINT -> out.add("Record the base model's losses at tokens=0 in every CPT trial.");
      case TOO_FEW_RATIOS -> out.add("Run more ratios (5 or more) spanning the expected CMR.");
      case TOO_FEW_CHECKPOINTS -> out.add("Evaluate more checkpoints per trial (20 or more).");
      case LAW_DID_NOT_CONVERGE -> out.add("Check the named ratio's losses for outliers or divergence;"
          + " more checkpoints and lower evaluation noise help the token laws converge.");
      case NO_FEASIBLE_RATIO -> out.add("Every measured ratio is above the CMR: add smaller ratios or"
          + " train longer (a larger T_max).");
      default -> out.add("Internal error: report it with the input.");
    }
    return String.join(" ", out);
  }

  private static void ok(GroupFit fit, BootstrapSummary boot, List<String> out) {
    double width = boot.ciHigh() - boot.ciLow();
    if (width > Verdict.UNSTABLE_WIDTH) {
      out.add(String.format(Locale.ROOT, "The CMR is not identifiable at this noise level (interval width %.2f).",
          width));
    }
    int minSeeds = fit.ratios().stream().mapToInt(RatioFit::seeds).min().orElse(0);
    if (minSeeds < 2) {
      out.add("More seeds per ratio (2 or more enable the cluster bootstrap over runs).");
    }
    int minPoints = fit.ratios().stream().mapToInt(r -> r.checkpoints() / Math.max(1, r.seeds())).min().orElse(0);
    if (minPoints < 20) {
      out.add("More checkpoints per trial (" + minPoints + " now; 20 or more).");
    }
    double noisiest = fit.ratios().stream().mapToDouble(r -> r.generalLaw().rmse()).max().orElse(0);
    if (noisiest > NOISY_RMSE) {
      out.add(String.format(Locale.ROOT, "Larger, fixed validation sets (general-law residual %.1e nats;"
          + " ~1e-5 makes the CMR identifiable).", noisiest));
    }
    RatioFit firstAbove = fit.ratios().stream().filter(r -> !r.feasible()).findFirst().orElse(null);
    if (firstAbove == null) {
      out.add("Every measured ratio is feasible: add larger ratios to bracket the CMR.");
    } else if (!(firstAbove.t0() <= 2 * fit.tMax())) {
      out.add(String.format(Locale.ROOT, "A longer T_max: T0 of ratio %s is extrapolated to %s x T_max.",
          firstAbove.ratio(), Double.isNaN(firstAbove.t0()) ? "beyond the search cap" 
              : String.format(Locale.ROOT, "%.1f", firstAbove.t0() / fit.tMax())));
    }
    boolean near = fit.ratios().stream().anyMatch(r -> Math.abs(r.ratio() - fit.cmr()) <= 0.05);
    if (!near) {
      out.add(String.format(Locale.ROOT, "A ratio nearer the estimate %.3f.", fit.cmr()));
    }
    if (fit.interpolated()) {
      out.add("More ratios with T0 > 0 (the CMR law needs 3; interpolation was used).");
    }
    if (boot.replicates() > 0 && boot.failed() > 0.05 * boot.replicates()) {
      out.add("Many bootstrap replicates failed (" + boot.failureText() + ").");
    }
    if (out.isEmpty()) {
      out.add(NONE_NEEDED);
    }
  }
}
