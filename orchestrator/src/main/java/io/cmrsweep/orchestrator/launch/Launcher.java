package io.cmrsweep.orchestrator.launch;

import io.cmrsweep.core.trial.TrialSpec;
import java.time.Duration;
import java.util.List;

/**
 * Starts, observes and stops trial attempts on one backend. Attempts are named deterministically by
 * (trial id, attempt), so a restarted coordinator finds and adopts what an earlier one started instead
 * of starting it again.
 */
public interface Launcher extends AutoCloseable {

  /** Every attempt of this sweep the backend knows: started by this launcher or adopted. */
  List<AttemptState> observe();

  /** Starts the attempt, or adopts it when the backend already has it. */
  void launch(TrialSpec spec);

  /** Stops the attempt (and what it started) and forgets it. */
  void kill(AttemptRef ref);

  /** Forgets a finished attempt, cleaning up what the backend keeps for it. */
  void release(AttemptRef ref);

  /** Waits up to {@code max} for something to change (an attempt ending), to poll without spinning. */
  void awaitChange(Duration max) throws InterruptedException;

  @Override
  void close();
}
