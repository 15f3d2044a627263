package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.orchestrator.trial.TrialRecord;

/**
 * What to do with one trial: the action, the ledger record to write (ignored for {@link Action#NONE})
 * and why, for the event log.
 */
public record Decision(Action action, TrialRecord next, String reason) {

  public enum Action {
    /** Nothing changes. */
    NONE,
    /** Write {@code next} to the ledger. */
    RECORD,
    /** Write {@code next} (RUNNING, the new attempt) first, then start the attempt. */
    LAUNCH,
    /** Stop the current attempt, then write {@code next}. */
    KILL,
    /** Write {@code next}, then let the backend forget the finished attempt. */
    RELEASE
  }

  public static Decision none(TrialRecord current) {
    return new Decision(Action.NONE, current, "");
  }
}
