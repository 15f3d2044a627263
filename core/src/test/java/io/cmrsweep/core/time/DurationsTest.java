package io.cmrsweep.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void readsEveryShortUnit() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse(" 0s ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsIso8601InEitherCase() {
    assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("pt0.5s")).isEqualTo(Duration.ofMillis(500));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "5x", "1.5s", "-3s", "s", "PT", "P1Q", "30 seconds", "99999999999999999999h"})
  void refusesAnythingElseQuotingTheTextAndTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a duration; use 500ms, 30s, 5m, 2h or ISO-8601 such as PT30S");
  }

  @Test
  void refusesANegativeIsoDuration() {
    assertThatThrownBy(() -> Durations.parse("PT-5S")).hasMessageStartingWith("'PT-5S' is negative");
  }
}
