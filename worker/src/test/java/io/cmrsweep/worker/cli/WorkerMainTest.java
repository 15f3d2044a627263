package io.cmrsweep.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.trial.WorkerExit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerMainTest {
  private final StringWriter err = new StringWriter();
  private final WorkerMain worker = new WorkerMain(Map.of(), new PrintWriter(err, true));

  @Test
  void anUnknownCommandExitsWithTheBadSpecCodeAndOneLine() {
    assertThat(worker.run(new String[] {"frobnicate"})).isEqualTo(WorkerExit.BAD_SPEC);
    assertThat(err.toString()).contains("frobnicate").contains("usage: worker run --spec FILE");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @Test
  void runWithoutASpecExitsWithTheBadSpecCodeNamingTheOption() {
    assertThat(worker.run(new String[] {"run"})).isEqualTo(WorkerExit.BAD_SPEC);
    assertThat(err.toString()).contains("--spec");
  }

  @Test
  void noCommandAtAllIsBadUsage() {
    assertThat(worker.run(new String[0])).isEqualTo(WorkerExit.BAD_SPEC);
    assertThat(err.toString()).contains("a command is missing");
  }

  @Test
  void helpExitsWithZero() {
    assertThat(worker.run(new String[] {"--help"})).isEqualTo(WorkerExit.OK);
    assertThat(worker.run(new String[] {"run", "--help"})).isEqualTo(WorkerExit.OK);
  }

  @Test
  void aSpecFileThatCannotBeReadIsABadSpec(@TempDir Path dir) {
    assertThat(worker.run(new String[] {"run", "--spec", dir.resolve("absent.json").toString()}))
        .isEqualTo(WorkerExit.BAD_SPEC);
  }

  @Test
  void aSpecInTheOldFlatFormIsABadSpec(@TempDir Path dir) throws Exception {
    Path spec = Files.writeString(dir.resolve("flat.json"), "{\"sweep\": \"s\", \"trialId\": \"t\", \"kind\": \"CPT\"}");

    assertThat(worker.run(new String[] {"run", "--spec", spec.toString()})).isEqualTo(WorkerExit.BAD_SPEC);
  }
}
