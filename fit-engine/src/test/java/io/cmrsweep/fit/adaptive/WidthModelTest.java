package io.cmrsweep.fit.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.synthetic.TruthCells;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidthModelTest {
  private static final long TOKENS = 2_000_000_000L;

  private static Group group(double noise, double... ratios) {
    TruthCells truth = new TruthCells(TruthModel.defaults(), Map.of("m1", 1_000_000_000L), 24, TOKENS, noise, 3);
    List<Cell> cells = java.util.Arrays.stream(ratios).mapToObj(r -> new Cell("dom", "m1", r, 0, TOKENS)).toList();
    return new GroupAssembler().assemble(truth.records(cells)).get(0);
  }

  @Test
  void aRunSimulatedAtAMeasuredRatioIsThatRatiosRun() {
    Group g = group(1e-4, 0.2, 0.4, 0.7);
    Group smooth = new CmrPipeline(FitSettings.defaults()).smoothed(g).orElseThrow();
    Trajectory at = WidthModel.simulatedRun(g, smooth, g.ratios(), 0.4, TOKENS).orElseThrow();
    Trajectory measured = g.at(0.4).get(0);
    for (int i = 0; i < measured.size(); i++) {
      assertThat(at.generalAt(i)).isCloseTo(measured.generalAt(i), within(1e-12));
      assertThat(at.domainAt(i)).isCloseTo(measured.domainAt(i), within(1e-12));
    }
  }

  @Test
  void aRunSimulatedBetweenTwoRatiosInterpolatesTheirFittedLossesLinearlyAndKeepsTheBaseModel() {
    Group g = group(0, 0.2, 0.4, 0.7);
    Group smooth = new CmrPipeline(FitSettings.defaults()).smoothed(g).orElseThrow();
    Trajectory mid = WidthModel.simulatedRun(g, smooth, g.ratios(), 0.25, TOKENS).orElseThrow();
    Trajectory lo = g.at(0.2).get(0);
    Trajectory hi = g.at(0.4).get(0);
    assertThat(mid.ratio()).isEqualTo(0.25);
    assertThat(mid.generalAt(0)).isEqualTo(lo.generalAt(0));
    for (int i = 1; i < mid.size(); i++) {
      assertThat(mid.generalAt(i)).isCloseTo(0.75 * lo.generalAt(i) + 0.25 * hi.generalAt(i), within(1e-9));
      assertThat(mid.domainAt(i)).isCloseTo(0.75 * lo.domainAt(i) + 0.25 * hi.domainAt(i), within(1e-9));
    }
  }

  @Test
  void aLawThroughAsManyPointsAsItHasParametersHasNoIntervalToStopOnButValuesEveryNewRatio() {
    Group g = group(1e-4, 0.2, 0.4, 0.7);
    WidthModel model = new WidthModel(FitSettings.defaults(), 30, 8);
    WidthModel.State s = model.measure("dom/m1", g, runs(0.2, 0.3, 0.4, 0.5, 0.6, 0.7));
    assertThat(s.width().identified()).isFalse();
    assertThat(s.width().status()).isEqualTo("the CMR law rests on 3 T0 points, as many as its parameters");
    assertThat(s.newRunFactors()).containsOnlyKeys(runs(0.3, 0.5, 0.6));
    assertThat(s.newRunFactors().values()).allSatisfy(f -> assertThat(f).isBetween(WidthModel.MIN_FACTOR, 1.0));
    assertThat(s.newRunFactors().values()).anySatisfy(f -> assertThat(f).isLessThan(1.0));
  }

  @Test
  void aFourthLawPointGivesTheGroupItsInterval() {
    Group g = group(1e-4, 0.2, 0.4, 0.5, 0.7);
    WidthModel.State s = new WidthModel(FitSettings.defaults(), 30, 8).measure("dom/m1", g, runs(0.3, 0.6));
    assertThat(s.width().identified()).isTrue();
    assertThat(s.newRunFactors()).containsOnlyKeys(runs(0.3, 0.6));
  }

  @Test
  void aRunStoppedEarlyIsThePrefixOfTheFullRunSimulatedThere() {
    Group g = group(1e-4, 0.2, 0.4, 0.7);
    Group smooth = new CmrPipeline(FitSettings.defaults()).smoothed(g).orElseThrow();
    Trajectory fullRun = WidthModel.simulatedRun(g, smooth, g.ratios(), 0.3, TOKENS).orElseThrow();
    Trajectory half = WidthModel.simulatedRun(g, smooth, g.ratios(), 0.3, TOKENS / 2).orElseThrow();
    assertThat(half.size()).isEqualTo(13); // T = 0 and 12 of the 24 checkpoints
    assertThat(half.maxTokens()).isEqualTo(g.at(0.2).get(0).tokensAt(12)).isLessThanOrEqualTo(TOKENS / 2.0);
    for (int i = 0; i < half.size(); i++) {
      assertThat(half.tokensAt(i)).isEqualTo(fullRun.tokensAt(i));
      assertThat(half.generalAt(i)).isEqualTo(fullRun.generalAt(i));
    }
  }

  @Test
  void aRunSimulatedNextToANeighbourStoppedEarlyFollowsThatNeighboursFittedLawsBeyondItsStop() {
    // noise-free truth: 0.2 stopped at half the budget, 0.4 and 0.7 full; a full run at 0.3 lies between 0.2 and 0.4
    TruthCells truth = new TruthCells(TruthModel.defaults(), Map.of("m1", 1_000_000_000L), 24, TOKENS, 0, 3);
    Group g = new GroupAssembler().assemble(truth.records(List.of(new Cell("dom", "m1", 0.2, 0, TOKENS / 2),
        new Cell("dom", "m1", 0.4, 0, TOKENS), new Cell("dom", "m1", 0.7, 0, TOKENS)))).get(0);
    CmrPipeline pipeline = new CmrPipeline(FitSettings.defaults());
    double[] grid = g.at(0.4).get(0).tokens();
    Group smooth = pipeline.smoothedAt(g, grid).orElseThrow();
    assertThat(smooth.at(0.2).get(0).size()).as("the stopped run continued to the full run's checkpoints")
        .isEqualTo(grid.length);
    Trajectory at = WidthModel.simulatedRun(g, smooth, g.ratios(), 0.3, TOKENS).orElseThrow();
    assertThat(at.size()).isEqualTo(25);
    for (int i = 0; i < at.size(); i++) {
      // halfway between the neighbours' laws, plus the residual of the nearest full run (0.4)
      double mid = (smooth.at(0.2).get(0).generalAt(i) + smooth.at(0.4).get(0).generalAt(i)) / 2
          + g.at(0.4).get(0).generalAt(i) - smooth.at(0.4).get(0).generalAt(i);
      assertThat(at.generalAt(i)).as("checkpoint %d", i).isCloseTo(mid, within(1e-12));
    }
  }

  @Test
  void aStoppedRunContinuedAlongItsFittedLawsIsTheTrueFullRunWithoutNoise() {
    TruthCells truth = new TruthCells(TruthModel.defaults(), Map.of("m1", 1_000_000_000L), 24, TOKENS, 0, 3);
    Cell half = new Cell("dom", "m1", 0.2, 0, TOKENS / 2);
    Group g = new GroupAssembler().assemble(truth.records(List.of(half, new Cell("dom", "m1", 0.3, 0, TOKENS),
        new Cell("dom", "m1", 0.4, 0, TOKENS), new Cell("dom", "m1", 0.7, 0, TOKENS)))).get(0);
    Trajectory full = g.at(0.4).get(0);
    Group smooth = new CmrPipeline(FitSettings.defaults()).smoothedAt(g, full.tokens()).orElseThrow();
    Trajectory continued = WidthModel.continuedRun(g, smooth, g.at(0.2).get(0), full).orElseThrow();
    Group trueFull = new GroupAssembler().assemble(truth.records(List.of(new Cell("dom", "m1", 0.2, 0, TOKENS))))
        .get(0);
    Trajectory expected = trueFull.at(0.2).get(0);
    assertThat(continued.size()).isEqualTo(expected.size());
    for (int i = 0; i < continued.size(); i++) {
      assertThat(continued.tokensAt(i)).isEqualTo(expected.tokensAt(i));
      assertThat(continued.generalAt(i)).as("checkpoint %d", i).isCloseTo(expected.generalAt(i), within(1e-6));
      assertThat(continued.domainAt(i)).as("checkpoint %d", i).isCloseTo(expected.domainAt(i), within(1e-6));
    }
    for (int i = 0; i <= 12; i++) {
      assertThat(continued.generalAt(i)).as("the measured prefix is kept").isEqualTo(g.at(0.2).get(0).generalAt(i));
    }
  }

  @Test
  void continuingAStoppedRunIsValuedByHowMuchItNarrowsTheInterval() {
    TruthCells truth = new TruthCells(TruthModel.defaults(), Map.of("m1", 1_000_000_000L), 24, TOKENS, 3e-4, 3);
    Group g = new GroupAssembler().assemble(truth.records(List.of(new Cell("dom", "m1", 0.2, 0, TOKENS / 2),
        new Cell("dom", "m1", 0.3, 0, TOKENS), new Cell("dom", "m1", 0.5, 0, TOKENS),
        new Cell("dom", "m1", 0.7, 0, TOKENS)))).get(0);
    WidthModel.State s = new WidthModel(FitSettings.defaults(), 30, 8).measure("dom/m1", g, List.of());
    assertThat(s.stoppedBeforePeak()).as("T0 at 0.2 is 0.25 T_max, seen by a half run").isEmpty();
    assertThat(s.extensionFactors()).containsOnlyKeys(0.2);
    assertThat(s.extensionFactor(0.2)).as("the continued run narrows the interval").isBetween(WidthModel.MIN_FACTOR,
        0.95);
    assertThat(s.extensionFactor(0.3)).as("a full run has nothing to continue").isNull();
  }

  @Test
  void aBudgetBeyondTheMeasuredRunsCannotBeSimulated() {
    Group g = group(1e-4, 0.2, 0.4, 0.7);
    Group smooth = new CmrPipeline(FitSettings.defaults()).smoothed(g).orElseThrow();
    assertThat(WidthModel.simulatedRun(g, smooth, g.ratios(), 0.3, 2 * TOKENS)).isEmpty();
  }

  @Test
  void aShorterBudgetIsValuedOnlyWhereTheRunSeesItsCriticalPoint() {
    // true T0 / T_max: 0.14 at r=0.15, 0.25 at 0.2, 0.56 at 0.3, 1.0 at 0.4 (TruthModel.defaults, CMR 0.4)
    Group g = group(1e-4, 0.1, 0.2, 0.4, 0.5, 0.7);
    WidthModel.NewRun lowHalf = new WidthModel.NewRun(0.15, TOKENS / 2);
    WidthModel.NewRun midHalf = new WidthModel.NewRun(0.3, TOKENS / 2);
    WidthModel.NewRun midFull = new WidthModel.NewRun(0.3, TOKENS);
    WidthModel.NewRun measured = new WidthModel.NewRun(0.4, TOKENS / 2);
    WidthModel.State s = new WidthModel(FitSettings.defaults(), 30, 8).measure("dom/m1", g,
        List.of(lowHalf, midHalf, midFull, measured));
    // 0.15 stopped at half the budget is expected to see its T0 (simulated from 0.1 and 0.2, whose T0 are 0.06 and
    // 0.25 of T_max) within 0.75 x 0.5; 0.3 would stop before its T0 (near 0.56); 0.4 is measured, so more of it is
    // a seed, not a new run
    assertThat(s.newRunFactors()).containsOnlyKeys(lowHalf, midFull);
  }

  private static List<WidthModel.NewRun> runs(double... ratios) {
    return java.util.Arrays.stream(ratios).mapToObj(r -> new WidthModel.NewRun(r, TOKENS)).toList();
  }
}
