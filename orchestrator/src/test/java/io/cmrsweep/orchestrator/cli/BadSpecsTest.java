package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.testing.Cmr;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The malformed-spec corpus: each file names, on its first line, the field its message must name. */
class BadSpecsTest {
  @TempDir
  Path work;

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(BadSpecsTest.class.getResource("/bad-specs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @Test
  void theCorpusHoldsAtLeastThirtyMalformedSpecs() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aMalformedSpecExitsWithTwoNamesItsFieldAndStartsNothing(Path spec) throws IOException {
    String expected = Files.readAllLines(spec).get(0).replace("# expect:", "").trim();
    Path copy = work.resolve(spec.getFileName());
    Files.copy(spec, copy);
    for (String command : List.of("plan", "sweep")) {
      Cmr.Result r = Cmr.run(work, command, copy.toString());
      assertThat(r.code()).as(command + " exit code; err=" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(command).contains(expected).doesNotContain("\tat ");
    }
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("nothing but the spec exists: no storage, ledger or logs").containsExactly(copy);
    }
  }
}
