package io.cmrsweep.orchestrator.trial;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one trial, with the one table of legal moves. PENDING waits for its dependency and
 * a slot; RUNNING has an attempt launched (recorded before the launch, so a crash leaves intent behind);
 * BACKOFF waits for a retry; SUCCEEDED has its committed result; FAILED is terminal until a user retries;
 * CANCELLED was stopped by {@code cmr cancel} and resumes with the next {@code cmr sweep}.
 */
public enum TrialPhase {
  PENDING,
  RUNNING,
  BACKOFF,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Map<TrialPhase, Set<TrialPhase>> LEGAL = Map.of(
      PENDING, EnumSet.of(RUNNING, SUCCEEDED, CANCELLED),
      RUNNING, EnumSet.of(SUCCEEDED, BACKOFF, FAILED, PENDING, CANCELLED),
      BACKOFF, EnumSet.of(RUNNING, SUCCEEDED, CANCELLED),
      // A result that vanished from storage is no longer a result: the cell must run again.
      SUCCEEDED, EnumSet.of(PENDING),
      FAILED, EnumSet.of(PENDING, SUCCEEDED),
      CANCELLED, EnumSet.of(PENDING, SUCCEEDED));

  public boolean canMoveTo(TrialPhase next) {
    return LEGAL.get(this).contains(next);
  }

  /** Throws naming both ends when {@code this -> next} is not in the table. */
  public TrialPhase moveTo(TrialPhase next, String trialId) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("trial " + trialId + ": illegal phase change " + this + " -> " + next
          + "; allowed from " + this + ": " + LEGAL.get(this));
    }
    return next;
  }

  /** True while the coordinator still has work to do for the trial in this sweep run. */
  public boolean active() {
    return this == PENDING || this == RUNNING || this == BACKOFF;
  }
}
