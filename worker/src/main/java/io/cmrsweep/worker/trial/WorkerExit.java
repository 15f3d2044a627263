package io.cmrsweep.worker.trial;

/**
 * How a worker process ends; the exit code is what the orchestrator classifies. Signals (a killed or
 * preempted pod) show up as 128 + signal (137 for SIGKILL, 143 for SIGTERM) and are retryable.
 */
public enum WorkerExit {
  /** The trial finished and its outputs are committed (or were already committed by an earlier attempt). */
  OK(0, false),
  /** An unexpected error (I/O, native crash reported as exception, bug). Retryable: state allows resuming. */
  CRASHED(1, true),
  /** The spec or its inputs are invalid (bad JSON, missing corpus or base checkpoint, shape mismatch). Terminal. */
  BAD_SPEC(2, false),
  /** Training or validation loss became NaN/inf; records so far are committed with a NaN row. Terminal. */
  DIVERGED(3, false);

  private final int code;
  private final boolean retryable;

  WorkerExit(int code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  public int code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  public static WorkerExit ofCode(int code) {
    for (WorkerExit e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return CRASHED;
  }
}
