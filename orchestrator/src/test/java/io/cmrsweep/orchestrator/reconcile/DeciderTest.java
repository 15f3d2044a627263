package io.cmrsweep.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.reconcile.Decision.Action;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.trial.Failure;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final PlannedTrial CELL = new PlannedTrial("cpt-a-legal-r0.1-s1-abc", TrialKind.CPT, "a", "legal", 0.1, 1,
      "pt-a-abc");
  private final Decider decider = new Decider(new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMinutes(1), 2));

  private static TrialRecord pending() {
    return TrialRecord.fresh(CELL, NOW);
  }

  private static TrialRecord running(int attempt) {
    return pending().to(TrialPhase.RUNNING, NOW).withAttempt(attempt);
  }

  private static Observation seen(boolean committed, Optional<AttemptState> attempt) {
    return new Observation(committed, true, attempt, false, true);
  }

  @Test
  void launchesAReadyPendingTrialAsItsNextAttempt() {
    Decision d = decider.decide(pending(), seen(false, Optional.empty()), NOW);
    assertThat(d.action()).isEqualTo(Action.LAUNCH);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.RUNNING);
    assertThat(d.next().attempt()).isEqualTo(1);
  }

  @Test
  void waitsForTheBaseModelAndForAFreeSlot() {
    assertThat(decider.decide(pending(), new Observation(false, false, Optional.empty(), false, true), NOW).action())
        .isEqualTo(Action.NONE);
    assertThat(decider.decide(pending(), new Observation(false, true, Optional.empty(), false, false), NOW).action())
        .isEqualTo(Action.NONE);
  }

  @Test
  void neverLaunchesATrialWhoseResultIsCommitted() {
    Decision d = decider.decide(pending(), seen(true, Optional.empty()), NOW);
    assertThat(d.action()).isEqualTo(Action.RECORD);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.SUCCEEDED);
    TrialRecord failed = running(2).to(TrialPhase.FAILED, NOW);
    assertThat(decider.decide(failed, seen(true, Optional.empty()), NOW).next().phase()).isEqualTo(TrialPhase.SUCCEEDED);
  }

  @Test
  void aCommittedResultWinsOverANonZeroExitCode() {
    AttemptRef ref = new AttemptRef(CELL.id(), 1);
    Decision d = decider.decide(running(1), seen(true, Optional.of(AttemptState.failed(ref, Failure.fromExitCode(1)))), NOW);
    assertThat(d.action()).isEqualTo(Action.RELEASE);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.SUCCEEDED);
  }

  @Test
  void retriesAKilledWorkerAfterBackoffUntilTheAttemptLimit() {
    AttemptRef ref = new AttemptRef(CELL.id(), 1);
    Decision first = decider.decide(running(1), seen(false, Optional.of(AttemptState.failed(ref, Failure.fromExitCode(137)))), NOW);
    assertThat(first.next().phase()).isEqualTo(TrialPhase.BACKOFF);
    assertThat(first.next().charged()).isEqualTo(1);
    assertThat(first.next().notBefore()).isEqualTo(NOW.plusSeconds(10));
    assertThat(first.next().lastError()).contains("killed by signal 9");
    assertThat(decider.decide(first.next(), seen(false, Optional.empty()), NOW.plusSeconds(5)).action()).isEqualTo(Action.NONE);
    Decision relaunch = decider.decide(first.next(), seen(false, Optional.empty()), NOW.plusSeconds(10));
    assertThat(relaunch.action()).isEqualTo(Action.LAUNCH);
    assertThat(relaunch.next().attempt()).isEqualTo(2);
    AttemptRef ref2 = new AttemptRef(CELL.id(), 2);
    Decision last = decider.decide(relaunch.next(), seen(false, Optional.of(AttemptState.failed(ref2, Failure.fromExitCode(1)))), NOW);
    assertThat(last.next().phase()).isEqualTo(TrialPhase.FAILED);
    assertThat(last.next().lastError()).contains("retry budget of 2 attempts used up").contains("exit code 1");
  }

  @Test
  void failsABadSpecAtOnceWithItsReason() {
    AttemptRef ref = new AttemptRef(CELL.id(), 1);
    Decision d = decider.decide(running(1), seen(false, Optional.of(AttemptState.failed(ref, Failure.fromExitCode(2)))), NOW);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.FAILED);
    assertThat(d.next().lastError()).contains("bad spec");
  }

  @Test
  void preemptionsDoNotUseUpTheRetryBudget() {
    TrialRecord rec = running(1);
    for (int i = 1; i <= 5; i++) {
      AttemptRef ref = new AttemptRef(CELL.id(), rec.attempt());
      Decision d = decider.decide(rec, seen(false, Optional.of(AttemptState.failed(ref, Failure.notCharged("pod evicted")))), NOW);
      assertThat(d.next().phase()).isEqualTo(TrialPhase.BACKOFF);
      assertThat(d.next().charged()).isZero();
      rec = decider.decide(d.next(), seen(false, Optional.empty()), NOW).next();
      assertThat(rec.phase()).isEqualTo(TrialPhase.RUNNING);
    }
    assertThat(rec.uncharged()).isEqualTo(5);
  }

  @Test
  void anAttemptTheBackendLostIsRetriedWithoutCharge() {
    Decision d = decider.decide(running(3), seen(false, Optional.empty()), NOW);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.BACKOFF);
    assertThat(d.next().charged()).isZero();
    assertThat(d.next().lastError()).contains("lost");
  }

  @Test
  void waitsForARunningWorkerThatHasCommittedToEnd() {
    AttemptRef ref = new AttemptRef(CELL.id(), 1);
    assertThat(decider.decide(running(1), seen(true, Optional.of(AttemptState.running(ref))), NOW).action())
        .isEqualTo(Action.NONE);
  }

  @Test
  void cancelKillsARunningAttemptAndCancelsWaitingOnes() {
    AttemptRef ref = new AttemptRef(CELL.id(), 1);
    Decision kill = decider.decide(running(1), new Observation(false, true, Optional.of(AttemptState.running(ref)), true, true), NOW);
    assertThat(kill.action()).isEqualTo(Action.KILL);
    assertThat(kill.next().phase()).isEqualTo(TrialPhase.CANCELLED);
    assertThat(decider.decide(pending(), new Observation(false, true, Optional.empty(), true, true), NOW).next().phase())
        .isEqualTo(TrialPhase.CANCELLED);
  }

  @Test
  void aSucceededTrialWhoseResultVanishedRunsAgain() {
    TrialRecord done = running(1).to(TrialPhase.SUCCEEDED, NOW);
    Decision d = decider.decide(done, seen(false, Optional.empty()), NOW);
    assertThat(d.next().phase()).isEqualTo(TrialPhase.PENDING);
  }
}
