package io.cmrsweep.fit.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SizePredictorTest {
  private static final double[] SWEPT = {4.6e8, 9.4e8, 1.6e9, 3.1e9};
  private static final PredictParams TARGETS = PredictParams.of(List.of(7.0e9, 1.0e9), "fit.predictParams");

  private static double[] truth(SizeLawForm form) {
    return switch (form) {
      case LOGIT_LINEAR -> new double[] {-0.45, 0.32};
      case LOG_LINEAR -> new double[] {0.37, 0.085};
      case POWER -> new double[] {0.36, 0.22};
      case SATURATING -> new double[] {0.7, 0.33, 0.4};
    };
  }

  private static List<SizePoint> exact(SizeLawForm form, double[] p, int replicates) {
    List<SizePoint> out = new ArrayList<>();
    for (int i = 0; i < SWEPT.length; i++) {
      double c = form.value(p, SWEPT[i]);
      double[] reps = new double[replicates];
      Arrays.fill(reps, c);
      String[] ok = new String[replicates];
      Arrays.fill(ok, "");
      out.add(new SizePoint("m" + i, (long) SWEPT[i], "ok", CmrAnswer.ESTIMATE, c, c, c, reps, ok));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(SizeLawForm.class)
  void recoversAnExactSizeLawOfEachFormAndPredictsTheTargetsExactly(SizeLawForm form) {
    double[] p = truth(form);

    List<PredictionRow> rows = new SizePredictor(form, 0.95).predict("s", "legal", exact(form, p, 20), TARGETS);

    assertThat(rows).extracting(PredictionRow::targetParams).containsExactly(1_000_000_000L, 7_000_000_000L);
    PredictionRow at7b = rows.get(1);
    assertThat(at7b.status()).isEqualTo("ok");
    assertThat(at7b.form()).isEqualTo(form.label());
    for (int i = 0; i < p.length; i++) {
      assertThat(at7b.parameters().get(i)).isCloseTo(p[i], within(form == SizeLawForm.SATURATING ? 1e-4 : 1e-9));
    }
    assertThat(at7b.cmr()).isCloseTo(form.value(p, 7e9), within(1e-6));
    assertThat(at7b.ciLow()).isCloseTo(at7b.cmr(), within(1e-9));
    assertThat(at7b.ciHigh()).isCloseTo(at7b.cmr(), within(1e-9));
    assertThat(at7b.replicates()).isEqualTo(20);
    assertThat(at7b.failedReplicates()).isZero();
    assertThat(at7b.extrapolation()).isCloseTo(7e9 / 3.1e9, within(1e-12));
    assertThat(at7b.largestSweptParams()).isEqualTo(3_100_000_000L);
    assertThat(at7b.gridParams()).first().isEqualTo(4.6e8);
    assertThat(at7b.gridParams().get(at7b.gridParams().size() - 1)).isCloseTo(7e9, within(1.0));
    assertThat(at7b.gridCmr().get(at7b.gridCmr().size() - 1)).isCloseTo(at7b.cmr(), within(1e-9));
  }

  @Test
  void theIntervalPropagatesEachSizesReplicatesPairedByIndexAndCountsFailuresByReason() {
    SizeLawForm form = SizeLawForm.LOGIT_LINEAR;
    double[] p = truth(form);
    SplittableRandom rng = new SplittableRandom(11);
    List<SizePoint> sizes = new ArrayList<>();
    int b = 400;
    for (int i = 0; i < SWEPT.length; i++) {
      double c = form.value(p, SWEPT[i]);
      double[] reps = new double[b];
      String[] why = new String[b];
      for (int r = 0; r < b; r++) {
        reps[r] = c + 0.02 * (rng.nextDouble() - 0.5);
        why[r] = "";
      }
      if (i == 1) {
        reps[7] = Double.NaN;
        why[7] = "no_feasible_ratio";
        reps[9] = Double.NaN;
        why[9] = "no_feasible_ratio";
      }
      sizes.add(new SizePoint("m" + i, (long) SWEPT[i], "ok", CmrAnswer.ESTIMATE, c, c - 0.01, c + 0.01, reps, why));
    }

    PredictionRow row = new SizePredictor(form, 0.9).predict("s", "legal", sizes, TARGETS).get(1);

    assertThat(row.replicates()).isEqualTo(b);
    assertThat(row.failedReplicates()).isEqualTo(2);
    assertThat(row.replicateFailures()).isEqualTo("m1:no_feasible_ratio=2");
    assertThat(row.level()).isEqualTo(0.9);
    assertThat(row.ciLow()).isLessThan(row.cmr()).isGreaterThan(row.cmr() - 0.1);
    assertThat(row.ciHigh()).isGreaterThan(row.cmr()).isLessThan(row.cmr() + 0.1);
    // Extrapolating further widens the band: the last grid point (7B) is wider than the first (460M).
    int last = row.gridParams().size() - 1;
    assertThat(row.gridHigh().get(last) - row.gridLow().get(last))
        .isGreaterThan(row.gridHigh().get(0) - row.gridLow().get(0));
  }

  @Test
  void leavesOutSizesThatAreNotOkAndSaysSoAndWithTwoSizesLabelsTheLineAsTwoPoint() {
    List<SizePoint> sizes = new ArrayList<>(exact(SizeLawForm.LOGIT_LINEAR, truth(SizeLawForm.LOGIT_LINEAR), 3));
    sizes.set(0, new SizePoint("m0", (long) SWEPT[0], "no_feasible_ratio", CmrAnswer.NONE, Double.NaN, Double.NaN,
        Double.NaN, new double[0], new String[0]));
    sizes.set(2, new SizePoint("m2", (long) SWEPT[2], "too_few_ratios", CmrAnswer.NONE, Double.NaN, Double.NaN,
        Double.NaN, new double[0], new String[0]));

    PredictionRow row = new SizePredictor(SizeLawForm.LOGIT_LINEAR, 0.95).predict("s", "d", sizes, TARGETS).get(1);

    assertThat(row.status()).isEqualTo("two_point");
    assertThat(row.predicted()).isTrue();
    assertThat(row.sizeModels()).containsExactly("m1", "m3");
    assertThat(row.statusDetail()).startsWith("exactly determined").contains("m0 left out (no_feasible_ratio)",
        "m2 left out (too_few_ratios)");
    assertThat(row.cmr()).isCloseTo(SizeLawForm.LOGIT_LINEAR.value(truth(SizeLawForm.LOGIT_LINEAR), 7e9),
        within(1e-9));
  }

  @Test
  void withFewerSizesThanTheLawHasParametersThereIsNoPrediction() {
    List<SizePoint> one = exact(SizeLawForm.LOGIT_LINEAR, truth(SizeLawForm.LOGIT_LINEAR), 5).subList(3, 4);
    List<SizePoint> three = exact(SizeLawForm.SATURATING, truth(SizeLawForm.SATURATING), 5).subList(0, 2);

    PredictionRow single = new SizePredictor(SizeLawForm.LOGIT_LINEAR, 0.95).predict("s", "d", one, TARGETS).get(0);
    PredictionRow saturating = new SizePredictor(SizeLawForm.SATURATING, 0.95).predict("s", "d", three, TARGETS)
        .get(0);

    assertThat(single.status()).isEqualTo("too_few_sizes");
    assertThat(single.predicted()).isFalse();
    assertThat(single.cmr()).isNaN();
    assertThat(single.ciLow()).isNaN();
    assertThat(single.replicates()).isZero();
    assertThat(single.parameters()).isEmpty();
    assertThat(single.extrapolation()).isCloseTo(1e9 / 3.1e9, within(1e-12));
    assertThat(single.statusDetail()).contains("has 2 parameters but 1 swept size(s)");
    assertThat(saturating.status()).isEqualTo("too_few_sizes");
    assertThat(saturating.statusDetail()).contains("saturating size law has 3 parameters but 2");
  }

  @Test
  void withoutTargetsThereAreNoRows() {
    assertThat(SizePredictor.byEvidence(0.95).predict("s", "d",
        exact(SizeLawForm.LOGIT_LINEAR, truth(SizeLawForm.LOGIT_LINEAR), 2), PredictParams.none())).isEmpty();
  }

  @Test
  void byEvidenceFitsTheSaturatingLawFromFourSizesAndTheLogitLineBelowThem() {
    double[] p = truth(SizeLawForm.SATURATING);
    List<SizePoint> four = exact(SizeLawForm.SATURATING, p, 4);

    PredictionRow fromFour = SizePredictor.byEvidence(0.95).predict("s", "d", four, TARGETS).get(1);
    PredictionRow fromThree = SizePredictor.byEvidence(0.95).predict("s", "d", four.subList(0, 3), TARGETS).get(1);

    assertThat(fromFour.form()).isEqualTo("saturating");
    assertThat(fromFour.status()).isEqualTo("ok");
    assertThat(fromFour.cmr()).isCloseTo(SizeLawForm.SATURATING.value(p, 7e9), within(1e-6));
    assertThat(fromThree.form()).isEqualTo("logit_linear");
    assertThat(fromThree.status()).isEqualTo("ok");
  }

  @Test
  void everyFormStaysWithinZeroAndOneFarBeyondTheSweptSizes() {
    for (SizeLawForm form : SizeLawForm.values()) {
      assertThat(form.value(truth(form), 1e13)).as(form.label()).isBetween(0.0, 1.0);
      assertThat(form.value(truth(form), 1e6)).as(form.label()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void aPredictionIsAnEstimateOnlyWhenEverySizeIsAndAnExtrapolatedToleranceBoundWhenEverySizeIsABound() {
    SizePredictor predictor = new SizePredictor(SizeLawForm.LOGIT_LINEAR, 0.95);
    List<SizePoint> estimates = exact(SizeLawForm.LOGIT_LINEAR, truth(SizeLawForm.LOGIT_LINEAR), 10);
    List<SizePoint> bounds = estimates.stream().map(p -> withAnswer(p, CmrAnswer.UPPER_BOUND)).toList();
    List<SizePoint> mixed = new ArrayList<>(estimates);
    mixed.set(1, withAnswer(mixed.get(1), CmrAnswer.NOT_IDENTIFIED));

    PredictionRow estimate = predictor.predict("s", "d", estimates, TARGETS).get(0);
    PredictionRow bound = predictor.predict("s", "d", bounds, TARGETS).get(0);
    PredictionRow neither = predictor.predict("s", "d", mixed, TARGETS).get(0);

    assertThat(estimate.answer()).isEqualTo(CmrAnswer.ESTIMATE);
    assertThat(bound.answer()).isEqualTo(CmrAnswer.UPPER_BOUND);
    assertThat(bound.sizeAnswers()).containsOnly("upper_bound");
    assertThat(neither.answer()).isEqualTo(CmrAnswer.NOT_IDENTIFIED);
    assertThat(neither.sizeAnswers()).containsExactly("estimate", "not_identified", "estimate", "estimate");
    assertThat(bound.cmr()).as("the label changes, the number does not").isEqualTo(estimate.cmr());
  }

  private static SizePoint withAnswer(SizePoint p, CmrAnswer answer) {
    return new SizePoint(p.model(), p.params(), p.status(), answer, p.cmr(), p.ciLow(), p.ciHigh(), p.replicates(),
        p.failures());
  }
}
