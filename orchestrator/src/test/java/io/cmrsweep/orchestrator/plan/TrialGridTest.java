package io.cmrsweep.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.checkpoint.LlamaConfig;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialGridTest {
  private static final String SPEC = """
      sweep: grid
      storage: {root: /data}
      corpora: {domains: [legal, med]}
      models:
        - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}
        - {label: b, dim: 64, layers: 2, heads: 4, ffnDim: 128}
      cpt: {ratios: [0.1, 0.25, 0.5], tokens: 1000, checkpoints: 4}
      seeds: [1, 2]
      """;

  private static SweepSpec spec(String yaml) {
    return new SpecReader().parse(yaml, "t.yaml");
  }

  @Test
  void plansOnePretrainPerSizeAndOneCptPerSizeDomainRatioAndSeed() {
    List<PlannedTrial> plan = new TrialGrid().plan(spec(SPEC));
    assertThat(plan.stream().filter(t -> t.kind() == TrialKind.PRETRAIN)).hasSize(2);
    assertThat(plan.stream().filter(t -> t.kind() == TrialKind.CPT)).hasSize(2 * 2 * 3 * 2);
    assertThat(plan).extracting(PlannedTrial::id).doesNotHaveDuplicates();
    Map<String, PlannedTrial> byId = plan.stream().collect(Collectors.toMap(PlannedTrial::id, Function.identity()));
    plan.stream().filter(PlannedTrial::hasDependency).forEach(t -> {
      PlannedTrial base = byId.get(t.dependsOn());
      assertThat(base.kind()).isEqualTo(TrialKind.PRETRAIN);
      assertThat(base.model()).isEqualTo(t.model());
    });
  }

  @Test
  void theSameSpecAlwaysMapsToTheSameIds() {
    assertThat(new TrialGrid().plan(spec(SPEC))).isEqualTo(new TrialGrid().plan(spec(SPEC)));
  }

  @Test
  void changingACellsSettingsGivesItANewIdAndLeavesOthersAlone() {
    List<String> before = new TrialGrid().plan(spec(SPEC)).stream().map(PlannedTrial::id).toList();
    List<String> moreRatios = new TrialGrid().plan(spec(SPEC.replace("[0.1, 0.25, 0.5]", "[0.1, 0.25, 0.5, 0.75]")))
        .stream().map(PlannedTrial::id).toList();
    assertThat(moreRatios).containsAll(before).hasSize(before.size() + 2 * 2 * 2);
    List<String> longerCpt = new TrialGrid().plan(spec(SPEC.replace("tokens: 1000", "tokens: 2000")))
        .stream().map(PlannedTrial::id).toList();
    assertThat(longerCpt.stream().filter(id -> id.startsWith("cpt-")).filter(before::contains)).isEmpty();
    assertThat(longerCpt.stream().filter(id -> id.startsWith("pt-"))).allMatch(before::contains);
    List<String> biggerB = new TrialGrid().plan(spec(SPEC.replace("label: b, dim: 64, layers: 2", "label: b, dim: 64, layers: 3")))
        .stream().map(PlannedTrial::id).toList();
    assertThat(biggerB.stream().filter(id -> id.contains("-a-")).toList())
        .isEqualTo(before.stream().filter(id -> id.contains("-a-")).toList());
    assertThat(biggerB.stream().filter(id -> id.contains("-b-")).filter(before::contains)).isEmpty();
  }

  @Test
  void aTokenizerOrFileCorporaGiveEveryTrialANewIdAndTheBuiltInSettingKeepsTheOldOnes() {
    List<String> before = new TrialGrid().plan(spec(SPEC)).stream().map(PlannedTrial::id).toList();
    List<String> explicitByte = new TrialGrid().plan(spec(SPEC.replace("corpora: {domains: [legal, med]}",
        "corpora: {domains: [legal, med], tokenizer: byte}"))).stream().map(PlannedTrial::id).toList();
    List<String> hf = new TrialGrid().plan(spec(SPEC.replace("corpora: {domains: [legal, med]}",
        "corpora: {domains: [legal, med], tokenizer: tok/tokenizer.json}"))).stream().map(PlannedTrial::id).toList();
    List<String> files = new TrialGrid().plan(spec(SPEC.replace("corpora: {domains: [legal, med]}",
        "corpora: {domains: [legal, med], files: {med: 'pubmed/*.parquet'}}"))).stream().map(PlannedTrial::id).toList();

    assertThat(explicitByte).isEqualTo(before);
    assertThat(hf).hasSameSizeAs(before).noneMatch(before::contains);
    assertThat(files).hasSameSizeAs(before).noneMatch(before::contains).noneMatch(hf::contains);
  }

  @Test
  void theWorkersTrialSpecCarriesTheTokenizerAndTheCorpusFilesMadeAbsolute() {
    SweepSpec s = spec(SPEC.replace("corpora: {domains: [legal, med]}", "corpora: {domains: [legal, med],"
        + " tokenizer: tok/spm.model, files: {med: {files: ['pubmed/*.parquet', 's3a://bucket/med/*.jsonl.gz'],"
        + " field: abstract}}}"));
    PlannedTrial cpt = new TrialGrid().plan(s).stream().filter(t -> t.domain().equals("med")).findFirst().orElseThrow();

    SweepLayout layout = SweepLayout.of("/data", "grid");
    var data = new TrialSpecFactory(s, layout, layout, p -> p.contains("://")
        ? p : "/team/" + p).create(cpt, 1).data();

    assertThat(data.tokenizer()).isEqualTo("/team/tok/spm.model");
    assertThat(data.corpora()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("med");
      assertThat(c.files()).containsExactly("/team/pubmed/*.parquet", "s3a://bucket/med/*.jsonl.gz");
      assertThat(c.field()).isEqualTo("abstract");
      assertThat(c.format()).isEqualTo("auto");
    });
  }

  @Test
  void anAdaptiveStopAtAddsARunStoppedEarlyPerCellAndLeavesTheFullRunsIdsAlone() {
    String grid = SPEC.replace("checkpoints: 4", "checkpoints: 12");
    String adaptive = grid + "adaptive: {targetWidth: 0.02, budget: {trials: 20}, stopAt: [0.5]}\n";
    List<PlannedTrial> without = new TrialGrid().plan(spec(grid
        + "adaptive: {targetWidth: 0.02, budget: {trials: 20}}\n"));
    List<PlannedTrial> with = new TrialGrid().plan(spec(adaptive));
    List<PlannedTrial> stopped = with.stream().filter(t -> t.stopTokens() > 0).toList();

    assertThat(with.stream().filter(t -> t.stopTokens() == 0).toList()).isEqualTo(without);
    assertThat(stopped).hasSize(24).allSatisfy(t -> {
      assertThat(t.stopTokens()).isEqualTo(500);
      assertThat(t.id()).contains("-t0.5-");
    });
    assertThat(with.stream().map(PlannedTrial::id).distinct()).hasSize(with.size());
    SweepSpec s = spec(adaptive);
    TrialSpec t = new TrialSpecFactory(s, SweepLayout.of("/data", "grid")).create(stopped.get(0), 1);
    assertThat(t.training().tokens()).as("the schedule stays the full run's").isEqualTo(1000);
    assertThat(t.training().runTokens()).isEqualTo(500);
    assertThat(t.training().evalTokens()).as("the full run's schedule").hasSize(12).endsWith(1000L);
  }

  @Test
  void mapsACellToTheWorkersTrialSpecWithItsStoragePaths() {
    SweepSpec s = spec(SPEC);
    List<PlannedTrial> plan = new TrialGrid().plan(s);
    TrialSpecFactory factory = new TrialSpecFactory(s, SweepLayout.of("/data", "grid"));
    PlannedTrial cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).findFirst().orElseThrow();
    TrialSpec t = factory.create(cpt, 3);
    assertThat(t.identity().attempt()).isEqualTo(3);
    assertThat(t.paths().lossFile()).isEqualTo("/data/grid/losses/domain=legal/model=a/" + cpt.id() + ".parquet");
    assertThat(t.paths().baseCheckpoint()).isEqualTo("/data/grid/checkpoints/a/" + cpt.dependsOn() + "/base");
    assertThat(t.training().evalTokens()).containsExactly(250L, 500L, 750L, 1000L);
    TrialSpec pt = factory.create(plan.get(0), 1);
    assertThat(pt.identity().kind()).isEqualTo(TrialKind.PRETRAIN);
    assertThat(pt.paths().lossFile()).isEmpty();
    assertThat(pt.paths().baseCheckpoint()).isEqualTo("/data/grid/checkpoints/a/" + plan.get(0).id() + "/base");
    assertThat(cpt.dependsOn()).isEqualTo(plan.get(0).id());
  }

  @Test
  void aChangedModelShapeUnderTheSameLabelGetsANewBaseLocationAndNewCptIds() {
    SweepSpec before = spec(SPEC);
    SweepSpec after = spec(SPEC.replace("label: a, dim: 48", "label: a, dim: 32"));
    List<PlannedTrial> old = new TrialGrid().plan(before);
    List<PlannedTrial> now = new TrialGrid().plan(after);
    PlannedTrial oldPt = old.get(0);
    PlannedTrial newPt = now.get(0);
    assertThat(newPt.model()).isEqualTo(oldPt.model()).isEqualTo("a");
    assertThat(newPt.id()).isNotEqualTo(oldPt.id());
    SweepLayout layout = SweepLayout.of("/data", "grid");
    String oldBase = new TrialSpecFactory(before, layout).create(oldPt, 1).paths().baseCheckpoint();
    String newBase = new TrialSpecFactory(after, layout).create(newPt, 1).paths().baseCheckpoint();
    assertThat(newBase).isNotEqualTo(oldBase);
    List<PlannedTrial> newCptOfA = now.stream().filter(t -> t.kind() == TrialKind.CPT && t.model().equals("a")).toList();
    assertThat(newCptOfA).isNotEmpty().allSatisfy(t -> {
      assertThat(t.dependsOn()).isEqualTo(newPt.id());
      assertThat(new TrialSpecFactory(after, layout).create(t, 1).paths().baseCheckpoint()).isEqualTo(newBase);
    });
    assertThat(newCptOfA).extracting(PlannedTrial::id).doesNotContainAnyElementsOf(old.stream().map(PlannedTrial::id).toList());
  }

  @Test
  void aModelFromACheckpointHasNoPretrainTrialAndItsCptTrialsStartFromTheCheckpoint(@TempDir Path dir)
      throws IOException {
    ModelShape stored = new ModelShape("x", 32, 2, 4, 2, 64, 512, 256, 500000.0, 1e-5, true);
    Path ckpt = Files.createDirectories(dir.resolve("my-llama"));
    Files.writeString(ckpt.resolve("config.json"), LlamaConfig.write(stored));
    SweepSpec s = new SpecReader(dir).parse(SPEC.replace("{label: b, dim: 64, layers: 2, heads: 4, ffnDim: 128}",
        "{label: b, from: my-llama, context: 64}"), "t.yaml");

    List<PlannedTrial> plan = new TrialGrid().plan(s);

    assertThat(plan.stream().filter(t -> t.kind() == TrialKind.PRETRAIN)).extracting(PlannedTrial::model)
        .containsExactly("a");
    List<PlannedTrial> fromB = plan.stream().filter(t -> t.model().equals("b")).toList();
    assertThat(fromB).hasSize(2 * 3 * 2).allSatisfy(t -> assertThat(t.hasDependency()).isFalse());
    TrialSpec t = new TrialSpecFactory(s, SweepLayout.of("/data", "grid")).create(fromB.get(0), 1);
    assertThat(t.paths().baseCheckpoint()).isEqualTo(ckpt.toString());
    assertThat(t.model()).isEqualTo(stored.withLabelAndContext("b", 64));
    assertThat(new TrialGrid().plan(s)).isEqualTo(plan);
  }
}
