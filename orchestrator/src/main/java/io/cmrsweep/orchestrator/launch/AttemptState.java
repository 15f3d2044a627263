package io.cmrsweep.orchestrator.launch;

import io.cmrsweep.orchestrator.trial.Failure;
import java.util.Optional;

/**
 * What a launcher sees of one attempt. An attempt adopted after a coordinator restart may end without
 * a known exit status ({@link Status#ENDED_UNKNOWN}); the committed result then decides.
 */
public record AttemptState(AttemptRef ref, Status status, Optional<Failure> failure) {

  public enum Status { RUNNING, EXITED_OK, FAILED, ENDED_UNKNOWN }

  public AttemptState {
    if (ref == null || status == null || failure == null) {
      throw new IllegalArgumentException("an attempt state needs its ref, status and failure (or empty)");
    }
    if ((status == Status.FAILED) != failure.isPresent()) {
      throw new IllegalArgumentException("only a FAILED attempt carries a failure: " + ref + " " + status);
    }
  }

  public static AttemptState running(AttemptRef ref) {
    return new AttemptState(ref, Status.RUNNING, Optional.empty());
  }

  public static AttemptState exitedOk(AttemptRef ref) {
    return new AttemptState(ref, Status.EXITED_OK, Optional.empty());
  }

  public static AttemptState failed(AttemptRef ref, Failure failure) {
    return new AttemptState(ref, Status.FAILED, Optional.of(failure));
  }

  public static AttemptState endedUnknown(AttemptRef ref) {
    return new AttemptState(ref, Status.ENDED_UNKNOWN, Optional.empty());
  }

  public boolean running() {
    return status == Status.RUNNING;
  }
}
