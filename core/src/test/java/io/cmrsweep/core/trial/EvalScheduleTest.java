package io.cmrsweep.core.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalScheduleTest {

  @Test
  void requestedTokensRoundUpToWholeStepsAndTheLastStepIsAlwaysMeasured() {
    EvalSchedule s = EvalSchedule.of(List.of(100L, 1000L, 1024L), 10_000, 512);
    assertThat(s.steps()).containsExactly(1L, 2L, 20L);
  }

  @Test
  void theStandardScheduleIsLogSpacedPlusRegular() {
    EvalSchedule s = EvalSchedule.of(List.of(), 1000L * 512, 512);
    assertThat(s.steps()).contains(1L, 2L, 4L, 8L, 16L, 32L, 63L, 126L, 251L, 501L, 100L, 200L, 500L, 900L, 1000L);
    assertThat(s.steps().get(s.steps().size() - 1)).isEqualTo(1000L);
  }
}
