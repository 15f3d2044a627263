package io.cmrsweep.orchestrator.trial;

/** How a failed attempt counts: against the retry budget, not at all, or final at once. */
public enum FailureClass {
  /** Crashed, killed or out of memory: retried while the budget lasts. */
  RETRYABLE,
  /** Preempted or evicted by the platform, or lost while the coordinator was down: retried, not charged. */
  NOT_CHARGED,
  /** Bad spec, diverged, unpullable image: retrying cannot help. */
  TERMINAL
}
