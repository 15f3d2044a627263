package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.testing.Cmr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmrCommandsTest {
  @TempDir
  Path work;

  private static Path quickstart() {
    Path p = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
    return Files.exists(p) ? p : Path.of("examples", "quickstart.yaml").toAbsolutePath();
  }

  @Test
  void planPrintsTheQuickstartGridWithoutStartingAnything() {
    Cmr.Result r = Cmr.run(work, "plan", quickstart().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep quickstart: 38 trials (2 pretrain, 36 CPT)")
        .contains("cpt-s117k-legal-r0.1-s1-").contains("pt-s357k-");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void statusOfASweepThatNeverRanSaysSoAndCreatesNoLedger() {
    Cmr.Result r = Cmr.run(work, "status", quickstart().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("not started yet").contains("38 trials planned");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void statusLeadsEachFittedGroupWithTheFitsConclusion() {
    String conclusion = "The tolerance bound decides: CMR <= 51.8 % (95 %: 47.9-61.8 %); these runs do not"
        + " identify the CMR law, which could place the CMR lower.";
    CmrRow row = new CmrRow("quickstart", "legal", "s117k", 117056, 0.518, 0.479, 0.618, 0.95, 400, 10, "",
        1e5, 1000, 0.05, 0.518, "ok", "", false, CmrAnswer.UPPER_BOUND, Binding.SUP_A, conclusion, 0.479, 0.618,
        0.9, Double.NaN, Double.NaN, 0.8, 0.175, 0.0, 1, io.cmrsweep.core.fit.Resampling.WILD, 1.0, List.of(),
        List.of(), 2.5, 3.1, List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Double.NaN, List.of(),
        Double.NaN, List.of(), Double.NaN, 0, 0, 0, 0, 0, "", "");
    org.apache.hadoop.fs.Path fits = new org.apache.hadoop.fs.Path(work.resolve("cmr-data/quickstart/fits").toUri());
    new FitOutputs(new Configuration()).write(fits, FitTable.CMR, List.of(row));

    Cmr.Result r = Cmr.run(work, "status", quickstart().toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("  legal/s117k: " + conclusion);
  }

  @Test
  void fitDryRunPrintsTheSparkSubmitCommand() {
    Cmr.Result r = Cmr.run(work, "fit", quickstart().toString(), "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("bin/spark-submit --master local[2]")
        .contains("--input-list " + work.resolve("cmr-data/quickstart/fits/inputs.txt")).contains("--bootstrap 400")
        .contains("fit input: 0 loss file(s) of the current spec's 36 CPT cell(s)");
  }

  @Test
  void aStoppedRunStaysInTheFitInputUntilTheRunContinuingItHasCommitted() {
    Path spec = quickstart().resolveSibling("adaptive.yaml");
    List<PlannedTrial> grid = new TrialGrid().plan(new SpecReader().read(spec));
    var stopped = grid.stream().filter(t -> t.model().equals("s117k") && t.ratio() == 0.1 && t.seed() == 1
        && t.stopTokens() > 0).findFirst().orElseThrow();
    var full = grid.stream().filter(t -> t.model().equals("s117k") && t.ratio() == 0.1 && t.seed() == 1
        && t.stopTokens() == 0).findFirst().orElseThrow().continuing(stopped.id());
    var layout = SweepLayout.of(work.resolve("cmr-data").toString(), "adaptive");
    try (var ledger = Ledgers.open(work.resolve("cmr-data/adaptive/ledger.db").toString())) {
      ledger.register(List.of(stopped, full), Instant.EPOCH);
    }
    commitLosses(layout, stopped);

    Cmr.Result before = Cmr.run(work, "fit", spec.toString(), "--dry-run");

    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out()).contains("fit input: 1 loss file(s) of the current spec's 96 CPT cell(s), listed in");
    commitLosses(layout, full);

    Cmr.Result after = Cmr.run(work, "fit", spec.toString(), "--dry-run");

    assertThat(after.out()).contains("fit input: 1 loss file(s) of the current spec's 96 CPT cell(s); 1 of runs"
        + " stopped early and since continued left out");
  }

  private static void commitLosses(SweepLayout layout, PlannedTrial t) {
    List<LossRecord> rows = List.of(
        new LossRecord("adaptive", t.id(), t.domain(), t.model(), 117056, t.ratio(), t.seed(),
            0, 0, 3.0, 4.0, 1),
        new LossRecord("adaptive", t.id(), t.domain(), t.model(), 117056, t.ratio(), t.seed(),
            2, 4096, 3.01, 3.9, 1));
    new ParquetLossWriter(new Configuration()).write(
        layout.lossFile(t.domain(), t.model(), t.id()), rows);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Cmr.run(work, "sweep").code()).isEqualTo(2);
    assertThat(Cmr.run(work, "frobnicate").code()).isEqualTo(2);
    Cmr.Result missing = Cmr.run(work, "status", "no-such-sweep");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no-such-sweep");
  }

  @Test
  void cancelWaitsForADurationWrittenAsTheSpecWritesThem() {
    Cmr.Result r = Cmr.run(work, "cancel", quickstart().toString(), "--wait", "500ms");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep quickstart cancelled");
  }

  @Test
  void aBadDurationExitsWithTwoNamingTheOptionTheValueAndTheAcceptedForms() {
    Cmr.Result r = Cmr.run(work, "cancel", quickstart().toString(), "--wait", "5x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid value for option '--wait': '5x' is not a duration; use 500ms, 30s, 5m, 2h"
        + " or ISO-8601 such as PT30S").doesNotContain("\tat ");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void aSpecOverOneMegabyteIsRefusedBeforeAnythingIsCopiedIntoStorage() throws Exception {
    Path big = work.resolve("big.yaml");
    Files.writeString(big, Files.readString(quickstart()) + "#".repeat(1 << 20)); // storage.root: ./cmr-data
    Cmr.Result r = Cmr.run(work, "sweep", big.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(big + ": 1 problem(s)").contains("more than the maximum of 1048576 (1 MiB)")
        .doesNotContain("\tat ");
    assertThat(work).as("no storage, no copy of the spec").isDirectoryContaining(p -> p.equals(big))
        .isDirectoryNotContaining(p -> !p.equals(big));
  }
}
