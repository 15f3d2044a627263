package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.fit.truth.SimulatedTrial;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.testing.FakeWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A backend whose trials finish the moment they are launched, committing real loss files from
 * {@link FakeWorker#TRUTH} (noise seeded by the trial id, so a re-launch writes the same). It notes what a
 * coordinator must never do: launch a CPT trial that no recorded round chose, or launch after the trial's result
 * was committed.
 */
final class TruthLauncher implements Launcher {
  private final Map<AttemptRef, AttemptState> attempts = new LinkedHashMap<>();
  private final Ledger ledger;
  private final double noise;
  private final List<String> violations;
  private final List<String> launches;

  TruthLauncher(Ledger ledger, double noise, List<String> violations, List<String> launches) {
    this.ledger = ledger;
    this.noise = noise;
    this.violations = violations;
    this.launches = launches;
  }

  @Override
  public List<AttemptState> observe() {
    return new ArrayList<>(attempts.values());
  }

  @Override
  public void launch(TrialSpec spec) {
    var id = spec.identity();
    launches.add(id.trialId());
    try {
      if (id.kind() == TrialKind.PRETRAIN) {
        Path base = Path.of(spec.paths().baseCheckpoint());
        Files.createDirectories(base);
        Files.write(base.resolve("model.bin"), new byte[0]);
      } else {
        boolean chosen = ledger.rounds().stream().flatMap(r -> r.chosen().stream()).map(Round.Chosen::trialId)
            .anyMatch(id.trialId()::equals);
        if (!chosen) {
          violations.add("launched " + id.trialId() + " before a recorded round chose it");
        }
        Path file = Path.of(spec.paths().lossFile());
        if (Files.exists(file)) {
          violations.add("launched " + id.trialId() + " after its result was committed");
        }
        List<Long> ts = new ArrayList<>(List.of(0L));
        ts.addAll(spec.training().evalTokens());
        long[] tokens = ts.stream().mapToLong(Long::longValue).toArray();
        long[] steps = ts.stream().mapToLong(t -> t / 1000).toArray();
        var trial = new SimulatedTrial(id.sweep(), id.trialId(), spec.data().domain(), spec.model().label(),
            spec.model().parameterCount(), spec.data().ratio(), spec.training().seed(), id.attempt());
        List<LossRecord> rows = FakeWorker.TRUTH.records(trial, spec.training().tokens(), steps, tokens, noise, 11);
        new ParquetLossWriter(new Configuration()).write(new org.apache.hadoop.fs.Path(file.toUri()), rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AttemptRef ref = new AttemptRef(id.trialId(), id.attempt());
    attempts.put(ref, AttemptState.exitedOk(ref));
  }

  @Override
  public void kill(AttemptRef ref) {
    attempts.remove(ref);
  }

  @Override
  public void release(AttemptRef ref) {
    attempts.remove(ref);
  }

  @Override
  public void awaitChange(Duration max) {
    // every launched trial has already finished
  }

  @Override
  public void close() {}
}
