package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.trial.Failure;
import io.cmrsweep.orchestrator.trial.FailureClass;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pure heart of the reconcile loop: from a ledger record and an observation, decide what to do.
 * No I/O, no clock of its own. The committed result always wins: a trial whose result exists is
 * SUCCEEDED whatever the ledger or the exit code said, and is never launched again.
 */
public final class Decider {
  /** Uncharged retries (preemptions, lost attempts) are free but not unlimited. */
  static final int MAX_UNCHARGED = 50;

  private final RetryPolicy policy;

  public Decider(RetryPolicy policy) {
    this.policy = policy;
  }

  public Decision decide(TrialRecord rec, Observation obs, Instant now) {
    Optional<AttemptState> attempt = obs.attempt();
    boolean attemptRunning = attempt.map(AttemptState::running).orElse(false);
    if (obs.cancelRequested() && rec.phase().active()) {
      if (rec.phase() == TrialPhase.RUNNING && attemptRunning) {
        return new Decision(Decision.Action.KILL, rec.to(TrialPhase.CANCELLED, now), "cancelled; attempt stopped");
      }
      return new Decision(Decision.Action.RECORD, rec.to(TrialPhase.CANCELLED, now), "cancelled");
    }
    if (obs.committed()) {
      if (rec.phase() == TrialPhase.SUCCEEDED || attemptRunning) {
        return Decision.none(rec); // a worker that has committed is finishing; record once it ends
      }
      TrialRecord next = rec.to(TrialPhase.SUCCEEDED, now);
      String why = rec.phase() == TrialPhase.RUNNING ? "attempt " + rec.attempt() + " committed its result"
          : "committed result found in storage";
      return new Decision(attempt.isPresent() ? Decision.Action.RELEASE : Decision.Action.RECORD, next, why);
    }
    return switch (rec.phase()) {
      case SUCCEEDED -> new Decision(Decision.Action.RECORD, rec.to(TrialPhase.PENDING, now),
          "committed result is missing from storage; the cell runs again");
      case PENDING -> launchIfReady(rec, obs, now);
      case BACKOFF -> now.isBefore(rec.notBefore()) ? Decision.none(rec) : launchIfReady(rec, obs, now);
      case RUNNING -> running(rec, attempt, now);
      case FAILED, CANCELLED -> Decision.none(rec);
    };
  }

  /** The record after an attempt could not even be started. */
  public Decision launchFailed(TrialRecord running, String error, Instant now) {
    return failed(running, Failure.retryable("launch failed: " + error), now, Decision.Action.RECORD);
  }

  private Decision launchIfReady(TrialRecord rec, Observation obs, Instant now) {
    if (!obs.dependencyReady() || !obs.slotFree()) {
      return Decision.none(rec);
    }
    TrialRecord next = rec.to(TrialPhase.RUNNING, now).withAttempt(rec.attempt() + 1);
    return new Decision(Decision.Action.LAUNCH, next, "launching attempt " + next.attempt());
  }

  private Decision running(TrialRecord rec, Optional<AttemptState> attempt, Instant now) {
    if (attempt.isEmpty()) {
      return failed(rec, Failure.notCharged("attempt " + rec.attempt()
          + " lost: the backend has no trace of it (coordinator stopped before or while launching)"), now,
          Decision.Action.RECORD);
    }
    AttemptState state = attempt.get();
    return switch (state.status()) {
      case RUNNING -> Decision.none(rec);
      case EXITED_OK -> failed(rec, Failure.retryable("attempt " + rec.attempt()
          + " exited 0 without committing its result"), now, Decision.Action.RELEASE);
      case ENDED_UNKNOWN -> failed(rec, Failure.notCharged("attempt " + rec.attempt()
          + " ended while the coordinator was down, without committing its result"), now, Decision.Action.RELEASE);
      case FAILED -> failed(rec, state.failure().orElseThrow(), now, Decision.Action.RELEASE);
    };
  }

  private Decision failed(TrialRecord rec, Failure failure, Instant now, Decision.Action action) {
    String reason = "attempt " + rec.attempt() + ": " + failure.reason();
    Failure f = new Failure(failure.kind(), reason);
    if (failure.kind() == FailureClass.TERMINAL) {
      return new Decision(action, rec.to(TrialPhase.FAILED, now).withFailure(f, true), "failed: " + reason);
    }
    if (failure.kind() == FailureClass.NOT_CHARGED) {
      TrialRecord counted = rec.withFailure(f, false);
      if (counted.uncharged() > MAX_UNCHARGED) {
        return new Decision(action, rec.to(TrialPhase.FAILED, now).withFailure(f, false),
            "failed: " + MAX_UNCHARGED + " uncharged retries used up; last: " + reason);
      }
      TrialRecord next = rec.to(TrialPhase.BACKOFF, now).withFailure(f, false).withNotBefore(now);
      return new Decision(action, next, "retrying without charge: " + reason);
    }
    TrialRecord charged = rec.to(TrialPhase.BACKOFF, now).withFailure(f, true);
    Optional<Duration> delay = policy.nextDelay(charged.charged());
    if (delay.isEmpty()) {
      TrialRecord next = rec.to(TrialPhase.FAILED, now).withFailure(new Failure(FailureClass.RETRYABLE,
          "retry budget of " + policy.maxAttempts() + " attempts used up; last: " + reason), true);
      return new Decision(action, next, "failed: " + next.lastError());
    }
    return new Decision(action, charged.withNotBefore(now.plus(delay.get())),
        "retry in " + delay.get().toMillis() + " ms: " + reason);
  }
}
