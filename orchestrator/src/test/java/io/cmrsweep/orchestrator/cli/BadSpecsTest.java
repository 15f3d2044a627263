package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.testing.Cmr;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-spec corpus: each file declares on its first line ({@code # expect: cpt.ratios[2]}) the exact
 * field path that one of the reported problems must begin with.
 */
class BadSpecsTest {
  private static final String EXPECT = "# expect: ";

  @TempDir
  Path work;

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(BadSpecsTest.class.getResource("/bad-specs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  /** A problem line that starts with the path, followed by '=', ':' or a space: the path itself, not a prefix. */
  static boolean namesPath(String err, String path) {
    return Pattern.compile("(?m)^\\s*- " + Pattern.quote(path) + "[=: ]").matcher(err).find();
  }

  static String expectedPath(Path spec) throws IOException {
    String first = Files.readAllLines(spec).get(0);
    assertThat(first).as(spec.getFileName() + " declares its field path on the first line").startsWith(EXPECT);
    String path = first.substring(EXPECT.length()).trim();
    assertThat(path).as(spec.getFileName() + " field path").matches("[A-Za-z][\\w.\\[\\]-]*");
    return path;
  }

  @Test
  void theCorpusHoldsAtLeastThirtyMalformedSpecs() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void aPathCountsOnlyWhereAProblemBeginsWithItAndItEndsThere() {
    String err = "cmr: bad.yaml: 2 problem(s) in the sweep spec:\n"
        + "  - cpt.ratios[20]=0.1 is a duplicate; list each ratio once\n"
        + "  - models must be a list, not a mapping\n";
    assertThat(namesPath(err, "models")).isTrue();
    assertThat(namesPath(err, "cpt.ratios[20]")).isTrue();
    assertThat(namesPath(err, "cpt.ratios[2]")).as("a prefix of another path").isFalse();
    assertThat(namesPath(err, "cpt.ratios")).as("a prefix of another path").isFalse();
    assertThat(namesPath(err, "sweep")).as("a word of the header, not a problem").isFalse();
    assertThat(namesPath(err, "ratios")).as("inside another path").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aMalformedSpecExitsWithTwoNamesItsFieldPathAndStartsNothing(Path spec) throws IOException {
    String expected = expectedPath(spec);
    Path copy = work.resolve(spec.getFileName());
    Files.copy(spec, copy);
    for (String command : List.of("plan", "sweep")) {
      Cmr.Result r = Cmr.run(work, command, copy.toString());
      assertThat(r.code()).as(command + " exit code; err=" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(command + " stack trace").doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(namesPath(r.err(), expected)).as(command + ": a problem begins with " + expected + "; err=" + r.err())
          .isTrue();
    }
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("nothing but the spec exists: no storage, ledger or logs").containsExactly(copy);
    }
  }
}
