package io.cmrsweep.fit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.Sensitivity;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final FitSettings SETTINGS = FitSettings.defaults();

  private static Group group(SyntheticSweep s) {
    return new GroupAssembler().assemble(s.records(42)).get(0);
  }

  @Test
  void replicateBIsTheSameAloneInABatchAndInAnotherInstance() {
    Group g = group(SyntheticSweep.reference(5e-5));
    BootstrapRun batch = new Bootstrap(SETTINGS).runAll(g, 6);
    Replicate alone = new Bootstrap(SETTINGS).replicate(g, 4);
    assertThat(alone).isEqualTo(batch.replicates().get(4));
    assertThat(new Bootstrap(SETTINGS).replicate(g, 4)).isEqualTo(alone);
    assertThat(batch.replicates()).extracting(Replicate::cmr).doesNotHaveDuplicates();
  }

  @Test
  void anotherSeedGivesOtherReplicates() {
    Group g = group(SyntheticSweep.reference(5e-5));
    Replicate a = new Bootstrap(SETTINGS).replicate(g, 0);
    Replicate b = new Bootstrap(SETTINGS.withSeed(7)).replicate(g, 0);
    assertThat(a.cmr()).isNotEqualTo(b.cmr());
  }

  @Test
  void seedsDependOnlyOnTheSettingsSeedTheGroupKeyAndTheIndex() {
    Group g = group(SyntheticSweep.reference(0));
    long s0 = Bootstrap.seedOf(1, g.key(), 0);
    assertThat(Bootstrap.seedOf(1, g.key(), 0)).isEqualTo(s0);
    assertThat(Bootstrap.seedOf(1, g.key(), 1)).isNotEqualTo(s0);
    assertThat(Bootstrap.seedOf(2, g.key(), 0)).isNotEqualTo(s0);
  }

  @Test
  void autoResamplesSeedsWhenEveryRatioHasTwoAndWildResidualsOtherwise() {
    Bootstrap b = new Bootstrap(SETTINGS);
    assertThat(b.unitFor(group(SyntheticSweep.reference(0)))).isEqualTo(Resampling.WILD);
    assertThat(b.unitFor(group(SyntheticSweep.reference(0).withSeeds(2)))).isEqualTo(Resampling.SEED);
    assertThat(new Bootstrap(SETTINGS.withResampling(Resampling.CHECKPOINT))
        .unitFor(group(SyntheticSweep.reference(0).withSeeds(2)))).isEqualTo(Resampling.CHECKPOINT);
  }

  @Test
  void checkpointResamplingKeepsTheBasePointAndTheSizeOfEveryTrajectory() {
    Group g = group(SyntheticSweep.reference(1e-5));
    Group r = Bootstrap.resample(g, Resampling.CHECKPOINT, new SplittableRandom(1));
    for (int i = 0; i < g.trajectories().size(); i++) {
      Trajectory before = g.trajectories().get(i);
      Trajectory after = r.trajectories().get(i);
      assertThat(after.size()).isEqualTo(before.size());
      assertThat(after.tokensAt(0)).isZero();
      assertThat(after.generalAt(0)).isEqualTo(before.generalAt(0));
      assertThat(after.tokens()).isSorted();
    }
  }

  @Test
  void seedResamplingDrawsWholeTrajectoriesWithinEachRatio() {
    Group g = group(SyntheticSweep.reference(1e-5).withSeeds(3));
    Group r = Bootstrap.resample(g, Resampling.SEED, new SplittableRandom(1));
    assertThat(r.ratios()).isEqualTo(g.ratios());
    for (double ratio : g.ratios()) {
      assertThat(r.at(ratio)).hasSize(3);
      assertThat(g.at(ratio)).containsAll(r.at(ratio));
    }
  }

  @Test
  void drawingOneRatioResamplesOnlyItsRunsAroundTheFitWhenSomeRatioHasOneSeed() {
    Group g = group(SyntheticSweep.reference(1e-4));
    Bootstrap b = new Bootstrap(SETTINGS);
    double r = g.ratios().get(2);
    Group drawn = b.drawOnly(g, r, new SplittableRandom(3)).orElseThrow();
    Group replicate = b.draw(g, Resampling.WILD, new SplittableRandom(3)).orElseThrow();
    for (double ratio : g.ratios()) {
      if (ratio == r) {
        assertThat(drawn.at(ratio)).isEqualTo(replicate.at(ratio)).isNotEqualTo(g.at(ratio));
      } else {
        assertThat(drawn.at(ratio)).isEqualTo(g.at(ratio));
      }
    }
  }

  @Test
  void drawingOneRatioResamplesOnlyItsSeedsWhenEveryRatioHasSeveral() {
    Group g = group(SyntheticSweep.reference(1e-4).withSeeds(3));
    double r = g.ratios().get(2);
    Group drawn = new Bootstrap(SETTINGS).drawOnly(g, r, new SplittableRandom(5)).orElseThrow();
    for (double ratio : g.ratios()) {
      if (ratio == r) {
        assertThat(drawn.at(ratio)).hasSize(3);
        assertThat(g.at(ratio)).containsAll(drawn.at(ratio));
      } else {
        assertThat(drawn.at(ratio)).isEqualTo(g.at(ratio));
      }
    }
  }

  @Test
  void exactDataGiveAnIntervalThatCollapsesOnTheTruth() {
    SyntheticSweep s = SyntheticSweep.reference(0);
    BootstrapRun run = new Bootstrap(SETTINGS).runAll(group(s), 5);
    assertThat(run.summary().ciLow()).isCloseTo(s.trueCmr(), within(1e-6));
    assertThat(run.summary().ciHigh()).isCloseTo(s.trueCmr(), within(1e-6));
    assertThat(run.summary().failed()).isZero();
    assertThat(run.summary().curveTokens()).containsExactly(run.point().curveTokens());
  }

  @Test
  void theSummaryCountsFailuresByReasonAndTakesPercentilesOfTheRest() {
    Group g = group(SyntheticSweep.reference(0));
    GroupFit point = new CmrPipeline(SETTINGS).fit(g);
    int n = point.curveGrid().length;
    double[] curve = new double[n];
    double[] nan = new double[n];
    java.util.Arrays.fill(nan, Double.NaN);
    List<Replicate> reps = new java.util.ArrayList<>();
    Sensitivity none = Sensitivity.none(SETTINGS);
    for (int i = 0; i <= 100; i++) {
      java.util.Arrays.fill(curve, i / 100.0);
      // The law binds in replicates 0..49 (below sup A), sup A in 50..100.
      Binding binding = i < 50 ? Binding.LAW : Binding.SUP_A;
      reps.add(new Replicate(i, i / 100.0, curve, "", binding, i / 100.0, i / 100.0 + (i < 50 ? -0.1 : 0.1), none));
    }
    reps.add(new Replicate(101, Double.NaN, nan, "no_feasible_ratio", Binding.NONE, 0.3, Double.NaN, none));
    reps.add(new Replicate(102, Double.NaN, nan, "no_feasible_ratio", Binding.NONE, Double.NaN, Double.NaN, none));
    reps.add(new Replicate(103, Double.NaN, nan, "law_did_not_converge", Binding.NONE, Double.NaN, Double.NaN,
        none));
    BootstrapSummary s = new Bootstrap(SETTINGS.withLevel(0.9)).summarize(g, point, reps);
    assertThat(s.replicates()).isEqualTo(104);
    assertThat(s.failed()).isEqualTo(3);
    assertThat(s.failures()).containsEntry("no_feasible_ratio", 2).containsEntry("law_did_not_converge", 1);
    assertThat(s.failureText()).isEqualTo("law_did_not_converge=1; no_feasible_ratio=2");
    assertThat(s.ciLow()).isCloseTo(0.05, within(1e-12));
    assertThat(s.ciHigh()).isCloseTo(0.95, within(1e-12));
    assertThat(s.distribution()).hasSize(101);
    assertThat(s.curveLow()[0]).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void theSummaryCountsWhichConstraintBoundInEveryReplicateAndTakesPercentilesOfSupAAndOfTheLaw() {
    Group g = group(SyntheticSweep.reference(0));
    GroupFit point = new CmrPipeline(SETTINGS).fit(g);
    double[] curve = new double[point.curveGrid().length];
    Sensitivity none = Sensitivity.none(SETTINGS);
    List<Replicate> reps = new java.util.ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      Binding binding = i < 20 ? Binding.LAW : i < 30 ? Binding.INTERPOLATION : Binding.SUP_A;
      reps.add(new Replicate(i, 0.3, curve, "", binding, 0.2 + i / 1000.0, i / 100.0, none));
    }
    reps.add(new Replicate(101, Double.NaN, curve, "no_feasible_ratio", Binding.NONE, Double.NaN, Double.NaN, none));

    ConstraintSummary c = new Bootstrap(SETTINGS.withLevel(0.9)).summarize(g, point, reps).constraints();

    assertThat(c.bindings()).containsEntry(Binding.LAW, 20).containsEntry(Binding.INTERPOLATION, 10)
        .containsEntry(Binding.SUP_A, 71).containsEntry(Binding.NONE, 1);
    assertThat(c.share(Binding.SUP_A)).isCloseTo(71 / 102.0, within(1e-12));
    assertThat(c.supALow()).isCloseTo(0.205, within(1e-12));
    assertThat(c.supAHigh()).isCloseTo(0.295, within(1e-12));
    assertThat(c.supAValues()).isEqualTo(101);
    assertThat(c.lawLow()).isCloseTo(0.05, within(1e-12));
    assertThat(c.lawHigh()).isCloseTo(0.95, within(1e-12));
  }
}
