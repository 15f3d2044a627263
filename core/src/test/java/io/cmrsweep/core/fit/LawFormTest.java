package io.cmrsweep.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LawFormTest {
  private static LawRow law(LawForm form, List<Double> p) {
    return new LawRow("s", "d", "m", "x", form, Double.NaN, form.parameterNames(), p, 1, 0, 10, 1, true, "");
  }

  @Test
  void evaluatesAPowerLawAsAXToTheSPlusB() {
    LawRow power = law(LawForm.POWER, List.of(2.0, 0.5, 1.0));

    assertThat(power.value(4.0)).isCloseTo(2 * 2 + 1, within(1e-12));
    assertThat(power.value(1.0)).isCloseTo(3.0, within(1e-12));
    assertThat(power.value(0.25)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void evaluatesATwoTermLawTermByTermInOutputOrder() {
    // 0.5 x^1 - 0.25 x^2 + 3 at x = 2: 1 - 1 + 3.
    LawRow twoTerm = law(LawForm.TWO_TERM, List.of(0.5, 1.0, -0.25, 2.0, 3.0));

    assertThat(twoTerm.value(2.0)).isCloseTo(3.0, within(1e-12));
    assertThat(twoTerm.value(1.0)).isCloseTo(3.25, within(1e-12));
    assertThat(twoTerm.value(4.0)).isCloseTo(2 - 4 + 3, within(1e-12));
  }

  @Test
  void aFailedLawEvaluatesToNan() {
    assertThat(law(LawForm.POWER, List.of(Double.NaN, Double.NaN, Double.NaN)).value(1.0)).isNaN();
  }

  @Test
  void aRowWhoseParameterCountDoesNotMatchItsFormIsRejected() {
    assertThatThrownBy(() -> law(LawForm.TWO_TERM, List.of(1.0, 2.0, 3.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("law x of form two_term needs 5 parameters [a2, s2, a3, s3, b2]; got 3");
  }
}
