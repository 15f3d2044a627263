package io.cmrsweep.orchestrator.launch.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossReader;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.fit.truth.SizeTruth;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedLauncherTest {
  @TempDir
  Path dir;

  private SweepSpec spec(String simulation) {
    return new SpecReader(dir).parse("""
        sweep: sim
        storage: {root: data}
        corpora: {domains: [legal]}
        models:
          - {label: m309m, dim: 1024, layers: 24, heads: 16, ffnDim: 2816, context: 1024}
        cpt: {ratios: [0.1, 0.3], tokens: 2B, batchSize: 64, evalTokens: [100000000, 500000000, 1000000000, 2000000000]}
        execution:
          backend: simulated
          simulation: %s
        """.formatted(simulation), "test");
  }

  private TrialSpecFactory factory(SweepSpec s) {
    return new TrialSpecFactory(s, SweepLayout.of(dir.resolve("data").toString(), s.sweep()));
  }

  private static PlannedTrial first(SweepSpec s, TrialKind kind) {
    return new TrialGrid().plan(s).stream().filter(t -> t.kind() == kind).findFirst().orElseThrow();
  }

  private static AttemptState await(SimulatedLauncher launcher, AttemptRef ref) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      for (AttemptState s : launcher.observe()) {
        if (s.ref().equals(ref) && !s.running()) {
          return s;
        }
      }
      launcher.awaitChange(Duration.ofMillis(50));
    }
    throw new AssertionError("attempt " + ref + " did not end");
  }

  @Test
  void aCptAttemptCommitsTheTruthsRecordsAtTheWorkersCheckpointsAndKeyAndTheReconcilerSeesThem() throws Exception {
    SweepSpec s = spec("{noise: 0}");
    PlannedTrial cell = first(s, TrialKind.CPT);
    TrialSpec trial = factory(s).create(cell, 1);
    try (SimulatedLauncher launcher = new SimulatedLauncher(s.execution().simulation(), new Configuration(), 2)) {
      launcher.launch(trial);
      assertThat(await(launcher, new AttemptRef(cell.id(), 1)).status()).isEqualTo(AttemptState.Status.EXITED_OK);
    }
    assertThat(new StorageResults(SweepLayout.of(dir.resolve("data").toString(), "sim"), new Configuration())
        .committed(cell)).isTrue();
    List<LossRecord> rows = new ParquetLossReader(new Configuration())
        .read(new org.apache.hadoop.fs.Path(trial.paths().lossFile()));
    int tps = 64 * 1024;
    // The base point, then the requested checkpoints rounded up to whole steps (the worker's schedule).
    assertThat(rows).extracting(LossRecord::tokens).containsExactly(0L, 1526L * tps, 7630L * tps, 15259L * tps,
        30518L * tps);
    SizeTruth truth = s.execution().simulation().truth().at(trial.model().parameterCount());
    long tMax = 30518L * tps;
    for (LossRecord r : rows) {
      double x = (double) r.tokens() / tMax;
      assertThat(r.generalLoss()).isEqualTo(truth.generalLoss(cell.ratio(), x));
      assertThat(r.domainLoss()).isEqualTo(truth.domainLoss(cell.ratio(), x));
      assertThat(r.trialId()).isEqualTo(cell.id());
      assertThat(r.modelParams()).isEqualTo(trial.model().parameterCount());
    }
    assertThat(rows.get(rows.size() - 1).generalLoss() - rows.get(0).generalLoss())
        .isCloseTo(truth.generalDelta(cell.ratio(), 1.0), within(1e-12));
  }

  @Test
  void aRunStoppedEarlyCommitsTheFullRunsCheckpointsUpToItsStopAndTheStopOnTheFullRunsLaws() throws Exception {
    SweepSpec s = spec("{noise: 0}");
    PlannedTrial full = first(s, TrialKind.CPT);
    int tps = 64 * 1024;
    PlannedTrial cell = new PlannedTrial(full.id() + "-t", TrialKind.CPT, full.model(), full.domain(), full.ratio(),
        full.seed(), full.dependsOn(), 10_000L * tps);
    TrialSpec trial = factory(s).create(cell, 1);
    try (SimulatedLauncher launcher = new SimulatedLauncher(s.execution().simulation(), new Configuration(), 2)) {
      launcher.launch(trial);
      assertThat(await(launcher, new AttemptRef(cell.id(), 1)).status()).isEqualTo(AttemptState.Status.EXITED_OK);
    }
    List<LossRecord> rows = new ParquetLossReader(new Configuration())
        .read(new org.apache.hadoop.fs.Path(trial.paths().lossFile()));
    assertThat(rows).extracting(LossRecord::tokens).containsExactly(0L, 1526L * tps, 7630L * tps, 10_000L * tps);
    SizeTruth truth = s.execution().simulation().truth().at(trial.model().parameterCount());
    long tMax = 30518L * tps;
    for (LossRecord r : rows) {
      assertThat(r.generalLoss()).isEqualTo(truth.generalLoss(cell.ratio(), (double) r.tokens() / tMax));
    }
  }

  @Test
  void aPretrainAttemptLeavesAMarkerThatSaysNothingWasTrainedAndCountsAsItsResult() throws Exception {
    SweepSpec s = spec("{}");
    PlannedTrial cell = first(s, TrialKind.PRETRAIN);
    TrialSpec trial = factory(s).create(cell, 1);
    try (SimulatedLauncher launcher = new SimulatedLauncher(s.execution().simulation(), new Configuration(), 1)) {
      launcher.launch(trial);
      assertThat(await(launcher, new AttemptRef(cell.id(), 1)).status()).isEqualTo(AttemptState.Status.EXITED_OK);
    }
    Path marker = Path.of(trial.paths().baseCheckpoint(), SimulatedTrialRun.MARKER);
    assertThat(Files.readString(marker)).contains("execution.backend=simulated trains nothing");
    assertThat(new StorageResults(SweepLayout.of(dir.resolve("data").toString(), "sim"), new Configuration())
        .committed(cell)).isTrue();
  }

  @Test
  void aReRunAttemptDrawsIdenticalNoiseAndAnotherSeedDoesNot() {
    SweepSpec s = spec("{noise: 1.0e-3, seed: 5}");
    TrialSpec trial = factory(s).create(first(s, TrialKind.CPT), 1);
    SimulatedTrialRun run = new SimulatedTrialRun(s.execution().simulation(), new Configuration());
    List<LossRecord> once = run.records(trial);
    assertThat(run.records(trial)).isEqualTo(once);
    assertThat(run.records(trial.withAttempt(2))).extracting(LossRecord::generalLoss)
        .containsExactlyElementsOf(once.stream().map(LossRecord::generalLoss).toList());
    SweepSpec other = spec("{noise: 1.0e-3, seed: 6}");
    assertThat(new SimulatedTrialRun(other.execution().simulation(), new Configuration()).records(trial))
        .extracting(LossRecord::generalLoss).doesNotContainAnyElementsOf(once.stream().skip(1)
            .map(LossRecord::generalLoss).toList());
  }

  @Test
  void withAFailureRateSomeAttemptsFailRetryablyWithoutCommittingAndTheDrawIsReproducible() throws Exception {
    SweepSpec s = spec("{failureRate: 0.5}");
    SimulatedTrialRun run = new SimulatedTrialRun(s.execution().simulation(), new Configuration());
    List<PlannedTrial> cells = new TrialGrid().plan(s);
    int failures = 0;
    int draws = 0;
    for (PlannedTrial c : cells) {
      for (int attempt = 1; attempt <= 20; attempt++) {
        TrialSpec.Identity id = factory(s).create(c, attempt).identity();
        boolean fails = run.failsOnPurpose(id);
        assertThat(run.failsOnPurpose(id)).isEqualTo(fails);
        failures += fails ? 1 : 0;
        draws++;
      }
    }
    assertThat((double) failures / draws).isBetween(0.3, 0.7);
    PlannedTrial cell = first(s, TrialKind.CPT);
    int attempt = 1;
    while (!run.failsOnPurpose(factory(s).create(cell, attempt).identity())) {
      attempt++;
    }
    TrialSpec failing = factory(s).create(cell, attempt);
    try (SimulatedLauncher launcher = new SimulatedLauncher(s.execution().simulation(), new Configuration(), 1)) {
      launcher.launch(failing);
      AttemptState state = await(launcher, new AttemptRef(cell.id(), attempt));
      assertThat(state.status()).isEqualTo(AttemptState.Status.FAILED);
      assertThat(state.failure().orElseThrow().reason()).contains("execution.simulation.failureRate");
    }
    assertThat(Path.of(failing.paths().lossFile())).doesNotExist();
  }
}
