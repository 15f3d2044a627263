package io.cmrsweep.orchestrator.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backsOffExponentiallyUpToTheCapAndStopsAtTheBudget() {
    RetryPolicy p = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3), 2);
    assertThat(p.nextDelay(1)).contains(Duration.ofSeconds(1));
    assertThat(p.nextDelay(2)).contains(Duration.ofSeconds(2));
    assertThat(p.nextDelay(3)).contains(Duration.ofSeconds(3));
    assertThat(p.nextDelay(4)).isEmpty();
  }

  @Test
  void rejectsAPolicyWithoutAttempts() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1)).hasMessageContaining("maxAttempts=0");
  }
}
