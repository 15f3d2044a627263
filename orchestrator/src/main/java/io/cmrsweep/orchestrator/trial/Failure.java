package io.cmrsweep.orchestrator.trial;

import io.cmrsweep.core.trial.WorkerExit;
import java.util.Optional;

/** A classified attempt failure; the reason is kept in the ledger and shown by {@code cmr status}. */
public record Failure(FailureClass kind, String reason) {
  public Failure {
    if (kind == null || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a failure needs a class and a reason");
    }
  }

  public static Failure retryable(String reason) {
    return new Failure(FailureClass.RETRYABLE, reason);
  }

  public static Failure notCharged(String reason) {
    return new Failure(FailureClass.NOT_CHARGED, reason);
  }

  public static Failure terminal(String reason) {
    return new Failure(FailureClass.TERMINAL, reason);
  }

  /**
   * Classifies a worker's non-zero exit code through {@link WorkerExit}, the one definition of the codes:
   * a signal (128 + n: killed, preempted) is retryable, otherwise the code's own retryability decides.
   */
  public static Failure fromExitCode(int code) {
    return fromExitCode(code, Optional.empty());
  }

  /**
   * As {@link #fromExitCode(int)}, with the reason the worker left as its termination message
   * ({@code TerminationMessage}) after the code, so the ledger says why, not only how, an attempt ended.
   */
  public static Failure fromExitCode(int code, Optional<String> message) {
    if (code == WorkerExit.OK.code()) {
      throw new IllegalArgumentException("exit code 0 is a success, not a failure");
    }
    String why = message.filter(m -> !m.isBlank()).map(m -> ": " + m).orElse("");
    Optional<Integer> signal = WorkerExit.signal(code);
    if (signal.isPresent()) {
      return retryable("killed by signal " + signal.get() + " (exit code " + code + ")" + why);
    }
    WorkerExit exit = WorkerExit.ofCode(code);
    String reason = exit.meaning() + " (worker exit code " + code + ")" + why;
    return exit.retryable() ? retryable(reason) : terminal(reason);
  }
}
