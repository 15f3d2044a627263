package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmr prepare and cmr sweep run the worker's preparation before any trial, under the real coordinator. */
class CorpusPreparationIT {
  private static final String GRID = """
      corpora:
        tokenizer: tok/tokenizer.json
        general: web
        domains: [contracts, legal]
        files:
          web: data/web/*.jsonl.gz
          contracts: {files: [data/contracts.parquet], field: body}
      models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128, vocab: 512}]
      cpt: {ratios: [0.5], tokens: 1000, checkpoints: 2}
      """;

  @TempDir
  Path dir;

  @Test
  void sweepPreparesEveryDomainWithTheGeneralCorpusBeforeTheFirstTrialStarts() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);

    Cmr.Result r = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<String> journal = sweep.journal();
    String tokenizer = dir.resolve("tok/tokenizer.json").toString();
    assertThat(journal.subList(0, 2)).containsExactly("prepare web contracts " + tokenizer + " 2",
        "prepare web legal " + tokenizer + " 2");
    assertThat(journal.subList(2, journal.size())).isNotEmpty().noneMatch(l -> l.startsWith("prepare "));
    assertThat(r.out()).contains("corpora web + contracts prepared");
  }

  @Test
  void aPreparationThatFindsBadInputStopsTheSweepWithTwoBeforeAnyTrial() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    Files.writeString(dir.resolve("fake/control/prepare"), "exit=2");

    Cmr.Result r = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("preparing corpora web + contracts failed (worker exit 2)");
    assertThat(sweep.journal()).singleElement().asString().startsWith("prepare ");
  }

  @Test
  void prepareAloneRunsOnlyThePreparation() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);

    Cmr.Result r = Cmr.run(dir, "prepare", sweep.spec().toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(sweep.journal()).hasSize(2).allMatch(l -> l.startsWith("prepare web "));
  }
}
