package io.cmrsweep.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.loss.InputList;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec edits between runs of a sweep, through the real coordinator and fake-fast worker processes: every
 * artifact is addressed by the identity of what produced it, and fit, report and status see exactly the
 * current spec's cells unless asked otherwise.
 */
class SpecEditsIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models: [{label: a, dim: 32, layers: 2, heads: 4, ffnDim: 128}]
      cpt: {ratios: [0.1, 0.3], tokens: 1000, checkpoints: 4}
      """;

  @TempDir
  Path dir;

  @Test
  void aModelChangedUnderTheSameLabelPretrainsANewBaseAndItsCptCellsRunOnIt() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    Cmr.Result first = Cmr.run(dir, "sweep", sweep.spec().toString());
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    PlannedTrial oldBase = sweep.plan().get(0);

    sweep.edit(s -> s.replace("dim: 32", "dim: 48"));
    Cmr.Result second = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(second.code()).as(second.out() + second.err()).isZero();
    List<PlannedTrial> plan = sweep.plan();
    PlannedTrial newBase = plan.get(0);
    assertThat(newBase.id()).isNotEqualTo(oldBase.id());
    TrialRecord pretrain = sweep.record(newBase.id());
    assertThat(pretrain.phase()).isEqualTo(TrialPhase.SUCCEEDED);
    assertThat(pretrain.attempt()).as("the new base was trained, not found in storage").isEqualTo(1);
    assertThat(sweep.starts(newBase.id())).isEqualTo(1);
    Path base = sweep.sweepDir().resolve("checkpoints/a/" + newBase.id() + "/base/model.txt");
    assertThat(Files.readAllLines(base)).first().asString().startsWith(newBase.id() + " attempt 1");
    assertThat(sweep.sweepDir().resolve("checkpoints/a/" + oldBase.id() + "/base/model.txt")).exists();
    for (PlannedTrial t : plan.stream().filter(t -> t.kind() == TrialKind.CPT).toList()) {
      assertThat(sweep.record(t.id()).phase()).as(t.id()).isEqualTo(TrialPhase.SUCCEEDED);
      assertThat(sweep.starts(t.id())).as("the CPT cell of the new base ran on it").isEqualTo(1);
    }
    assertThat(sweep.violations()).isEmpty();
    assertThat(second.out()).contains("note: storage holds 2 loss file(s) and 1 base checkpoint(s) of cells no"
        + " longer in this spec");
  }

  @Test
  void aReplacedRatioLeavesTheFitInputAndIsListedAsAnOrphanUntilAskedFor() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    assertThat(Cmr.run(dir, "sweep", sweep.spec().toString()).code()).isZero();
    List<String> stale = sweep.plan().stream().filter(t -> t.ratio() == 0.3).map(PlannedTrial::id).toList();
    assertThat(stale).hasSize(1);

    sweep.edit(s -> s.replace("[0.1, 0.3]", "[0.1, 0.2]"));
    Cmr.Result plan = Cmr.run(dir, "plan", sweep.spec().toString());
    Cmr.Result run = Cmr.run(dir, "sweep", sweep.spec().toString());
    Cmr.Result fit = Cmr.run(dir, "fit", sweep.spec().toString(), "--dry-run");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    List<String> current = sweep.plan().stream().filter(t -> t.kind() == TrialKind.CPT).map(PlannedTrial::id).toList();
    assertThat(listed(sweep)).as("the input list cmr sweep leaves for a fit without the coordinator")
        .hasSize(2).noneMatch(f -> f.contains(stale.get(0)))
        .allSatisfy(f -> assertThat(current).anySatisfy(id -> assertThat(f).endsWith("/" + id + ".parquet")));
    assertThat(plan.out()).contains("note: storage holds 1 loss file(s) and 0 base checkpoint(s) of cells no longer in"
        + " this spec (orphans; fit and report leave them out): cmr status " + sweep.spec() + " lists them");
    assertThat(fit.code()).as(fit.out() + fit.err()).isZero();
    assertThat(fit.out()).contains("fit input: 2 loss file(s) of the current spec's 2 CPT cell(s); 1 orphan loss"
        + " file(s)").contains("--input-list " + sweep.sweepDir().resolve("fits/inputs.txt"));
    List<String> listed = listed(sweep);
    assertThat(listed).hasSize(2).allSatisfy(f -> assertThat(current).anySatisfy(id -> assertThat(f).endsWith(
        "/" + id + ".parquet")));
    assertThat(listed).noneMatch(f -> f.contains(stale.get(0)));
    assertThat(sweep.lossFiles()).hasSize(3);

    Cmr.Result status = Cmr.run(dir, "status", sweep.spec().toString());
    assertThat(status.out()).contains("orphans: storage holds 1 loss file(s) and 0 base checkpoint(s)")
        .containsPattern("loss file +" + stale.get(0) + " +" + sweep.sweepDir() + "/losses/domain=legal/model=a/"
            + stale.get(0) + ".parquet");
    Cmr.Result all = Cmr.run(dir, "status", sweep.spec().toString(), "--include-orphans");
    assertThat(all.out()).contains("ledger rows of 1 cell(s) no longer in the spec:").contains(stale.get(0));

    Cmr.Result everything = Cmr.run(dir, "fit", sweep.spec().toString(), "--dry-run", "--include-orphans");
    assertThat(everything.out()).contains("fit input: 3 loss file(s), every one in storage");
    assertThat(listed(sweep)).hasSize(3).anyMatch(f -> f.contains(stale.get(0)));
  }

  private static List<String> listed(FakeSweep sweep) {
    return new InputList(new Configuration()).read(new org.apache.hadoop.fs.Path(
        sweep.sweepDir().resolve("fits/inputs.txt").toUri())).stream().map(p -> p.toUri().getPath()).toList();
  }
}
