package io.cmrsweep.orchestrator.trial;

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

  /** The worker's exit codes: 0 ok, 2 bad spec, 3 diverged (both terminal); signals and the rest retryable. */
  public static Failure fromExitCode(int code) {
    if (code == 2) {
      return terminal("bad spec (worker exit code 2)");
    }
    if (code == 3) {
      return terminal("diverged (worker exit code 3)");
    }
    if (code > 128 && code < 160) {
      return retryable("killed by signal " + (code - 128) + " (exit code " + code + ")");
    }
    return retryable("crashed (worker exit code " + code + ")");
  }
}
