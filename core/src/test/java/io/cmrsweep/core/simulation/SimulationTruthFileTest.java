package io.cmrsweep.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTruthFileTest {
  @TempDir
  java.nio.file.Path dir;

  private static SimulationTruth truth(Optional<Double> supA) {
    return new SimulationTruth("sim", 1e-5, 7, 0.1, "power", 0.6, 0.2, 0.3, 0.5, 0.0, 1000, 0.05, supA, 1.5, 2.5,
        3.1, 2_000_000_000L, List.of(new SimulationTruth.Model("m1", 460_000_000L, 0.3, 0.31, 0.3,
            List.of(0.35, 0.3, 0.29))));
  }

  @Test
  void aTruthWrittenAndReadBackIsTheSameTruthWithOrWithoutABuiltInSupA() {
    SimulationTruthFile file = new SimulationTruthFile(new Configuration());
    for (Optional<Double> supA : List.of(Optional.<Double>empty(), Optional.of(0.42))) {
      Path p = new Path(dir.resolve("simulation/truth.json").toUri());
      file.write(p, truth(supA));
      assertThat(file.read(p)).contains(truth(supA));
    }
  }

  @Test
  void aMissingFileMeansTheSweepWasNotSimulated() {
    SimulationTruthFile file = new SimulationTruthFile(new Configuration());
    Path p = new Path(dir.resolve("none.json").toUri());
    assertThat(file.read(p)).isEmpty();
    assertThat(file.exists(p)).isFalse();
  }

  @Test
  void aFileOfAnotherFormatIsRefusedNamingTheFormat() throws Exception {
    java.nio.file.Path p = dir.resolve("truth.json");
    Files.writeString(p, "{\"format\": \"other/9\"}");
    assertThatThrownBy(() -> new SimulationTruthFile(new Configuration()).read(new Path(p.toUri())))
        .hasMessageContaining("format='other/9'");
  }
}
