package io.cmrsweep.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FitParametersTest {

  @Test
  void defaultsAreTheDesignValues() {
    FitParameters d = FitParameters.defaults();
    assertThat(d.eps()).isEqualTo(0.05);
    assertThat(d.lambda()).isEqualTo(1000);
    assertThat(d.level()).isEqualTo(0.95);
    assertThat(d.bootstrap()).isEqualTo(1000);
    assertThat(d.resampling()).isEqualTo(Resampling.AUTO);
  }

  @Test
  void aZeroToleranceIsRefusedBecauseItMakesTheToleranceSetDegenerate() {
    assertThat(FitParameters.problems(0, 1000, 0.95, 10, Resampling.AUTO, FitParameters.PLAIN))
        .singleElement().asString().startsWith("eps=0.0 must be a finite tolerance > 0").contains("use e.g. 0.05");
    assertThatThrownBy(() -> FitParameters.defaults().withEps(0)).isInstanceOf(FitParametersException.class)
        .hasMessageContaining("eps=0.0");
  }

  @Test
  void reportsEveryProblemAtOnceNamingEachFieldInTheCallersVocabulary() {
    assertThatThrownBy(() -> FitParameters.of(Double.NaN, -1, 95, -2, 7, null, k -> "fit." + k))
        .isInstanceOfSatisfying(FitParametersException.class, e -> assertThat(e.problems()).satisfiesExactly(
            p -> assertThat(p).startsWith("fit.eps=NaN must be"),
            p -> assertThat(p).startsWith("fit.lambda=-1.0 must be a finite weight > 0"),
            p -> assertThat(p).startsWith("fit.level=95.0 must be in (0, 1)"),
            p -> assertThat(p).startsWith("fit.bootstrap=-2 must be >= 0"),
            p -> assertThat(p).startsWith("fit.resampling is missing; use auto, checkpoint, seed, residual, wild or block")));
  }

  @Test
  void aBootstrapBeyondTheMaximumIsRefusedWithTheMaximumAndAnExample() {
    assertThat(FitParameters.problems(0.05, 1000, 0.95, FitParameters.MAX_BOOTSTRAP, Resampling.AUTO, k -> "--" + k))
        .isEmpty();
    assertThat(FitParameters.problems(0.05, 1000, 0.95, 100_000_000, Resampling.AUTO, k -> "fit." + k))
        .containsExactly("fit.bootstrap=100000000 exceeds the maximum of 100000 replicates; use e.g. 1000"
            + " (intervals settle long before 100000)");
  }

  @Test
  void theCommandLineVocabularyNamesOptions() {
    assertThat(FitParameters.problems(0.05, 1000, 1.0, 0, Resampling.SEED, k -> "--" + k))
        .containsExactly("--level=1.0 must be in (0, 1); use e.g. 0.95 for 95 %");
  }

  @Test
  void writesItselfAsFitJobArgumentsUnderTheSpecKeys() {
    FitParameters p = new FitParameters(0.02, 100, 0.9, 300, 11, Resampling.CHECKPOINT);
    assertThat(p.arguments()).containsExactly("--bootstrap", "300", "--level", "0.9", "--eps", "0.02", "--lambda",
        "100.0", "--seed", "11", "--resampling", "checkpoint");
  }

  @Test
  void resamplingLabelsReadBackIgnoringCase() {
    for (Resampling r : Resampling.values()) {
      assertThat(Resampling.parse(r.label().toUpperCase())).contains(r);
    }
    assertThat(Resampling.parse("rows")).isEmpty();
  }
}
