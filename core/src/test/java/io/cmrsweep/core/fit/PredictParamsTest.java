package io.cmrsweep.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictParamsTest {

  @Test
  void theOptionIsTheSpecKeyInKebabCase() {
    assertThat(PredictParams.OPTION)
        .isEqualTo("--" + PredictParams.KEY.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT))
        .isEqualTo("--predict-params");
  }

  @Test
  void sortsTheTargetsAndWritesThemAsOneFitJobOption() {
    PredictParams p = PredictParams.of(List.of(7.0e9, 1.0e9), "fit.predictParams");

    assertThat(p.targets()).containsExactly(1_000_000_000L, 7_000_000_000L);
    assertThat(p.arguments()).containsExactly("--predict-params", "1.0E9,7.0E9");
    assertThat(PredictParams.none().arguments()).isEmpty();
  }

  @Test
  void namesEveryBadEntryByItsIndexWithTheValueAndTheFix() {
    assertThatThrownBy(() -> PredictParams.of(Arrays.asList(1.0e9, 0.5, Double.NaN, 1.0e9, null), "fit.predictParams"))
        .isInstanceOfSatisfying(FitParametersException.class, e -> assertThat(e.problems()).satisfiesExactly(
            p -> assertThat(p).startsWith("fit.predictParams[1]=0.5 must be a model size in parameters")
                .contains("7.0e9"),
            p -> assertThat(p).startsWith("fit.predictParams[2]=NaN must be a model size"),
            p -> assertThat(p).startsWith("fit.predictParams[3]=1.0E9 is a duplicate"),
            p -> assertThat(p).startsWith("fit.predictParams[4]=null must be a model size")));
  }

  @Test
  void refusesMoreTargetsThanTheMaximumInOneProblem() {
    List<Double> many = Collections.nCopies(PredictParams.MAX_TARGETS + 1, 1.0e9);
    assertThat(PredictParams.problems(many, "--predict-params")).singleElement().asString()
        .startsWith("--predict-params lists 17 sizes; at most 16");
  }
}
