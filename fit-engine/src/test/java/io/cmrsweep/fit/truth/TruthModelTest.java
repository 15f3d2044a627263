package io.cmrsweep.fit.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.FitStatus;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.group.GroupAssembler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruthModelTest {
  private static final long T_MAX = 2_000_000_000L;
  private static final long[] SIZES = {100_000_000L, 460_000_000L, 1_000_000_000L, 3_100_000_000L, 10_000_000_000L};
  private static final double[] RATIOS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
  private final CmrPipeline pipeline = new CmrPipeline(FitSettings.defaults());

  private static List<LossRecord> sweep(TruthModel truth, long params, double noise, long seed) {
    int checkpoints = 24;
    long[] steps = new long[checkpoints + 1];
    long[] tokens = new long[checkpoints + 1];
    for (int k = 0; k <= checkpoints; k++) {
      steps[k] = 100L * k;
      tokens[k] = k == checkpoints ? T_MAX : T_MAX / checkpoints * k;
    }
    List<LossRecord> out = new ArrayList<>();
    for (double r : RATIOS) {
      SimulatedTrial trial = new SimulatedTrial("sim", "t-" + params + "-" + r, "dom", "m" + params, params, r, 0, 1);
      out.addAll(truth.records(trial, T_MAX, steps, tokens, noise, seed));
    }
    return out;
  }

  private GroupFit fit(TruthModel truth, long params) {
    return pipeline.fit(new GroupAssembler().assemble(sweep(truth, params, 0.0, 1)).get(0));
  }

  @Test
  void atZeroNoiseThePipelineRecoversTheTrueCmrOfEverySizeToOneInAMillion() {
    TruthModel truth = TruthModel.defaults();
    for (long n : SIZES) {
      GroupFit fit = fit(truth, n);
      assertThat(fit.status()).as("size %d: %s", n, fit).isEqualTo(FitStatus.OK);
      assertThat(fit.cmr()).as("size %d", n).isCloseTo(truth.cmr(n), within(1e-6));
      assertThat(fit.supA()).as("size %d", n).isEqualTo(1.0);
      assertThat(truth.cmr(n)).isEqualTo(truth.sizeLaw().cmr(n), within(1e-12));
    }
    assertThat(truth.cmr(100_000_000L)).isCloseTo(0.6 - 0.2 * Math.pow(0.1, -0.3), within(1e-12));
  }

  @Test
  void theLogitLinearSizeLawIsRecoveredAsExactly() {
    TruthModel truth = TruthModel.defaults().withSizeLaw(new SizeLaw(SizeLawForm.LOGIT_LINEAR, -0.4, 0.15, 0));
    for (long n : SIZES) {
      GroupFit fit = fit(truth, n);
      assertThat(fit.status()).as("size %d: %s", n, fit).isEqualTo(FitStatus.OK);
      assertThat(fit.cmr()).as("size %d", n).isCloseTo(truth.cmr(n), within(1e-6));
    }
    assertThat(truth.cmr(1_000_000_000L)).isCloseTo(1 / (1 + Math.exp(0.4)), within(1e-12));
  }

  @Test
  void aBoundedRiseCapsTheLargeSizesAtSupAAndLeavesTheSmallOnesOnTheirLaw() {
    TruthModel truth = TruthModel.defaults().withRise(new GeneralRise.Bounded(0.42, 1.5));
    int capped = 0;
    for (long n : SIZES) {
      GroupFit fit = fit(truth, n);
      assertThat(fit.status()).as("size %d: %s", n, fit).isEqualTo(FitStatus.OK);
      assertThat(fit.supA()).as("size %d", n).isCloseTo(0.42, within(1e-6));
      assertThat(fit.cmr()).as("size %d", n).isCloseTo(truth.cmr(n), within(1e-6));
      assertThat(truth.cmr(n)).isEqualTo(Math.min(0.42, truth.sizeLaw().cmr(n)));
      if (truth.sizeLaw().cmr(n) > 0.42) {
        capped++;
      }
    }
    assertThat(capped).as("sizes where the tolerance binds").isBetween(1, SIZES.length - 1);
  }

  @Test
  void theTrueCmrAtAnotherLambdaMatchesThePipelinesCmrAtThatLambda() {
    TruthModel truth = TruthModel.defaults();
    GroupFit fit = fit(truth, 1_000_000_000L);
    assertThat(truth.cmr(1_000_000_000L, 1000)).isEqualTo(truth.cmr(1_000_000_000L));
    double at100 = truth.cmr(1_000_000_000L, 100);
    assertThat(at100).isGreaterThan(truth.cmr(1_000_000_000L));
    // At another lambda the T0 no longer lie exactly on a power law, so the fitted law only approximates it.
    assertThat(fit.cmrAtLambda(100)).isCloseTo(at100, within(0.02));
  }

  @Test
  void aReRunTrialGetsIdenticalNoisyRecordsAndAnotherTrialOrSeedDoesNot() {
    TruthModel truth = TruthModel.defaults();
    List<LossRecord> a = sweep(truth, 1_000_000_000L, 1e-3, 7);
    assertThat(sweep(truth, 1_000_000_000L, 1e-3, 7)).isEqualTo(a);
    assertThat(sweep(truth, 1_000_000_000L, 1e-3, 8)).isNotEqualTo(a);
    double sumSq = 0;
    SizeTruth size = truth.at(1_000_000_000L);
    for (LossRecord r : a) {
      double x = (double) r.tokens() / T_MAX;
      double e = r.generalLoss() - size.generalLoss(r.ratio(), x);
      sumSq += e * e;
    }
    assertThat(Math.sqrt(sumSq / a.size())).as("noise sd").isCloseTo(1e-3, within(2e-4));
  }

  @Test
  void aRatioAtOrBelowTheInterceptHasNoTruthAndSaysHowToFixIt() {
    TruthModel truth = new TruthModel(SizeLaw.defaults(), 0.5, 0.1, 1000, 0.05, new GeneralRise.Implied(), 2.5, 3.1);
    assertThatThrownBy(() -> truth.at(1_000_000_000L).x0(0.05)).hasMessageContaining("ratio 0.05")
        .hasMessageContaining("b4=0.1");
    assertThat(truth.at(1_000_000_000L).x0(0)).isInfinite();
  }
}
