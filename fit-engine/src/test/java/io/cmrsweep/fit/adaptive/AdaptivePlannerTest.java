package io.cmrsweep.fit.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.TruthCells;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptivePlannerTest {
  private static final double[] RATIOS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
  private static final long TOKENS = 2_000_000_000L;
  private final AdaptivePlanner planner = new AdaptivePlanner(FitSettings.defaults(), 30, 8);

  private static List<Cell> candidates(String model, int seeds) {
    List<Cell> out = new ArrayList<>();
    for (double r : RATIOS) {
      for (int s = 0; s < seeds; s++) {
        out.add(new Cell("dom", model, r, s, TOKENS));
      }
    }
    return out;
  }

  /** One size of 1e9 parameters: true CMR 0.40. */
  private static TruthCells truth(double noise, long seed) {
    return new TruthCells(TruthModel.defaults(), Map.of("m1", 1_000_000_000L), 24, TOKENS, noise, seed);
  }

  private static List<Group> fit(TruthCells truth, List<Cell> run) {
    return new GroupAssembler().assemble(truth.records(run));
  }

  @Test
  void theInitialDesignSpreadsTheRatiosOverTheCandidatesWithTheFirstSeedOfEveryGroup() {
    List<Cell> all = new ArrayList<>(candidates("m1", 3));
    all.addAll(candidates("m2", 3));
    List<Cell> initial = planner.initial(all, 4);
    assertThat(initial).hasSize(8).allMatch(c -> c.seed() == 0);
    assertThat(initial.stream().filter(c -> c.model().equals("m1")).map(Cell::ratio))
        .containsExactly(0.2, 0.4, 0.5, 0.7);
  }

  /** Every candidate also stopped at half the token budget. */
  private static List<Cell> withHalves(List<Cell> full) {
    List<Cell> out = new ArrayList<>(full);
    full.forEach(c -> out.add(new Cell(c.domain(), c.model(), c.ratio(), c.seed(), TOKENS / 2)));
    return out;
  }

  @Test
  void theInitialDesignStopsOnlyItsLowestRatioEarly() {
    // the lowest ratio has the earliest critical point; the others set T_max and bound the law from above
    List<Cell> initial = planner.initial(withHalves(candidates("m1", 2)), 3);
    assertThat(initial).containsExactly(new Cell("dom", "m1", 0.2, 0, TOKENS / 2),
        new Cell("dom", "m1", 0.5, 0, TOKENS), new Cell("dom", "m1", 0.7, 0, TOKENS));
  }

  @Test
  void aRunThatStoppedBeforeItsCriticalPointIsContinuedToTheFullBudgetBeforeTheGroupMayStop() {
    // true T0 / T_max is 0.56 at r = 0.3 (TruthModel.defaults): a half run there stops before its critical point
    TruthCells truth = truth(1e-5, 1);
    List<Cell> cands = withHalves(candidates("m1", 2));
    Cell halfAt03 = new Cell("dom", "m1", 0.3, 0, TOKENS / 2);
    List<Cell> run = new ArrayList<>(planner.initial(cands, 3));
    run.add(halfAt03);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.5, Budget.tokens(10 * TOKENS), 2));
    assertThat(plan.outcome()).as("a 4-point law, but one point extrapolated beyond its stop")
        .isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.widths()).singleElement().satisfies(w -> assertThat(w.status())
        .isEqualTo("the run(s) at ratio [0.3] stopped before their critical point"));
    assertThat(plan.choices()).first().satisfies(c -> {
      assertThat(c.cell()).isEqualTo(new Cell("dom", "m1", 0.3, 0, TOKENS));
      assertThat(c.reason()).isEqualTo("extend the run at ratio 0.3 seed 0, stopped at 0.50 of the token budget"
          + " before its critical point, to 1.00 (the rest of the same run, 1000000000 tokens)");
    });
    run.add(plan.choices().get(0).cell());
    assertThat(Budget.tokens(10 * TOKENS).spent(run)).as("the continued run is charged once, at its full budget")
        .isEqualTo(3 * TOKENS + TOKENS / 2);
    RoundPlan after = planner.next(fit(truth, Cell.longest(run)), run, cands, new Goal(0.5, Budget.tokens(10 * TOKENS),
        2));
    assertThat(after.outcome()).isEqualTo(RoundPlan.Outcome.TARGET_REACHED);
  }

  @Test
  void aStoppedRunThatSawItsCriticalPointIsACandidateToContinueValuedByItsContinuedLaws() {
    // noise 3e-4, where the half run at 0.2 carries a fair share of the variance; every other candidate has run,
    // so the one open cell is the rest of that run
    TruthCells truth = truth(3e-4, 3);
    List<Cell> run = List.of(new Cell("dom", "m1", 0.2, 0, TOKENS / 2), new Cell("dom", "m1", 0.3, 0, TOKENS),
        new Cell("dom", "m1", 0.5, 0, TOKENS), new Cell("dom", "m1", 0.7, 0, TOKENS));
    List<Cell> cands = new ArrayList<>(run);
    cands.add(new Cell("dom", "m1", 0.2, 0, TOKENS));
    // width about 0.25: a target of 0.1 is not reached, and within reach (3x) of the continued run's 0.85 x 0.25
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.1, Budget.tokens(5 * TOKENS), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.choices()).singleElement().satisfies(c -> {
      assertThat(c.cell()).isEqualTo(new Cell("dom", "m1", 0.2, 0, TOKENS));
      assertThat(c.reason()).startsWith("continue the run at ratio 0.2 seed 0 from 0.50 to the full budget: the"
          + " run continued along its fitted laws scales the interval by ");
      assertThat(c.expectedGain()).isPositive();
    });
    assertThat(planner.next(fit(truth, run), run, cands, new Goal(0.1, Budget.tokens(4 * TOKENS - 1), 2))
        .outcome()).as("3.5 full budgets spent, the rest (0.5) no longer fits")
        .isEqualTo(RoundPlan.Outcome.BUDGET_SPENT);
    assertThat(planner.next(fit(truth, run), run, cands, new Goal(0.06, Budget.tokens(5 * TOKENS), 2)).outcome())
        .as("not even the continued run brings 0.25 within 3 x 0.06").isEqualTo(RoundPlan.Outcome.OUT_OF_REACH);
  }

  @Test
  void anExtensionCostsOnlyTheTokensBeyondTheRunItContinues() {
    Cell half = new Cell("dom", "m1", 0.3, 0, TOKENS / 2);
    Cell full = new Cell("dom", "m1", 0.3, 0, TOKENS);
    Cell otherSeed = new Cell("dom", "m1", 0.3, 1, TOKENS);
    assertThat(Budget.tokens(1).cost(full, List.of(half))).isEqualTo(TOKENS / 2);
    assertThat(Budget.tokens(1).cost(otherSeed, List.of(half))).isEqualTo(TOKENS);
    assertThat(Budget.trials(1).cost(full, List.of(half))).isEqualTo(1);
    assertThat(Cell.longest(List.of(full, half, otherSeed))).containsExactly(full, otherSeed);
    assertThat(Budget.trials(9).spent(List.of(half, full))).as("two trials ran").isEqualTo(2);
  }

  @Test
  void aRatioAndSeedThatRanAtOneBudgetAreSpentAtEveryBudgetAndMoreSeedsOfItRunItsBudget() {
    List<Cell> cands = withHalves(candidates("m1", 2));
    Cell halfAt03 = new Cell("dom", "m1", 0.3, 0, TOKENS / 2);
    List<Cell> open = AdaptivePlanner.openCells(cands, List.of(new Cell("dom", "m1", 0.2, 0, TOKENS), halfAt03));
    assertThat(open.stream().filter(c -> c.ratio() == 0.2)).containsExactly(new Cell("dom", "m1", 0.2, 1, TOKENS));
    assertThat(open.stream().filter(c -> c.ratio() == 0.3)).containsExactly(new Cell("dom", "m1", 0.3, 1, TOKENS / 2));
    assertThat(open.stream().filter(c -> c.ratio() == 0.4)).hasSize(4);
  }

  @Test
  void aShorterRunIsNotChosenWhereItWouldStopBeforeItsCriticalPoint() {
    // measured 0.2, 0.5, 0.7: the law has no interval yet, so the planner explores a new ratio; true T0 of 0.5 is
    // 1.56 T_max, so a half run at 0.3, 0.4 or 0.6 stops before the critical point that bounds its own
    TruthCells truth = truth(1e-5, 1);
    List<Cell> cands = withHalves(candidates("m1", 2));
    List<Cell> run = planner.initial(cands, 3);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.02, Budget.trials(24), 1));
    assertThat(plan.choices()).singleElement().satisfies(c -> {
      assertThat(c.cell().tokens()).isEqualTo(TOKENS);
      assertThat(c.cell().ratio()).isIn(0.3, 0.4, 0.6);
    });
  }

  @Test
  void stopsAtTheTargetWhenEveryGroupsIntervalIsNarrowEnough() {
    TruthCells truth = truth(1e-6, 1);
    List<Cell> cands = candidates("m1", 2);
    List<Cell> run = planner.initial(cands, 4);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.05, Budget.trials(12), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.TARGET_REACHED);
    assertThat(plan.widths()).singleElement().satisfies(w -> assertThat(w.width()).isLessThanOrEqualTo(0.05));
    assertThat(plan.choices()).isEmpty();
  }

  @Test
  void choosesTheBatchForAWideGroupWithAnExpectedGainAndAReasonEach() {
    TruthCells truth = truth(1e-4, 1);
    List<Cell> cands = candidates("m1", 4);
    List<Cell> run = planner.initial(cands, 4);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.001, Budget.trials(24), 3));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.choices()).extracting(Choice::cell).hasSize(3).doesNotContainAnyElementsOf(run);
    assertThat(plan.choices()).allSatisfy(c -> {
      assertThat(c.expectedGain()).isPositive();
      assertThat(c.reason()).contains("expected width");
    });
    assertThat(plan.choices()).extracting(Choice::cell).doesNotHaveDuplicates();
  }

  @Test
  void decidesTheSameCellsForTheSameData() {
    TruthCells truth = truth(1e-4, 7);
    List<Cell> cands = candidates("m1", 4);
    List<Cell> run = planner.initial(cands, 4);
    Goal goal = new Goal(0.001, Budget.trials(24), 4);
    RoundPlan a = planner.next(fit(truth, run), run, cands, goal);
    RoundPlan b = new AdaptivePlanner(FitSettings.defaults(), 30, 8).next(fit(truth, run), run, cands, goal);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void stopsWhenTheNextCellWouldExceedTheBudget() {
    TruthCells truth = truth(1e-4, 1);
    List<Cell> cands = candidates("m1", 4);
    List<Cell> run = planner.initial(cands, 4);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.001, Budget.tokens(4 * TOKENS + 1), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.BUDGET_SPENT);
    assertThat(plan.reason()).contains("8000000000 of 8000000001 tokens");
  }

  @Test
  void aGroupWithoutAnIntervalGetsTheUnmeasuredRatioFarthestFromTheMeasuredOnes() {
    TruthCells truth = truth(1e-5, 1);
    List<Cell> cands = candidates("m1", 2);
    List<Cell> run = cands.stream().filter(c -> c.seed() == 0 && (c.ratio() == 0.2 || c.ratio() == 0.3)).toList();
    // two ratios below the CMR's neighbourhood only: the CMR law cannot be fitted from them
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.02, Budget.trials(12), 1));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.choices()).singleElement().satisfies(c -> {
      assertThat(c.cell().ratio()).isEqualTo(0.7);
      assertThat(c.expectedGain()).isNaN();
      assertThat(c.reason()).contains("no interval yet");
    });
  }

  @Test
  void aGroupWhoseLawRestsOnThreePointsGetsTheNewRatioThatNarrowsItMostAndDoesNotStop() {
    TruthCells truth = truth(1e-5, 1);
    List<Cell> cands = candidates("m1", 2);
    List<Cell> run = planner.initial(cands, 3);
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.9, Budget.trials(12), 2));
    assertThat(plan.outcome()).as("a width under 0.9 does not count on 3 law points")
        .isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.choices()).singleElement().satisfies(c -> {
      assertThat(c.reason()).contains("rests on 3 T0 points", "narrows the interval most");
      assertThat(run).extracting(Cell::ratio).doesNotContain(c.cell().ratio());
    });
  }

  @Test
  void stopsWhenEveryCandidateHasRun() {
    TruthCells truth = truth(1e-4, 1);
    List<Cell> cands = candidates("m1", 1);
    RoundPlan plan = planner.next(fit(truth, cands), cands, cands, new Goal(0.0001, Budget.trials(100), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CANDIDATES_EXHAUSTED);
  }

  @Test
  void givesUpWhenEvenEveryRemainingCandidateIsExpectedToLeaveTheWidthWellAboveTheTarget() {
    TruthCells truth = truth(1e-4, 1);
    List<Cell> cands = candidates("m1", 3);
    List<Cell> run = cands.stream().filter(c -> c.seed() < 2).toList();
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(0.0005, Budget.trials(100), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.OUT_OF_REACH);
    assertThat(plan.reason()).contains("out of reach", "dom/m1 width", "expected");
    assertThat(plan.choices()).isEmpty();
  }

  @Test
  void keepsChoosingWhileTheRemainingCandidatesCanReachTheTarget() {
    TruthCells truth = truth(1e-4, 1);
    List<Cell> cands = candidates("m1", 3);
    List<Cell> run = cands.stream().filter(c -> c.seed() < 2).toList();
    double width = planner.widths(fit(truth, run)).get(0).width();
    RoundPlan plan = planner.next(fit(truth, run), run, cands, new Goal(width * 0.9, Budget.trials(100), 2));
    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CONTINUE);
  }

  /** Three sizes of one domain with the default truth's size law; the prediction at 7e9 extrapolates past them. */
  private static TruthCells sized(double noise, long seed) {
    return new TruthCells(TruthModel.defaults(), Map.of("m1", 300_000_000L, "m2", 1_000_000_000L,
        "m3", 3_000_000_000L), 24, TOKENS, noise, seed);
  }

  private static List<Cell> sizedCandidates() {
    List<Cell> out = new ArrayList<>();
    for (String m : List.of("m1", "m2", "m3")) {
      out.addAll(candidates(m, 3));
    }
    return out;
  }

  private static final PredictParams AT_7B = PredictParams.of(List.of(7.0e9), "fit.predictParams");

  @Test
  void aPredictedGoalMeasuresTheCmrPredictedAtTheTargetSizeAndChoosesCellsToNarrowIt() {
    List<Cell> cands = sizedCandidates();
    List<Cell> run = planner.initial(cands, 4);
    RoundPlan plan = planner.next(fit(sized(1e-4, 3), run), run, cands,
        new Goal(0.001, Budget.trials(60), 3, AT_7B));

    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.CONTINUE);
    assertThat(plan.widths()).extracting(GroupWidth::group)
        .containsExactly("dom/m1", "dom/m2", "dom/m3", "dom@7.00e+09");
    assertThat(plan.widths().get(3).identified()).as("three sizes fit the size law").isTrue();
    assertThat(plan.choices()).hasSize(3).allSatisfy(c -> {
      assertThat(c.expectedGain()).isPositive();
      assertThat(c.reason()).contains("expected width of dom@7.00e+09");
    });
    assertThat(plan.reason()).contains("dom@7.00e+09 width");
  }

  @Test
  void theLargestSweptSizeWeighsMostInAPredictionBeyondIt() {
    List<Cell> cands = sizedCandidates();
    List<Cell> run = planner.initial(cands, 4);
    WidthModel model = new WidthModel(FitSettings.defaults(), 30, 8);
    Map<String, WidthModel.State> states = new java.util.LinkedHashMap<>();
    for (Group g : fit(sized(1e-5, 5), run)) {
      String name = g.key().domain() + "/" + g.key().model();
      states.put(name, model.measure(name, g, false));
    }

    Target t = PredictionTargets.of(states, AT_7B, 0.95, 30).get(0);

    // Least-squares extrapolation in log N: the end nearest the target has the most leverage.
    assertThat(t.weights().get("dom/m3")).isGreaterThan(t.weights().get("dom/m2"))
        .isGreaterThan(t.weights().get("dom/m1"));
  }

  @Test
  void aFixedDesignIsMeasuredOnThePredictionsWhenTheGoalPredictsAndOnEachSizeOtherwise() {
    List<Cell> cands = sizedCandidates();
    List<Cell> run = planner.initial(cands, 4);
    List<Group> groups = fit(sized(1e-5, 5), run);

    List<GroupWidth> predicted = planner.targetWidths(groups, new Goal(0.02, Budget.trials(60), 3, AT_7B));
    List<GroupWidth> perSize = planner.targetWidths(groups, new Goal(0.02, Budget.trials(60), 3));

    assertThat(predicted).extracting(GroupWidth::group).containsExactly("dom@7.00e+09");
    assertThat(predicted.get(0).identified()).isTrue();
    assertThat(perSize).isEqualTo(planner.widths(groups));
  }

  @Test
  void aPredictedGoalStopsWhenEveryPredictionIntervalIsNarrowEnough() {
    List<Cell> cands = sizedCandidates();
    List<Cell> run = planner.initial(cands, 4);
    RoundPlan plan = planner.next(fit(sized(1e-6, 3), run), run, cands, new Goal(0.9, Budget.trials(60), 3, AT_7B));

    assertThat(plan.outcome()).isEqualTo(RoundPlan.Outcome.TARGET_REACHED);
    assertThat(plan.reason()).startsWith("every predicted CMR's interval is at most 0.9000 wide");
  }
}
