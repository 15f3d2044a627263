package io.cmrsweep.orchestrator.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.trial.WorkerExit;
import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void classifiesEveryWorkerExitByItsOwnRetryability() {
    for (WorkerExit exit : WorkerExit.values()) {
      if (exit == WorkerExit.OK) {
        continue;
      }
      Failure f = Failure.fromExitCode(exit.code());
      assertThat(f.kind()).as(exit.name())
          .isEqualTo(exit.retryable() ? FailureClass.RETRYABLE : FailureClass.TERMINAL);
      assertThat(f.reason()).isEqualTo(exit.meaning() + " (worker exit code " + exit.code() + ")");
    }
  }

  @Test
  void theWorkersTerminationMessageFollowsTheClassOfItsExit() {
    assertThat(Failure.fromExitCode(4, java.util.Optional.of("paths.lossFile: cannot write to /d: Operation not permitted")))
        .isEqualTo(Failure.terminal("storage not writable (worker exit code 4): paths.lossFile: cannot write to /d:"
            + " Operation not permitted"));
    assertThat(Failure.fromExitCode(1, java.util.Optional.of("IllegalStateException: boom")))
        .isEqualTo(Failure.retryable("crashed (worker exit code 1): IllegalStateException: boom"));
    assertThat(Failure.fromExitCode(1, java.util.Optional.of(" "))).isEqualTo(Failure.fromExitCode(1));
  }

  @Test
  void aSignalIsRetryableAndNamed() {
    Failure f = Failure.fromExitCode(143);

    assertThat(f.kind()).isEqualTo(FailureClass.RETRYABLE);
    assertThat(f.reason()).isEqualTo("killed by signal 15 (exit code 143)");
  }

  @Test
  void anUndefinedCodeIsARetryableCrash() {
    assertThat(Failure.fromExitCode(42)).isEqualTo(Failure.retryable("crashed (worker exit code 42)"));
  }

  @Test
  void exitZeroIsNotAFailure() {
    assertThatThrownBy(() -> Failure.fromExitCode(0)).hasMessageContaining("exit code 0 is a success");
  }
}
