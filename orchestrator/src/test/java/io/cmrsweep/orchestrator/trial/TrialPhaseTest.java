package io.cmrsweep.orchestrator.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrialPhaseTest {
  @Test
  void aSucceededTrialCanNeverBeLaunchedAgain() {
    assertThatThrownBy(() -> TrialPhase.SUCCEEDED.moveTo(TrialPhase.RUNNING, "t1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t1").hasMessageContaining("SUCCEEDED -> RUNNING");
    assertThat(TrialPhase.SUCCEEDED.canMoveTo(TrialPhase.BACKOFF)).isFalse();
    assertThat(TrialPhase.SUCCEEDED.canMoveTo(TrialPhase.FAILED)).isFalse();
  }

  @Test
  void aFailedTrialOnlyComesBackThroughPending() {
    assertThat(TrialPhase.FAILED.canMoveTo(TrialPhase.RUNNING)).isFalse();
    assertThat(TrialPhase.FAILED.canMoveTo(TrialPhase.PENDING)).isTrue();
  }

  @Test
  void everyActivePhaseCanBeCancelledAndEveryPhaseCanBeProvenDoneExceptByRelaunch() {
    for (TrialPhase p : TrialPhase.values()) {
      if (p.active()) {
        assertThat(p.canMoveTo(TrialPhase.CANCELLED)).as(p.name()).isTrue();
      }
      if (p != TrialPhase.SUCCEEDED) {
        assertThat(p.canMoveTo(TrialPhase.SUCCEEDED)).as(p.name()).isTrue();
      }
    }
    assertThat(TrialPhase.PENDING.canMoveTo(TrialPhase.FAILED)).isFalse();
  }
}
