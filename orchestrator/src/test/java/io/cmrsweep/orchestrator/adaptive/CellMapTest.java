package io.cmrsweep.orchestrator.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.LongestRuns;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellMapTest {
  private static final SweepSpec SPEC = new SpecReader().parse("""
      sweep: ext
      storage: {root: /data}
      corpora: {domains: [legal]}
      models:
        - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}
      cpt: {ratios: [0.1, 0.3, 0.5], tokens: 1000, checkpoints: 12}
      seeds: [1, 2]
      adaptive: {targetWidth: 0.02, budget: {trials: 20}, stopAt: [0.5]}
      """, "t.yaml");
  private final List<PlannedTrial> grid = new TrialGrid().plan(SPEC);
  private final CellMap cells = new CellMap(grid, 1000);

  private PlannedTrial cpt(double ratio, long stop) {
    return grid.stream().filter(t -> t.ratio() == ratio && t.seed() == 1 && t.stopTokens() == stop).findFirst()
        .orElseThrow();
  }

  private static Round round(int n, PlannedTrial... chosen) {
    return new Round(n, Instant.EPOCH, Round.CONTINUE, "r" + n, List.of(), java.util.Arrays.stream(chosen)
        .map(t -> new Round.Chosen(t.id(), t.domain() + "/" + t.model(), t.ratio(), t.seed(), Double.NaN, "why"))
        .toList());
  }

  @Test
  void aFullRunChosenAfterItsCellRanStoppedEarlyContinuesThatRunAndOnlyItIsFitted() {
    PlannedTrial half = cpt(0.1, 500);
    PlannedTrial full = cpt(0.1, 0);
    PlannedTrial other = cpt(0.5, 0);

    List<PlannedTrial> plan = cells.plan(List.of(round(0, half, other), round(1, full)));

    assertThat(plan).filteredOn(t -> t.id().equals(full.id())).singleElement()
        .satisfies(t -> assertThat(t.continues()).isEqualTo(half.id()));
    assertThat(plan).filteredOn(t -> !t.id().equals(full.id())).allSatisfy(t -> assertThat(t.continues()).isEmpty());
    assertThat(LongestRuns.of(plan)).extracting(PlannedTrial::id).doesNotContain(half.id())
        .contains(full.id(), other.id());
    TrialSpec spec = new TrialSpecFactory(SPEC, SweepLayout.of("/data", "ext"))
        .create(plan.stream().filter(t -> t.id().equals(full.id())).findFirst().orElseThrow(), 1);
    assertThat(spec.paths().continueFrom()).as("the stopped run's work directory")
        .isEqualTo(new TrialSpecFactory(SPEC, SweepLayout.of("/data", "ext")).create(half, 1).paths().workDir());
    assertThat(spec.training().runTokens()).isEqualTo(1000);
  }

  @Test
  void aFullRunChosenFirstStartsFromTheBaseModel() {
    List<PlannedTrial> plan = cells.plan(List.of(round(0, cpt(0.1, 0), cpt(0.5, 0))));

    assertThat(plan).allSatisfy(t -> assertThat(t.continues()).isEmpty());
    assertThat(LongestRuns.of(plan)).isEqualTo(plan);
  }
}
