package io.cmrsweep.worker.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void cosineWarmsUpLinearlyPeaksAndDecaysToTheFloor() {
    var s = new LearningRateSchedule.WarmupCosine(1e-3, 10, 110, 0.1);
    assertThat(s.at(0)).isCloseTo(1e-4, offset(1e-12));
    assertThat(s.at(9)).isCloseTo(1e-3, offset(1e-12));
    assertThat(s.at(60)).isCloseTo(0.55e-3, offset(1e-9));
    assertThat(s.at(110)).isCloseTo(1e-4, offset(1e-12));
    assertThat(s.at(500)).isCloseTo(1e-4, offset(1e-12));
  }

  @Test
  void constantWarmsUpThenStaysAtThePeak() {
    var s = new LearningRateSchedule.WarmupConstant(2e-4, 4);
    assertThat(s.at(1)).isCloseTo(1e-4, offset(1e-12));
    assertThat(s.at(3)).isEqualTo(2e-4);
    assertThat(s.at(10_000)).isEqualTo(2e-4);
    assertThat(new LearningRateSchedule.WarmupConstant(2e-4, 0).at(0)).isEqualTo(2e-4);
  }
}
