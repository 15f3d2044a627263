package io.cmrsweep.orchestrator.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.fit.adaptive.AdaptivePlanner;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.reconcile.Decider;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume of an adaptive sweep: the coordinator (ledger, reconciler, planner, in this JVM) is killed right
 * after every single ledger write of a reference sweep in turn (cells registered, a trial moved, a round
 * recorded) and a fresh coordinator resumes it. Every resumed sweep must record exactly the reference's rounds
 * (same cells, gains, reasons and stop), and no trial may be launched before a recorded round chose it or after
 * its result was committed.
 */
class AdaptiveResumeIT {
  private static final double NOISE = 3e-5;

  @TempDir
  Path dir;

  private record Run(List<Round> rounds, int writes, List<String> violations, List<String> launches) {}

  private static String spec(Path root) {
    return "sweep: resume\n"
        + "storage: {root: '" + root + "'}\n"
        + "corpora: {domains: [legal]}\n"
        + "models:\n  - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}\n"
        + "cpt: {ratios: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7], tokens: 24000, checkpoints: 24}\n"
        + "seeds: [1, 2]\n"
        + "adaptive: {targetWidth: 0.005, budget: {trials: 9}, batch: 2, initialRatios: 4, replicates: 10}\n";
  }

  /** One coordinator life on the sweep in {@code root}: runs until done, or until the crashAt-th write. */
  private Run live(Path root, int crashAt, List<String> violations, List<String> launches) {
    SweepSpec spec = new SpecReader(root).parse(spec(root), "resume.yaml");
    SweepLayout layout = SweepLayout.of(root.toString(), spec.sweep());
    var grid = new TrialGrid().plan(spec);
    Clock clock = Clock.systemUTC();
    try (CrashingLedger ledger = new CrashingLedger(Ledgers.open(root.resolve("ledger.db").toString()), crashAt)) {
      TruthLauncher launcher = new TruthLauncher(ledger, NOISE, violations, launches);
      StorageResults results = new StorageResults(layout, new Configuration());
      var a = spec.adaptive().orElseThrow();
      AdaptiveSweep sweep = new AdaptiveSweep(ledger, new CellMap(grid, spec.cpt().tokens()),
          new AdaptivePlanner(FitSettings.of(spec.fit().parameters()), a.replicates(), a.partialReplicates()), a,
          new StoredLosses(results, new Configuration()), clock, new PrintWriter(new StringWriter()));
      try {
        Optional<Round> stop = sweep.run(plan -> {
          Reconciler r = new Reconciler(ledger, launcher, results, new TrialSpecFactory(spec, layout),
              new Decider(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1)), clock, 2);
          r.start(plan);
          while (!r.finished()) {
            r.tick();
          }
          return r.records().stream().allMatch(t -> t.phase() == TrialPhase.SUCCEEDED);
        });
        assertThat(stop).as("the sweep ends with a stop round").isPresent();
      } catch (CrashingLedger.Crash crash) {
        return new Run(List.of(), ledger.writes(), violations, launches);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return new Run(ledger.rounds(), ledger.writes(), violations, launches);
    }
  }

  /** A round without its decision time, which a resumed coordinator cannot and need not reproduce. */
  private static List<Round> timeless(List<Round> rounds) {
    return rounds.stream().map(r -> new Round(r.number(), java.time.Instant.EPOCH, r.outcome(), r.reason(),
        r.widths(), r.chosen())).toList();
  }

  @Test
  void aCoordinatorKilledAfterAnyLedgerWriteResumesTheSamePlanAndNeverRedecidesACell() throws Exception {
    Run reference = live(Files.createDirectories(dir.resolve("reference")), 0, new ArrayList<>(), new ArrayList<>());
    assertThat(reference.violations()).isEmpty();
    assertThat(reference.rounds().size()).as("initial design, decided rounds and the stop").isGreaterThanOrEqualTo(3);
    assertThat(reference.rounds().get(1).chosen()).as("round 1 chose cells").isNotEmpty();
    System.out.println("AdaptiveResumeIT: reference sweep made " + reference.writes() + " ledger writes, rounds "
        + reference.rounds().stream().map(r -> r.number() + ":" + r.outcome() + "/" + r.chosen().size()).toList());

    for (int k = 1; k <= reference.writes(); k++) {
      Path root = Files.createDirectories(dir.resolve("kill-" + k));
      List<String> violations = new ArrayList<>();
      List<String> launches = new ArrayList<>();
      Run killed = live(root, k, violations, launches);
      assertThat(killed.rounds()).as("kill after write " + k + " happened").isEmpty();
      int launchedBefore = launches.size();
      Run resumed = live(root, 0, violations, launches);
      assertThat(violations).as("kill after write " + k).isEmpty();
      assertThat(timeless(resumed.rounds())).as("rounds after a kill after write " + k)
          .isEqualTo(timeless(reference.rounds()));
      assertThat(launches.size()).as("launches with a kill after write " + k + " (" + launchedBefore + " before it)")
          .isLessThanOrEqualTo(reference.launches().size() + 1);
    }
  }

  @Test
  void aRecordedRoundIsNeverRecordedAgain() {
    try (var ledger = Ledgers.open(dir.resolve("ledger.db").toString())) {
      Round first = new Round(0, java.time.Instant.EPOCH, Round.CONTINUE, "initial", List.of(),
          List.of(new Round.Chosen("cpt-a", "legal/a", 0.2, 1, Double.NaN, "initial design")));
      Round other = new Round(0, java.time.Instant.EPOCH, Round.CONTINUE, "another", List.of(),
          List.of(new Round.Chosen("cpt-b", "legal/a", 0.3, 1, 0.01, "other")));
      assertThat(ledger.recordRound(first)).isTrue();
      assertThat(ledger.recordRound(other)).isFalse();
      assertThat(ledger.rounds()).containsExactly(first);
    }
    assertThatThrownBy(() -> new Round(1, java.time.Instant.EPOCH, "TARGET_REACHED", "done", List.of(),
        List.of(new Round.Chosen("cpt-b", "legal/a", 0.3, 1, 0.01, "other"))))
        .hasMessageContaining("a stop chooses none");
  }
}
