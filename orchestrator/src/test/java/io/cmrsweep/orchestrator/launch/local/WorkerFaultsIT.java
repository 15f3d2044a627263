package io.cmrsweep.orchestrator.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker processes that crash, get killed or reject their spec, under the real coordinator. */
class WorkerFaultsIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
      cpt: {ratios: [0.1, 0.2, 0.3, 0.4], tokens: 1000, checkpoints: 4}
      """;

  @TempDir
  Path dir;

  @Test
  void killedWorkersAreRetriedBadSpecsFailAtOnceAndRetryRerunsExactlyTheFailedCells() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 3, 2);
    List<PlannedTrial> plan = sweep.plan();
    String pretrain = plan.get(0).id();
    List<String> cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).map(PlannedTrial::id).toList();
    String killed = cpt.get(0);
    String badSpec = cpt.get(1);
    String crashing = cpt.get(2);
    String healthy = cpt.get(3);
    sweep.control(killed, "kill-until=1");
    sweep.control(badSpec, "exit=2");
    sweep.control(crashing, "crash-until=99");

    Cmr.Result first = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
    TrialRecord k = sweep.record(killed);
    assertThat(k.phase()).isEqualTo(TrialPhase.SUCCEEDED);
    assertThat(k.attempt()).isEqualTo(2);
    assertThat(k.lastError()).contains("killed by signal 9");
    TrialRecord b = sweep.record(badSpec);
    assertThat(b.phase()).isEqualTo(TrialPhase.FAILED);
    assertThat(b.lastError()).contains("bad spec (worker exit code 2)");
    assertThat(sweep.starts(badSpec)).as("a bad spec is not retried").isEqualTo(1);
    TrialRecord c = sweep.record(crashing);
    assertThat(c.phase()).isEqualTo(TrialPhase.FAILED);
    assertThat(c.lastError()).contains("retry budget of 2 attempts used up").contains("exit code 1")
        .as("the worker's own reason reaches the ledger").contains("crashed (worker exit code 1): fake crash in attempt 2");
    assertThat(sweep.starts(crashing)).isEqualTo(2);
    assertThat(sweep.record(healthy).phase()).isEqualTo(TrialPhase.SUCCEEDED);
    assertThat(first.out()).contains("FAILED " + badSpec).contains("FAILED " + crashing).contains("cmr retry");

    Cmr.Result status = Cmr.run(dir, "status", sweep.sweepDir().toString());
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains(badSpec).contains("bad spec").contains("3/5 succeeded").contains("2 failed");

    sweep.control(badSpec, "");
    sweep.control(crashing, "");
    Cmr.Result retry = Cmr.run(dir, "retry", sweep.spec().toString());

    assertThat(retry.code()).as(retry.out() + retry.err()).isZero();
    assertThat(sweep.ledger()).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
    assertThat(sweep.starts(badSpec)).isEqualTo(2);
    assertThat(sweep.starts(crashing)).isEqualTo(3);
    assertThat(sweep.starts(killed)).as("succeeded cells are not re-run").isEqualTo(2);
    assertThat(sweep.starts(healthy)).isEqualTo(1);
    assertThat(sweep.starts(pretrain)).isEqualTo(1);
    assertThat(sweep.lossFiles()).hasSize(4);
    assertThat(sweep.violations()).isEmpty();
    assertThat(dir.resolve("data/fake/logs").resolve(badSpec).resolve("attempt-1.log")).exists();
  }

  /**
   * Tests run as root, which ignores permission bits: the losses directory is made unwritable for anyone
   * by a regular file where it must be (chattr +i would need CAP_LINUX_IMMUTABLE, which CI may lack).
   */
  @Test
  void aLossesDirectoryThatCannotBeWrittenFailsEachCellOnceWithItsReasonAndRetryRunsThemOnceFixed() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 3);
    List<PlannedTrial> plan = sweep.plan();
    List<String> cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).map(PlannedTrial::id).toList();
    Path losses = java.nio.file.Files.createDirectories(sweep.sweepDir()).resolve("losses");
    java.nio.file.Files.writeString(losses, "a file where the losses directory must be");

    Cmr.Result first = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(sweep.record(plan.get(0).id()).phase()).isEqualTo(TrialPhase.SUCCEEDED);
    for (String id : cpt) {
      TrialRecord r = sweep.record(id);
      assertThat(r.phase()).isEqualTo(TrialPhase.FAILED);
      assertThat(sweep.starts(id)).as("a permanent fault is not retried: " + id).isEqualTo(1);
      assertThat(r.lastError()).startsWith("attempt 1: storage not writable (worker exit code 4): paths.lossFile:"
          + " cannot write to " + losses).contains("Not a directory");
    }
    Cmr.Result status = Cmr.run(dir, "status", sweep.spec().toString());
    assertThat(status.out()).contains("storage not writable (worker exit code 4)").contains("Not a directory")
        .contains("4 failed");

    java.nio.file.Files.delete(losses);
    Cmr.Result retry = Cmr.run(dir, "retry", sweep.spec().toString());

    assertThat(retry.code()).as(retry.out() + retry.err()).isZero();
    assertThat(sweep.lossFiles()).hasSize(4);
    assertThat(sweep.violations()).isEmpty();
  }

  /** Read from /proc: ProcessHandle.Info drops command lines longer than a page (our long class path). */
  private static String cmdline(ProcessHandle h) {
    try {
      return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void cancelStopsRunningWorkersRetryFailedLeavesThemAndTheNextSweepResumesOnlyWhatIsLeft() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    sweep.defaultControl("hang");
    String pretrain = sweep.plan().get(0).id();
    sweep.control(pretrain, "");
    java.util.concurrent.atomic.AtomicReference<Cmr.Result> swept = new java.util.concurrent.atomic.AtomicReference<>();
    Thread coordinator = new Thread(() -> swept.set(Cmr.run(dir, "sweep", sweep.spec().toString())));
    coordinator.start();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> sweep.journal().stream().filter(l -> l.startsWith("start cpt-")).count() >= 2);

    Cmr.Result cancel = Cmr.run(dir, "cancel", sweep.spec().toString());

    assertThat(cancel.code()).as(cancel.err() + " coordinator: " + swept.get() + " at "
        + java.util.Arrays.toString(coordinator.getStackTrace())).isZero();
    coordinator.join(30_000);
    assertThat(coordinator.isAlive()).isFalse();
    assertThat(swept.get().code()).as(swept.get().out() + swept.get().err()).isEqualTo(3);
    assertThat(sweep.ledger().stream().filter(r -> r.trial().kind() == TrialKind.CPT))
        .extracting(TrialRecord::phase).containsOnly(TrialPhase.CANCELLED);
    assertThat(ProcessHandle.allProcesses().filter(h -> cmdline(h).contains(dir + "/data/fake/logs/cpt-")))
        .as("no worker left running").isEmpty();

    sweep.defaultControl("");
    long startsBefore = sweep.journal().stream().filter(l -> l.startsWith("start ")).count();
    Cmr.Result failedOnly = Cmr.run(dir, "retry", sweep.spec().toString(), "--failed");
    assertThat(failedOnly.code()).as(failedOnly.out() + failedOnly.err()).isEqualTo(3);
    assertThat(failedOnly.out()).contains("cancelled and left as they are");
    assertThat(sweep.ledger().stream().filter(r -> r.trial().kind() == TrialKind.CPT))
        .as("retry --failed leaves cancelled cells cancelled").extracting(TrialRecord::phase)
        .containsOnly(TrialPhase.CANCELLED);
    assertThat(sweep.journal().stream().filter(l -> l.startsWith("start ")).count()).isEqualTo(startsBefore);

    Cmr.Result resumed = Cmr.run(dir, "sweep", sweep.spec().toString());
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(sweep.starts(pretrain)).isEqualTo(1);
    assertThat(sweep.lossFiles()).hasSize(4);
    assertThat(sweep.violations()).isEmpty();
  }
}
