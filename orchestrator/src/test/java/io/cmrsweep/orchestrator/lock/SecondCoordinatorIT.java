package io.cmrsweep.orchestrator.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cmrsweep.orchestrator.cli.CmrMain;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running coordinator process and a second one on the same sweep and storage root. */
class SecondCoordinatorIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models: [{label: a, dim: 32, layers: 2, heads: 4, ffnDim: 128}]
      cpt: {ratios: [0.1, 0.2, 0.3], tokens: 1000, checkpoints: 4}
      """;

  @TempDir
  Path dir;

  private Process coordinator(FakeSweep sweep) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CmrMain.class.getName(), "sweep", sweep.spec().toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
  }

  @Test
  void aSecondCoordinatorWithAnotherLedgerExitsWithOneNamingTheHolderAndLeavesTheFirstsWorkersAlone()
      throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 3);
    sweep.defaultControl("sleep=1500");
    Path other = dir.resolve("other.yaml");
    Files.writeString(other, Files.readString(sweep.spec()).replace("storage: {root: data}",
        "storage: {root: data, ledger: other-ledger.db}"));
    Process first = coordinator(sweep);
    await().atMost(Duration.ofSeconds(60)).until(() -> !sweep.journal().isEmpty());

    Cmr.Result second = Cmr.run(dir, "sweep", other.toString());

    assertThat(second.code()).as(second.out() + second.err()).isEqualTo(1);
    assertThat(second.err()).contains("another coordinator is running sweep fake: pid " + first.pid())
        .contains("(ledger " + sweep.sweepDir().resolve("ledger.db") + ")")
        .contains("holds " + sweep.sweepDir().resolve(".coordinator.lock"))
        .doesNotContain("\tat ");
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
    assertThat(sweep.violations()).isEmpty();
    for (PlannedTrial t : sweep.plan()) {
      assertThat(sweep.starts(t.id())).as("starts of " + t.id()).isEqualTo(1);
    }
    assertThat(sweep.ledger()).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("first.log"))).doesNotContain("stray");
    assertThat(dir.resolve("other-ledger.db")).as("the refused coordinator opened no ledger").doesNotExist();
  }

  @Test
  void cancelStillStopsARunningCoordinator() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 3);
    // long enough trials (about 30 s for the sweep) that the cancel, a JVM of its own, lands while it runs even on a
    // loaded machine (with 3 s trials the sweep once finished first)
    sweep.defaultControl("sleep=8000");
    Process first = coordinator(sweep);
    await().atMost(Duration.ofSeconds(60)).until(() -> !sweep.journal().isEmpty());

    Cmr.Result cancel = Cmr.run(dir, "cancel", sweep.spec().toString(), "--wait", "60s");

    assertThat(cancel.code()).as(cancel.out() + cancel.err()).isZero();
    assertThat(cancel.out()).contains("sweep fake cancelled");
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isEqualTo(3);
  }
}
