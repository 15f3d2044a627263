package io.cmrsweep.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.trial.WorkerExit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.worker.trial.TrialFixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

  private static Path prepareSpec(Path dir, String field) throws Exception {
    StringBuilder general = new StringBuilder();
    StringBuilder domain = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      general.append("{\"text\": \"general document ").append(i).append(" about cats and dogs.\"}\n");
      domain.append("{\"").append(field).append("\": \"licence clause ").append(i).append(" of the warranty.\"}\n");
    }
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/general.jsonl"), general);
    Files.writeString(dir.resolve("in/legal.jsonl"), domain);
    TrialSpec base = TrialFixtures.cpt(dir, dir.resolve("base"), null, dir.resolve("l.parquet"), 0.5, 4096);
    TrialSpec.Data data = new TrialSpec.Data(dir.resolve("corpora").toString(), "general", "legal", 0.5, 1024, "byte",
        List.of(new CorpusFiles("general", List.of(dir.resolve("in/general.jsonl").toString()), "auto", "text"),
            new CorpusFiles("legal", List.of(dir.resolve("in/legal.jsonl").toString()), "auto", "text")));
    TrialSpec spec = new TrialSpec(base.identity(), base.model(), data, base.training(), base.paths(), base.runtime());
    return Files.writeString(dir.resolve("spec.json"), new TrialSpecJson().write(spec));
  }

  @Test
  void prepareTokenizesTheCorporaOfASpecOnceAndFindsThemAgain(@TempDir Path dir) throws Exception {
    Path spec = prepareSpec(dir, "text");

    assertThat(worker.run(new String[] {"prepare", "--spec", spec.toString(), "--threads", "2"}))
        .isEqualTo(WorkerExit.OK);
    assertThat(worker.run(new String[] {"prepare", "--spec", spec.toString()})).isEqualTo(WorkerExit.OK);

    try (Stream<Path> prepared = Files.list(dir.resolve("corpora/prepared"))) {
      assertThat(prepared.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .hasSize(2).anyMatch(n -> n.startsWith("general-")).anyMatch(n -> n.startsWith("legal-"));
    }
  }

  @Test
  void prepareOnAJsonlLineWithoutTheFieldIsABadSpecAndLeavesNoPreparation(@TempDir Path dir) throws Exception {
    Path spec = prepareSpec(dir, "body");

    assertThat(worker.run(new String[] {"prepare", "--spec", spec.toString()})).isEqualTo(WorkerExit.BAD_SPEC);

    try (Stream<Path> prepared = Files.list(dir.resolve("corpora/prepared"))) {
      assertThat(prepared.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("legal-"));
    }
  }
}
