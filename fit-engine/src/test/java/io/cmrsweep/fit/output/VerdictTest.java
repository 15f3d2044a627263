package io.cmrsweep.fit.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Which constraint decides and what can be known, on synthetic sweeps with a known CMR law (true law CMR
 * 0.38 at T_max). With the default eps every ratio is within tolerance (sup A = 1), so the law decides;
 * with eps at the general-loss rise of ratio 0.3 (TIGHT_EPS), sup A is about 0.30 and decides.
 */
class VerdictTest {
  private static final int REPLICATES = 40;

  /** dL_gen(R = 0.3, T_max) of the reference truth: a2 + a3 at x = 1. */
  private static double tightEps() {
    double[] g = SyntheticSweep.reference(0).generalLaw(0.3);
    return g[0] + g[2];
  }

  private static CmrRow fit(SyntheticSweep sweep, double eps) {
    return fit(sweep, FitSettings.defaults().withEps(eps));
  }

  private static CmrRow fit(SyntheticSweep sweep, FitSettings settings) {
    Group g = new GroupAssembler().assemble(sweep.records(7)).get(0);
    BootstrapRun run = new Bootstrap(settings).runAll(g, REPLICATES);
    return FitRows.cmr(run.point(), run.summary());
  }

  @Test
  void whereTheLawLiesBelowSupATheLawDecidesAndTheCmrIsAnEstimate() {
    CmrRow row = fit(SyntheticSweep.reference(1e-5), 0.05);

    assertThat(row.binding()).isEqualTo(Binding.LAW);
    assertThat(row.answer()).isEqualTo(CmrAnswer.ESTIMATE);
    assertThat(row.supA()).isEqualTo(1.0);
    assertThat(row.lawCmr()).isEqualTo(row.cmr());
    assertThat(row.bindingShareLaw()).isEqualTo(1.0);
    assertThat(row.conclusion()).startsWith(String.format(Locale.ROOT, "The CMR law decides: CMR = %.1f %% (95 %%:"
        + " %.1f-%.1f %%)", 100 * row.cmr(), 100 * row.ciLow(), 100 * row.ciHigh()));
  }

  @Test
  void whereTheLawIsWellIdentifiedAboveSupATheToleranceBoundDecidesAndIsTheEstimate() {
    CmrRow row = fit(SyntheticSweep.reference(1e-5), tightEps());

    assertThat(row.supA()).isBetween(0.28, 0.32);
    assertThat(row.binding()).isEqualTo(Binding.SUP_A);
    assertThat(row.cmr()).isEqualTo(row.supA());
    assertThat(row.lawCmr()).isGreaterThan(0.36);
    assertThat(row.lawCmrCiLow()).isGreaterThan(row.supACiHigh());
    assertThat(row.bindingShareSupA()).isEqualTo(1.0);
    assertThat(row.answer()).isEqualTo(CmrAnswer.ESTIMATE);
    assertThat(row.conclusion()).startsWith(String.format(Locale.ROOT, "The tolerance bound decides: CMR = sup A ="
        + " %.1f %% (95 %%: %.1f-%.1f %%)", 100 * row.supA(), 100 * row.supACiLow(), 100 * row.supACiHigh()));
  }

  @Test
  void whereNoiseHidesTheLawBelowSupATheAnswerIsOnlyTheUpperBoundSupA() {
    // 1e-2 nats with 12 checkpoints: far beyond DESIGN 1.2's 2e-3, at which the CMR law is not identifiable.
    // Checkpoint resampling drops early checkpoints, so the replicates' laws scatter widely, some below sup A:
    // the rule under test is what the answer is then, whichever resampling produced the replicates.
    CmrRow row = fit(SyntheticSweep.reference(1e-2).withCheckpoints(12),
        FitSettings.defaults().withEps(tightEps()).withResampling(Resampling.CHECKPOINT));

    assertThat(row.answer()).as(row.conclusion()).isIn(CmrAnswer.UPPER_BOUND, CmrAnswer.NOT_IDENTIFIED);
    assertThat(row.bindingShareSupA()).isLessThan(0.975);
    assertThat(row.conclusion()).contains(String.format(Locale.ROOT, "CMR <= %s%.1f %% (95 %%: %.1f-%.1f %%)",
        row.answer() == CmrAnswer.UPPER_BOUND ? "" : "sup A = ", 100 * row.supA(), 100 * row.supACiLow(),
        100 * row.supACiHigh()));
    assertThat(row.conclusion()).contains("do not identify", "To identify it:");
    assertThat(row.advice()).startsWith("These runs do not identify the CMR law");
  }

  @Test
  void withoutABootstrapSupADecidingIsOnlyAnUpperBound() {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(1e-5).records(7)).get(0);
    BootstrapRun run = new Bootstrap(FitSettings.defaults().withEps(tightEps())).runAll(g, 0);
    CmrRow row = FitRows.cmr(run.point(), run.summary());

    assertThat(row.binding()).isEqualTo(Binding.SUP_A);
    assertThat(row.answer()).isEqualTo(CmrAnswer.UPPER_BOUND);
    assertThat(row.conclusion()).contains("no bootstrap replicates were run to check");
  }
}
