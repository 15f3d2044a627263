package io.cmrsweep.orchestrator.trial;

import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.time.Instant;

/**
 * What the ledger knows of one trial: its phase and its retry state. {@code attempt} is the number of
 * the latest launched attempt (it names the attempt's logs and Job, so it only grows); {@code charged}
 * counts failures against the retry budget; {@code notBefore} is when a BACKOFF ends (EPOCH if none).
 */
public record TrialRecord(
    PlannedTrial trial,
    TrialPhase phase,
    int attempt,
    int charged,
    int uncharged,
    String lastError,
    Instant notBefore,
    Instant updatedAt) {

  public TrialRecord {
    if (trial == null || phase == null || notBefore == null || updatedAt == null) {
      throw new IllegalArgumentException("a trial record needs its trial, phase and times");
    }
    if (attempt < 0 || charged < 0 || uncharged < 0) {
      throw new IllegalArgumentException("attempt counters must be >= 0 for " + trial.id());
    }
    lastError = lastError == null ? "" : lastError;
  }

  public static TrialRecord fresh(PlannedTrial trial, Instant now) {
    return new TrialRecord(trial, TrialPhase.PENDING, 0, 0, 0, "", Instant.EPOCH, now);
  }

  public String id() {
    return trial.id();
  }

  /** The same trial in {@code next}, checked against the transition table. */
  public TrialRecord to(TrialPhase next, Instant now) {
    phase.moveTo(next, id());
    return new TrialRecord(trial, next, attempt, charged, uncharged, lastError, Instant.EPOCH, now);
  }

  public TrialRecord withAttempt(int newAttempt) {
    return new TrialRecord(trial, phase, newAttempt, charged, uncharged, lastError, notBefore, updatedAt);
  }

  public TrialRecord withFailure(Failure failure, boolean chargedNow) {
    return new TrialRecord(trial, phase, attempt, charged + (chargedNow ? 1 : 0), uncharged + (chargedNow ? 0 : 1),
        failure.reason(), notBefore, updatedAt);
  }

  public TrialRecord withNotBefore(Instant when) {
    return new TrialRecord(trial, phase, attempt, charged, uncharged, lastError, when, updatedAt);
  }

  /** A fresh retry budget, as {@code cmr retry} gives; attempt numbers keep growing. */
  public TrialRecord withBudgetReset() {
    return new TrialRecord(trial, phase, attempt, 0, uncharged, lastError, Instant.EPOCH, updatedAt);
  }
}
