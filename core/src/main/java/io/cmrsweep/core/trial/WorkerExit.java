package io.cmrsweep.core.trial;

import java.util.Optional;

/**
 * How a worker process ends: the one definition of each exit code, what it means and whether running
 * the same spec again can help. The worker exits with these codes; the orchestrator classifies them here.
 * Signals (a killed or preempted process or pod) show up as 128 + signal (137 for SIGKILL, 143 for SIGTERM)
 * and are retryable; any other unknown code counts as {@link #CRASHED}.
 */
public enum WorkerExit {
  /** The trial finished and its outputs are committed (or were already committed by an earlier attempt). */
  OK(0, false, "ok"),
  /** An unexpected error (I/O, native crash reported as exception, bug). Retryable: state allows resuming. */
  CRASHED(1, true, "crashed"),
  /**
   * The spec or its inputs are invalid (bad JSON or field, bad command line, missing corpus or base
   * checkpoint, shape mismatch). Terminal.
   */
  BAD_SPEC(2, false, "bad spec"),
  /** Training or validation loss became NaN/inf; records so far are committed with a NaN row. Terminal. */
  DIVERGED(3, false, "diverged"),
  /**
   * The trial's outputs cannot be written: the losses or checkpoint directory is not writable, the file
   * system is read-only or full, access is denied. Terminal: another attempt would fail the same way (after
   * training again), so the storage must be fixed first. The worker checks this before it trains.
   */
  STORAGE_NOT_WRITABLE(4, false, "storage not writable");

  private static final int SIGNAL_BASE = 128;
  private static final int MAX_SIGNAL = 31;

  private final int code;
  private final boolean retryable;
  private final String meaning;

  WorkerExit(int code, boolean retryable, String meaning) {
    this.code = code;
    this.retryable = retryable;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** True when another attempt of the same spec can succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** A few words for logs and the ledger, e.g. {@code bad spec}. */
  public String meaning() {
    return meaning;
  }

  /** The exit of {@code code}; codes this enum does not define (signals aside) count as {@link #CRASHED}. */
  public static WorkerExit ofCode(int code) {
    for (WorkerExit e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return CRASHED;
  }

  /** The signal that ended the process when {@code code} is 128 + n (n = 1 .. 31), else empty. */
  public static Optional<Integer> signal(int code) {
    return code > SIGNAL_BASE && code <= SIGNAL_BASE + MAX_SIGNAL ? Optional.of(code - SIGNAL_BASE) : Optional.empty();
  }
}
