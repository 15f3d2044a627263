package io.cmrsweep.core.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialSpecJsonTest {
  private final TrialSpecJson json = new TrialSpecJson();

  static TrialSpec cpt() {
    return new TrialSpec("s1", "cpt-m1-legal-abc", TrialKind.CPT, new ModelShape("m1", 64, 4, 4, 176, 128, 256),
        "corpora", "brown", "legal", 0.25, 1, 1_000_000, 16, 3e-4, 20_000, List.of(10_000L, 100_000L, 1_000_000L),
        200_000, "root/s1/checkpoints/m1/base", "root/s1/checkpoints/m1/cpt-m1-legal-abc",
        "root/s1/losses/domain=legal/model=m1/cpt-m1-legal-abc.parquet", 1, 1);
  }

  @Test
  void roundTripsASpecThroughJson() {
    TrialSpec spec = cpt();

    assertThat(json.read(json.write(spec))).isEqualTo(spec);
  }

  @Test
  void rejectsACptSpecWithoutALossFileNamingTheField() {
    String text = json.write(cpt()).replaceAll("\"lossFile\": \"[^\"]*\"", "\"lossFile\": \"\"");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("lossFile is missing");
  }

  @Test
  void countsTheParametersOfASmallModel() {
    ModelShape shape = new ModelShape("m1", 64, 4, 4, 176, 128, 256);

    assertThat(shape.parameterCount()).isEqualTo(256L * 64 + 4 * (4L * 64 * 64 + 3L * 64 * 176 + 2 * 64) + 64);
  }
}
