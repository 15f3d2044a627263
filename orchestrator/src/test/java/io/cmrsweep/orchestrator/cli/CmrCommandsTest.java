package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.testing.Cmr;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmrCommandsTest {
  @TempDir
  Path work;

  private static Path quickstart() {
    Path p = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
    return Files.exists(p) ? p : Path.of("examples", "quickstart.yaml").toAbsolutePath();
  }

  @Test
  void planPrintsTheQuickstartGridWithoutStartingAnything() {
    Cmr.Result r = Cmr.run(work, "plan", quickstart().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep quickstart: 14 trials (2 pretrain, 12 CPT)")
        .contains("cpt-s117k-legal-r0.1-s1-").contains("pt-s357k-");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void statusOfASweepThatNeverRanSaysSoAndCreatesNoLedger() {
    Cmr.Result r = Cmr.run(work, "status", quickstart().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("not started yet").contains("14 trials planned");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void fitDryRunPrintsTheSparkSubmitCommand() {
    Cmr.Result r = Cmr.run(work, "fit", quickstart().toString(), "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("bin/spark-submit --master local[2]")
        .contains("--input-list " + work.resolve("cmr-data/quickstart/fits/inputs.txt")).contains("--bootstrap 400")
        .contains("fit input: 0 loss file(s) of the current spec's 12 CPT cell(s)");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Cmr.run(work, "sweep").code()).isEqualTo(2);
    assertThat(Cmr.run(work, "frobnicate").code()).isEqualTo(2);
    Cmr.Result missing = Cmr.run(work, "status", "no-such-sweep");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no-such-sweep");
  }

  @Test
  void cancelWaitsForADurationWrittenAsTheSpecWritesThem() {
    Cmr.Result r = Cmr.run(work, "cancel", quickstart().toString(), "--wait", "500ms");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sweep quickstart cancelled");
  }

  @Test
  void aBadDurationExitsWithTwoNamingTheOptionTheValueAndTheAcceptedForms() {
    Cmr.Result r = Cmr.run(work, "cancel", quickstart().toString(), "--wait", "5x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid value for option '--wait': '5x' is not a duration; use 500ms, 30s, 5m, 2h"
        + " or ISO-8601 such as PT30S").doesNotContain("\tat ");
    assertThat(work).isEmptyDirectory();
  }
}
