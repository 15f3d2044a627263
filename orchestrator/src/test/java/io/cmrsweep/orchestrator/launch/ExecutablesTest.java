package io.cmrsweep.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutablesTest {
  private static final Path HOME = Path.of("/opt/cmr");

  @Test
  void resolvesARelativeToolPathAgainstTheHomeAndKeepsTheArguments() {
    assertThat(Executables.resolve(List.of("bin/worker", "--x", "bin/y"), HOME))
        .containsExactly("/opt/cmr/bin/worker", "--x", "bin/y");
  }

  @Test
  void leavesABareNameToThePathLookupAndAnAbsolutePathAsItIs() {
    assertThat(Executables.resolve(List.of("java", "-version"), HOME)).containsExactly("java", "-version");
    assertThat(Executables.resolve(List.of("/usr/bin/spark-submit"), HOME)).containsExactly("/usr/bin/spark-submit");
  }
}
