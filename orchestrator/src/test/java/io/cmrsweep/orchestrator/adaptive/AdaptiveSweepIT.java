package io.cmrsweep.orchestrator.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.testing.FakeWorker;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adaptive sweep through the real {@code cmr sweep}: fake worker processes write losses from a known truth
 * (CMR 0.4 at every size, noise 3e-5), the coordinator fits between rounds and stops at the target.
 */
class AdaptiveSweepIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models:
        - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}
      cpt: {ratios: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7], tokens: 24000, checkpoints: 24}
      seeds: [1, 2, 3]
      adaptive: {targetWidth: 0.012, budget: {trials: 18}, batch: 2, initialRatios: 4, replicates: 30}
      """;

  @TempDir
  Path dir;

  @Test
  void anAdaptiveSweepStopsAtTheTargetWithFewerTrialsThanTheGridAndItsIntervalCoversTheTruth() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 3);
    Files.writeString(dir.resolve("fake/control/truth"), "3e-5");
    long grid = sweep.plan().stream().filter(t -> t.kind() == TrialKind.CPT).count();

    Cmr.Result plan = Cmr.run(dir, "plan", sweep.spec().toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("initial design (round 0): 4 cell(s)").contains("budget of 18 trials");

    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());
    System.out.println(run.out());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("TARGET_REACHED");

    List<TrialRecord> ledger = sweep.ledger();
    long ran = ledger.stream().filter(r -> r.trial().kind() == TrialKind.CPT).count();
    assertThat(ledger).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
    assertThat(ran).as("CPT trials run of a grid of " + grid).isLessThan(grid).isGreaterThanOrEqualTo(4);
    try (Ledger l = Ledgers.open(sweep.sweepDir().resolve("ledger.db").toString())) {
      List<Round> rounds = l.rounds();
      assertThat(rounds.size()).as("the initial design, at least one chosen round, the stop").isGreaterThanOrEqualTo(3);
      assertThat(rounds.stream().mapToLong(r -> r.chosen().size()).sum()).isEqualTo(ran);
      Round last = rounds.get(rounds.size() - 1);
      assertThat(last.outcome()).isEqualTo("TARGET_REACHED");
      assertThat(last.widths()).singleElement().satisfies(w -> {
        assertThat(w.width()).isLessThanOrEqualTo(0.012);
        assertThat(FakeWorker.TRUE_CMR).as("the interval covers the true CMR").isBetween(w.low(), w.high());
      });
    }
    Cmr.Result status = Cmr.run(dir, "status", sweep.spec().toString());
    assertThat(status.out()).contains("adaptive rounds:").contains("round 0 (CONTINUE)")
        .contains("stopped after round").contains("candidate cell(s) not chosen");
  }

  @Test
  void aSpecEditedUnderAnAdaptiveSweepSoThatAChosenTrialDisappearsIsRefusedWithExitTwoAndTheLedgerUnchanged()
      throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 3);
    Files.writeString(dir.resolve("fake/control/truth"), "3e-5");
    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    List<TrialRecord> before = sweep.ledger();
    List<Round> roundsBefore;
    try (Ledger l = Ledgers.open(sweep.sweepDir().resolve("ledger.db").toString())) {
      roundsBefore = l.rounds();
    }
    // Round 0 runs the first seed; dropping it from the spec orphans the cells already chosen.
    Files.writeString(sweep.spec(), Files.readString(sweep.spec()).replace("seeds: [1, 2, 3]", "seeds: [2, 3]"));

    Cmr.Result edited = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(edited.code()).as(edited.out() + edited.err()).isEqualTo(2);
    assertThat(edited.err()).contains("seeds").contains("no longer plans").contains("restore")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(sweep.ledger()).isEqualTo(before);
    assertThat(Files.readString(sweep.sweepDir().resolve("sweep.yaml"))).as("the spec kept beside the ledger")
        .contains("seeds: [1, 2, 3]");
    try (Ledger l = Ledgers.open(sweep.sweepDir().resolve("ledger.db").toString())) {
      assertThat(l.rounds()).isEqualTo(roundsBefore);
    }
  }

  @Test
  void anAdaptiveSweepWithShorterTokenBudgetsStopsRunsEarlyOnlyBelowTheCriticalPointAndContinuesThemOnlyByValue()
      throws Exception {
    // true T0 / T_max: 0.06 at r=0.1, 0.14 at 0.15, 0.25 at 0.2, 1.56 at 0.5: the initial design stops its lowest
    // ratio, 0.1, at half the budget, and it sees its critical point there; a half run at 0.3 or above would not
    FakeSweep sweep = halfRunSweep("[0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]");

    Cmr.Result plan = Cmr.run(dir, "plan", sweep.spec().toString());
    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(plan.out()).contains("48 CPT cells").contains("or stopped early at [0.5]").contains("CPT TOKENS")
        .containsPattern("-t0\\.5-\\w+ +CPT .* 12000 ");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    List<TrialRecord> cpt = sweep.ledger().stream().filter(r -> r.trial().kind() == TrialKind.CPT).toList();
    assertThat(cpt).filteredOn(r -> r.trial().stopTokens() == 0).hasSizeGreaterThanOrEqualTo(4);
    for (TrialRecord r : cpt) {
      var rows = sweep.losses(r.trial());
      long stop = r.trial().stopTokens() == 0 ? 24000 : r.trial().stopTokens();
      assertThat(rows.get(rows.size() - 1).tokens()).as(r.trial().id()).isEqualTo(stop);
      if (r.trial().stopTokens() > 0) {
        assertThat(r.trial().stopTokens()).isEqualTo(12000);
        assertThat(r.trial().ratio()).as("stopped early only below the critical point").isLessThan(0.2);
        cpt.stream().filter(c -> c.trial().continues().equals(r.trial().id())).forEach(c ->
            assertThat(run.out()).as("a run that saw its critical point is continued only where that pays")
                .contains("continue the run at ratio " + r.trial().ratio() + " seed " + r.trial().seed()
                    + " from 0.50 to the full budget: the run continued along its fitted laws scales the interval by")
                .doesNotContain("extend the run at ratio " + r.trial().ratio() + " seed " + r.trial().seed()));
      }
    }
    // the Spark fit takes the stopped run with the full ones (T_max stays cpt.tokens); the report tells the rounds
    Cmr.Result fit = Cmr.run(dir, "fit", sweep.spec().toString());
    assertThat(fit.code()).as(fit.out() + fit.err()).isZero();
    String report = Files.readString(sweep.sweepDir().resolve("report/report.md"));
    assertThat(report).contains("## Adaptive design").contains(" stopped early)")
        .contains("r=0.100 seed 1 to 12.0k tokens").contains("TARGET_REACHED").contains("T_max = 24.0k tokens");
    assertThat(sweep.sweepDir().resolve("report/charts/adaptive-widths.svg")).isRegularFile();
  }

  @Test
  void anAdaptiveSweepWithShorterTokenBudgetsStopsRunsEarlyAndContinuesThoseThatStoppedBeforeTheirCriticalPoint()
      throws Exception {
    // true T0 / T_max: 0.56 at r=0.3, 1.0 at 0.4, 1.56 at 0.5 (CMR 0.4). The initial design stops its lowest ratio,
    // 0.3, at half the budget, before its critical point: the next round continues it to the full budget
    FakeSweep sweep = halfRunSweep("[0.3, 0.35, 0.4, 0.5, 0.6, 0.7]");

    Cmr.Result plan = Cmr.run(dir, "plan", sweep.spec().toString());
    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(plan.out()).contains("36 CPT cells").contains("or stopped early at [0.5]").contains("CPT TOKENS")
        .containsPattern("-t0\\.5-\\w+ +CPT .* 12000 ");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("extend the run at ratio 0.3 seed 1, stopped at 0.50 of the token budget before"
        + " its critical point, to 1.00");
    List<TrialRecord> cpt = sweep.ledger().stream().filter(r -> r.trial().kind() == TrialKind.CPT).toList();
    Map<String, TrialRecord> byId = cpt.stream().collect(Collectors.toMap(r -> r.trial().id(), r -> r));
    List<TrialRecord> continuing = cpt.stream().filter(r -> r.trial().continuesAnother()).toList();
    assertThat(continuing).as("the run stopped before its critical point, continued").isNotEmpty();
    for (TrialRecord c : continuing) {
      TrialRecord stopped = byId.get(c.trial().continues());
      assertThat(stopped.trial().stopTokens()).isEqualTo(12000);
      assertThat(stopped.trial().ratio()).isEqualTo(c.trial().ratio());
      assertThat(stopped.trial().seed()).isEqualTo(c.trial().seed());
      assertThat(sweep.journal())
          .contains("continue " + c.trial().id() + " from " + stopped.trial().id() + " at 12000");
    }
    for (TrialRecord r : cpt) {
      var rows = sweep.losses(r.trial());
      long stop = r.trial().stopTokens() == 0 ? 24000 : r.trial().stopTokens();
      assertThat(rows.get(rows.size() - 1).tokens()).as(r.trial().id()).isEqualTo(stop);
      if (r.trial().stopTokens() > 0) {
        assertThat(continuing).as("no half run here sees its critical point: each is continued")
            .anyMatch(c -> c.trial().continues().equals(r.trial().id()));
      }
    }
    assertThat(sweep.violations()).isEmpty();
    // the Spark fit reads the continued runs, not the runs they continue; T_max stays cpt.tokens; the report tells
    Cmr.Result fit = Cmr.run(dir, "fit", sweep.spec().toString());
    assertThat(fit.code()).as(fit.out() + fit.err()).isZero();
    assertThat(fit.out()).contains("fit input: " + (cpt.size() - continuing.size()) + " loss file(s) of the current"
        + " spec's 36 CPT cell(s); " + continuing.size() + " of runs stopped early and since continued left out");
    String report = Files.readString(sweep.sweepDir().resolve("report/report.md"));
    assertThat(report).contains("## Adaptive design").contains("continuing a run stopped early)")
        .contains("r=0.300 seed 1 to 12.0k tokens").contains("r=0.300 seed 1 continued to 24.0k tokens (12.0k more)")
        .contains("TARGET_REACHED").contains("T_max = 24.0k tokens");
    assertThat(sweep.sweepDir().resolve("report/charts/adaptive-widths.svg")).isRegularFile();
  }

  /**
   * A sweep over {@code ratios} that may stop runs at half the budget, on the fake worker's truth at noise 3e-5, with
   * a real Spark fit (local mode) for cmr fit.
   */
  private FakeSweep halfRunSweep(String ratios) throws Exception {
    Path repo = Path.of("").toAbsolutePath().getParent();
    String grid = GRID.replace("[0.2, 0.3, 0.4, 0.5, 0.6, 0.7]", ratios)
        .replace("replicates: 30}", "replicates: 30, stopAt: [0.5]}").replace("trials: 18", "trials: 24")
        + "fit: {bootstrap: 40, master: 'local[2]', submit: ['" + repo.resolve("bin/spark-submit") + "'], jar: '"
        + repo.resolve("fit-job/target/fit-job.jar") + "'}\n";
    FakeSweep sweep = new FakeSweep(dir, grid, 2, 3);
    Files.writeString(dir.resolve("fake/control/truth"), "3e-5");
    return sweep;
  }

  @Test
  void anAdaptiveSweepAimedAtAPredictedSizeChoosesEveryCellForThePredictionAndStopsWhenTheBudgetIsSpent()
      throws Exception {
    // Two sizes (about 3.3M and 13M parameters; the fake worker trains nothing), the CMR asked at 6M between them.
    String grid = """
        corpora: {domains: [legal]}
        models:
          - {label: a, dim: 256, layers: 4, heads: 4, ffnDim: 688}
          - {label: b, dim: 512, layers: 4, heads: 8, ffnDim: 1376}
        cpt: {ratios: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7], tokens: 24000, checkpoints: 24}
        seeds: [1, 2, 3]
        fit: {predictParams: [6.0e6]}
        adaptive: {targetWidth: 0.005, target: predicted, budget: {trials: 16}, batch: 3, initialRatios: 4,
                   replicates: 30}
        """;
    FakeSweep sweep = new FakeSweep(dir, grid, 2, 3);
    Files.writeString(dir.resolve("fake/control/truth"), "3e-5");

    Cmr.Result plan = Cmr.run(dir, "plan", sweep.spec().toString());
    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(plan.out()).contains("the interval of the CMR predicted at [6000000] parameters");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    try (Ledger l = Ledgers.open(sweep.sweepDir().resolve("ledger.db").toString())) {
      List<Round> rounds = l.rounds();
      assertThat(rounds.get(0).reason()).contains("target width 0.005 of the CMR predicted at [6000000] parameters");
      Round last = rounds.get(rounds.size() - 1);
      assertThat(last.outcome()).isEqualTo("BUDGET_SPENT");
      assertThat(last.reason()).contains("target 0.0050 not reached (legal@6.00e+06 width");
      assertThat(last.widths()).filteredOn(w -> w.group().equals("legal@6.00e+06")).singleElement().satisfies(w ->
          assertThat(FakeWorker.TRUE_CMR).as("the prediction covers the CMR, the same at every size")
              .isBetween(w.low(), w.high()));
      assertThat(rounds.subList(1, rounds.size() - 1)).flatExtracting(Round::chosen).isNotEmpty()
          .allSatisfy(c -> assertThat(c.reason()).contains("expected width of legal@6.00e+06"));
      long ran = sweep.ledger().stream().filter(r -> r.trial().kind() == TrialKind.CPT).count();
      assertThat(ran).as("CPT trials: the budget, of a grid of 36").isEqualTo(16);
    }
  }
}
