package io.cmrsweep.orchestrator.testing;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Launcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend whose trials finish the moment they are launched: it commits an (empty) result file at
 * the trial's path and reports exit 0. What is left to measure is the coordinator's own overhead.
 */
public final class InstantLauncher implements Launcher {
  private final Map<AttemptRef, AttemptState> attempts = new LinkedHashMap<>();

  @Override
  public List<AttemptState> observe() {
    return new ArrayList<>(attempts.values());
  }

  @Override
  public void launch(TrialSpec spec) {
    TrialSpec.Paths paths = spec.paths();
    Path proof = Path.of(spec.identity().kind() == TrialKind.CPT ? paths.lossFile() : paths.baseCheckpoint() + "/model.bin");
    try {
      Files.createDirectories(proof.getParent());
      Files.write(proof, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AttemptRef ref = new AttemptRef(spec.identity().trialId(), spec.identity().attempt());
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
    // nothing ever waits: every launched trial has already finished
  }

  @Override
  public void close() {}
}
