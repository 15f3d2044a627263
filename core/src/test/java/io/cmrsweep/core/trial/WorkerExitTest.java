package io.cmrsweep.core.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerExitTest {

  @Test
  void badSpecAndDivergenceAreTerminalAndACrashIsRetryable() {
    assertThat(WorkerExit.ofCode(2)).isEqualTo(WorkerExit.BAD_SPEC);
    assertThat(WorkerExit.BAD_SPEC.retryable()).isFalse();
    assertThat(WorkerExit.ofCode(3).retryable()).isFalse();
    assertThat(WorkerExit.ofCode(1).retryable()).isTrue();
  }

  @Test
  void storageThatCannotBeWrittenIsItsOwnTerminalCode() {
    assertThat(WorkerExit.ofCode(4)).isEqualTo(WorkerExit.STORAGE_NOT_WRITABLE);
    assertThat(WorkerExit.STORAGE_NOT_WRITABLE.retryable()).isFalse();
    assertThat(WorkerExit.STORAGE_NOT_WRITABLE.meaning()).isEqualTo("storage not writable");
  }

  @Test
  void anUndefinedCodeCountsAsACrash() {
    assertThat(WorkerExit.ofCode(42)).isEqualTo(WorkerExit.CRASHED);
  }

  @Test
  void readsTheSignalFromAnExitCodeAbove128() {
    assertThat(WorkerExit.signal(137)).contains(9);
    assertThat(WorkerExit.signal(143)).contains(15);
    assertThat(WorkerExit.signal(128)).isEqualTo(Optional.empty());
    assertThat(WorkerExit.signal(3)).isEmpty();
  }
}
