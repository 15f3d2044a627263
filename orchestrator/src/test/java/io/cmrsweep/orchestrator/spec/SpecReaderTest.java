package io.cmrsweep.orchestrator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.Backend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecReaderTest {
  private final SpecReader reader = new SpecReader();

  private static Path example(String name) {
    Path p = Path.of("..", "examples", name);
    return p.toFile().exists() ? p : Path.of("examples", name);
  }

  @Test
  void readsTheQuickstartExampleWithItsDefaults() {
    SweepSpec s = reader.read(example("quickstart.yaml"));
    assertThat(s.sweep()).isEqualTo("quickstart");
    assertThat(s.models()).extracting(m -> m.dim()).containsExactly(64, 96);
    assertThat(s.corpora().domains()).containsExactly("legal");
    assertThat(s.cpt().ratios()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(s.seeds()).containsExactly(1, 2, 3);
    assertThat(s.pretrain().tokens()).isEqualTo(1_000_000);
    assertThat(s.cpt().tokens()).isEqualTo(301_056);
    assertThat(s.cpt().evalTokens()).hasSize(13).startsWith(4_096L).endsWith(301_056L);
    assertThat(s.execution().backend()).isEqualTo(Backend.LOCAL);
    assertThat(s.execution().parallelism()).isEqualTo(2);
    assertThat(s.execution().threadsPerWorker()).isEqualTo(1);
    assertThat(s.execution().workerCommand()).containsExactly("bin/worker");
  }

  @Test
  void readsTheAdaptiveExampleWithItsTargetBudgetAndInitialDesign() {
    SweepSpec s = reader.read(example("adaptive.yaml"));
    assertThat(s.seeds()).containsExactly(1, 2, 3, 4);
    AdaptiveSpec a = s.adaptive().orElseThrow();
    assertThat(a.targetWidth()).isEqualTo(0.03);
    assertThat(a.budget()).isEqualTo(io.cmrsweep.fit.adaptive.Budget.trials(24));
    assertThat(a.batch()).isEqualTo(4);
    assertThat(a.initialRatios()).isEqualTo(3);
    assertThat(a.replicates()).isEqualTo(40);
    assertThat(a.stopAt()).containsExactly(0.5);
    assertThat(reader.read(example("quickstart.yaml")).adaptive()).as("a spec without the section").isEmpty();
  }

  @Test
  void anAdaptiveTokenBudgetReadsSuffixesAndTheOtherFieldsTakeDefaults() {
    SweepSpec s = reader.parse("""
        sweep: a
        storage: {root: out}
        corpora: {domains: [legal]}
        models:
          - {label: d48, dim: 48, layers: 2, heads: 4, ffnDim: 128}
        cpt: {ratios: [0.1, 0.2, 0.3, 0.4, 0.5]}
        seeds: [1, 2]
        adaptive: {targetWidth: 0.02, budget: {tokens: 4M}}
        """, "a.yaml");
    AdaptiveSpec a = s.adaptive().orElseThrow();
    assertThat(a.budget()).isEqualTo(io.cmrsweep.fit.adaptive.Budget.tokens(4_000_000));
    assertThat(a.target()).isEqualTo(AdaptiveSpec.PER_SIZE);
    assertThat(a.batch()).isEqualTo(4);
    assertThat(a.initialRatios()).isEqualTo(3);
  }

  @Test
  void adaptiveStopAtSharesAreReadInAscendingOrderAndDefaultToNone() {
    String yaml = PREDICTED.replace("budget: {trials: 20}}", "budget: {trials: 20}, stopAt: [0.5, 0.25]}")
        .replace("0.4, 0.5]}", "0.4, 0.5], checkpoints: 24}");

    assertThat(reader.parse(yaml, "a.yaml").adaptive().orElseThrow().stopAt()).containsExactly(0.25, 0.5);
    assertThat(reader.parse(PREDICTED, "a.yaml").adaptive().orElseThrow().stopAt()).isEmpty();
  }

  @Test
  void anAdaptiveStopAtOfTheWholeBudgetATwiceListedShareOrAWordIsRefusedNamingTheEntry() {
    String yaml = PREDICTED.replace("budget: {trials: 20}}", "budget: {trials: 20}, stopAt: [1.0, 0.5, 0.5, half]}")
        .replace("0.4, 0.5]}", "0.4, 0.5], checkpoints: 24}");

    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse(yaml, "a.yaml"));

    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems().get(0)).contains("adaptive.stopAt[0]=1.0 must be in (0, 1)");
    assertThat(e.problems().get(1)).contains("adaptive.stopAt[2]=0.5 is a duplicate");
    assertThat(e.problems().get(2)).contains("adaptive.stopAt[3]='half' must be a share of cpt.tokens in (0, 1)");
  }

  @Test
  void anAdaptiveStopAtThatLeavesARunTooFewCheckpointsToFitIsRefusedWithTheShareAndCheckpointsThatWouldDo() {
    // cpt.checkpoints defaults to 8 evenly spaced: a run stopped at half has 4, and the general law needs 6
    String yaml = PREDICTED.replace("budget: {trials: 20}}", "budget: {trials: 20}, stopAt: [0.5, 0.75]}");

    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse(yaml, "a.yaml"));

    assertThat(e.problems()).singleElement().asString().contains("adaptive.stopAt[0]=0.5 stops a run after 4"
        + " checkpoint(s) with T > 0").contains("a ratio's fit needs 6").contains("Raise the share to at least 0.75")
        .contains("cpt.checkpoints: 12");
    assertThat(reader.parse(yaml.replace("stopAt: [0.5, 0.75]", "stopAt: [0.75]"), "a.yaml").adaptive()
        .orElseThrow().stopAt()).containsExactly(0.75);
  }

  private static final String PREDICTED = """
      sweep: a
      storage: {root: out}
      corpora: {domains: [legal]}
      models:
        - {label: d48, dim: 48, layers: 2, heads: 4, ffnDim: 128}
        - {label: d64, dim: 64, layers: 2, heads: 4, ffnDim: 176}
      cpt: {ratios: [0.1, 0.2, 0.3, 0.4, 0.5]}
      seeds: [1, 2]
      fit: {predictParams: [7.0e9]}
      adaptive: {targetWidth: 0.02, target: predicted, budget: {trials: 20}}
      """;

  @Test
  void anAdaptiveTargetAtPredictedSizesTakesTheSizesOfFitPredictParams() {
    AdaptiveSpec a = reader.parse(PREDICTED, "a.yaml").adaptive().orElseThrow();

    assertThat(a.target()).isEqualTo(AdaptiveSpec.PREDICTED);
    assertThat(a.predictAt().targets()).containsExactly(7_000_000_000L);
    assertThat(a.goal().predicts()).isTrue();
  }

  @Test
  void anAdaptiveTargetAtPredictedSizesWithoutSizesOrWithOneModelIsRefusedNamingTheFields() {
    String noSizes = PREDICTED.replace("fit: {predictParams: [7.0e9]}\n", "");
    String oneModel = PREDICTED.replace("  - {label: d64, dim: 64, layers: 2, heads: 4, ffnDim: 176}\n", "");

    SpecException a = catchThrowableOfType(SpecException.class, () -> reader.parse(noSizes, "a.yaml"));
    SpecException b = catchThrowableOfType(SpecException.class, () -> reader.parse(oneModel, "a.yaml"));

    assertThat(a.problems()).singleElement().asString()
        .contains("adaptive.target=predicted needs target sizes").contains("fit.predictParams");
    assertThat(b.problems()).singleElement().asString()
        .contains("adaptive.target=predicted needs at least 2 models").contains("models has 1");
  }

  @Test
  void readsTheGpuExampleForKubernetes() {
    SweepSpec s = reader.read(example("gpu-large.yaml"));
    assertThat(s.execution().backend()).isEqualTo(Backend.KUBERNETES);
    assertThat(s.execution().kubernetes().gpus()).isEqualTo(1);
    assertThat(s.execution().kubernetes().tolerations()).hasSize(1);
    assertThat(s.execution().kubernetes().activeDeadline()).isEqualTo(Duration.ofHours(12));
    assertThat(s.pretrain().tokens()).isEqualTo(4_000_000_000L);
  }

  @Test
  void reportsEveryProblemAtOnceWithFieldPaths() {
    String yaml = """
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal, legal]}
        models:
          - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128, colour: red}
        cpt: {ratios: [0.1, 1.4, 0]}
        execution: {parallelism: 0}
        """;
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse(yaml, "t.yaml"));
    assertThat(e.problems()).hasSize(5);
    assertThat(String.join("\n", e.problems()))
        .contains("corpora.domains[1]='legal' is a duplicate")
        .contains("models[0].colour is not a known field")
        .contains("cpt.ratios[1]=1.4 must be in (0, 1]; remove it or use a domain share between 0 and 1")
        .contains("cpt.ratios[2]=0.0 must be in (0, 1]")
        .contains("execution.parallelism=0 must be >= 1");
  }

  @Test
  void theQuickstartUsesTheBuiltInCorporaWithByteTokens() {
    SweepSpec s = reader.read(example("quickstart.yaml"));
    assertThat(s.corpora().builtIn()).isTrue();
    assertThat(s.corpora().tokenizer()).isEqualTo("byte");
  }

  @Test
  void readsCorpusFilesGivenAsAGlobAListOrAMapping() {
    SweepSpec s = reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora:
          general: web
          domains: [law, med]
          tokenizer: tok/tokenizer.json
          files:
            web: data/web/*.jsonl.gz
            law: [data/law/a.txt, data/law/b.txt]
            med: {files: 's3a://b/med/*.parquet', format: parquet, field: abstract}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128, vocab: 1000}]
        cpt: {ratios: [0.5]}
        """, "t.yaml");
    assertThat(s.corpora().files()).extracting(c -> c.name() + " " + c.files() + " " + c.format() + " " + c.field())
        .containsExactly("web [data/web/*.jsonl.gz] auto text", "law [data/law/a.txt, data/law/b.txt] auto text",
            "med [s3a://b/med/*.parquet] parquet abstract");
    assertThat(s.corpora().tokenizer()).isEqualTo("tok/tokenizer.json");
  }

  @Test
  void aBadCorpusFormatOrTokenizerIsNamedByItsPath() {
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora:
          domains: [law]
          tokenizer: tok/vocab.txt
          files:
            law: {files: [a.xml], format: xml, colour: red}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.5]}
        """, "t.yaml"));
    assertThat(e.problems()).anyMatch(p -> p.startsWith("corpora.tokenizer='tok/vocab.txt' must be byte"))
        .anyMatch(p -> p.startsWith("corpora.files.law.format='xml' must be one of auto, jsonl, parquet, text"))
        .anyMatch(p -> p.startsWith("corpora.files.law.colour is not a known field"));
  }

  @Test
  void suggestsTheIntendedFieldForATypo() {
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratio: [0.1]}
        """, "t.yaml"));
    assertThat(e.problems()).anyMatch(p -> p.contains("cpt.ratio is not a known field; did you mean 'ratios'?"));
  }

  @Test
  void acceptsTokenAmountsWithSuffixes() {
    SweepSpec s = reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        pretrain: {tokens: 1.5M}
        cpt: {ratios: [0.1], tokens: 200k, evalTokens: [1000, 200000]}
        """, "t.yaml");
    assertThat(s.pretrain().tokens()).isEqualTo(1_500_000);
    assertThat(s.cpt().evalTokens()).containsExactly(1000L, 200_000L);
  }

  private SpecException fitProblems(String fit) {
    return catchThrowableOfType(SpecException.class, () -> reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        fit: %s
        """.formatted(fit), "t.yaml"));
  }

  @Test
  void aZeroToleranceIsRefusedWithTheRuleTheFitJobApplies() {
    SpecException e = fitProblems("{eps: 0}");
    String rule = FitParameters.problems(0, 1000, 0.95, 1000, Resampling.AUTO, k -> "fit." + k).get(0);
    assertThat(rule).startsWith("fit.eps=0.0 must be a finite tolerance > 0");
    assertThat(e.problems()).containsExactly(rule);
  }

  @Test
  void reportsEveryBadFitParameterAtOnceUnderItsSpecPath() {
    SpecException e = fitProblems("{eps: -1, lambda: 0, level: 95, bootstrap: -3, resampling: rows}");
    assertThat(e.problems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("fit.eps=-1.0 must be a finite tolerance > 0"),
        p -> assertThat(p).startsWith("fit.lambda=0.0 must be a finite weight > 0"),
        p -> assertThat(p).startsWith("fit.level=95.0 must be in (0, 1)"),
        p -> assertThat(p).startsWith("fit.bootstrap=-3 must be >= 0 replicates"),
        p -> assertThat(p).isEqualTo("fit.resampling='rows' is not a resampling mode; use auto, checkpoint, seed, residual, wild or block"));
  }

  /** A one-model spec with the given {@code fit:} entries. */
  private static final String WITH_FIT = """
      sweep: ok
      storage: {root: out}
      corpora: {domains: [legal]}
      models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
      cpt: {ratios: [0.1]}
      fit: {%s}
      """;

  @Test
  void readsTheTargetSizesWrittenAsYamlNumbersOrAsNumericTextAndSortsThem() {
    SweepSpec s = reader.parse(WITH_FIT.formatted("predictParams: [7.0e9, 1000000000, \"3e9\"]"), "t.yaml");
    assertThat(s.fit().predictParams().targets()).containsExactly(1_000_000_000L, 3_000_000_000L, 7_000_000_000L);
  }

  @Test
  void readsTheTargetSizesWrittenAsModelNamesGiveThemAndNamesAnEntryThatIsNoSize() {
    assertThat(reader.parse(WITH_FIT.formatted("predictParams: [7B, 460M, 1.6b]"), "t.yaml").fit().predictParams()
        .targets()).containsExactly(460_000_000L, 1_600_000_000L, 7_000_000_000L);
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> reader.parse(WITH_FIT.formatted("predictParams: [7B, big]"), "t.yaml"));
    assertThat(e.problems()).singleElement().asString().contains("fit.predictParams[1]='big' must be a number of"
        + " parameters").contains("write e.g. 7B or 7.0e9");
  }

  @Test
  void readsTheFitParametersUnderTheFitJobsOptionNames() {
    SweepSpec s = reader.parse(WITH_FIT.formatted("eps: 0.02, lambda: 100, level: 0.9, bootstrap: 0, seed: 11,"
        + " resampling: checkpoint"), "t.yaml");
    assertThat(s.fit().parameters()).isEqualTo(new FitParameters(0.02, 100, 0.9, 0, 11, Resampling.CHECKPOINT));
  }

  @Test
  void readsDurationsWithTheSharedParserAndNamesTheFieldOfABadOne() {
    String spec = """
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        execution: {retry: {initialBackoff: %s, maxBackoff: PT10M}}
        """;
    assertThat(reader.parse(spec.formatted("500ms"), "t.yaml").execution().retry().initialBackoff())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(reader.parse(spec.formatted("PT30S"), "t.yaml").execution().retry().maxBackoff())
        .isEqualTo(Duration.ofMinutes(10));
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse(spec.formatted("soon"), "t.yaml"));
    assertThat(e.problems()).containsExactly("execution.retry.initialBackoff: 'soon' is not a duration; use 500ms,"
        + " 30s, 5m, 2h or ISO-8601 such as PT30S");
  }

  private SpecException problems(String body) {
    return catchThrowableOfType(SpecException.class, () -> reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        """ + body, "t.yaml"));
  }

  @Test
  void tokensBeyondTheMaximumAreOneProblemNamingFieldValueMaximumAndFixWithoutAClampedKnockOn() {
    SpecException e = problems("""
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        pretrain: {tokens: 1e12, warmupTokens: 20k}
        cpt: {ratios: [0.1], tokens: 4000B, checkpoints: 8, warmupTokens: 10k}
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "pretrain.tokens=1000000000000 exceeds the maximum of 100000000000 (100B) tokens; use at most 100B",
        "cpt.tokens=4000000000000 exceeds the maximum of 100000000000 (100B) tokens; use at most 100B");
  }

  @Test
  void aWholeNumberWrittenWithAnExponentIsReadAsTokens() {
    SweepSpec s = reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        pretrain: {tokens: 2e6}
        cpt: {ratios: [0.1]}
        """, "t.yaml");
    assertThat(s.pretrain().tokens()).isEqualTo(2_000_000L);
    assertThat(problems("""
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        pretrain: {tokens: 2.5e-3}
        cpt: {ratios: [0.1]}
        """).problems()).singleElement().asString().startsWith("pretrain.tokens=0.0025 must be a whole number");
  }

  @Test
  void modelDimensionsBeyondTheirMaximaNameTheModelFieldTheValueAndTheMaximum() {
    SpecException e = problems("""
        models: [{label: a, dim: 1000000, layers: 1000, heads: 4, ffnDim: 128, context: 100000, vocab: 10000000}]
        cpt: {ratios: [0.1]}
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "models[0].dim=1000000 exceeds the maximum of 16384; use a smaller model width",
        "models[0].layers=1000 exceeds the maximum of 256; use fewer layers",
        "models[0].context=100000 exceeds the maximum of 32768; use a shorter context",
        "models[0].vocab=10000000 exceeds the maximum of 1048576; use a smaller vocabulary");
  }

  @Test
  void tooManyRatiosAreOneProblemNotOnePerRatio() {
    StringBuilder ratios = new StringBuilder();
    for (int i = 1; i <= 2_000; i++) {
      ratios.append(i == 1 ? "" : ", ").append(i / 2_000.0);
    }
    SpecException e = problems("models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]\n"
        + "cpt: {ratios: [" + ratios + "]}\n");
    assertThat(e.problems()).containsExactly("cpt.ratios has 2000 entries, more than the maximum of 100;"
        + " list at most 100 ratios (a CMR curve needs 5 to 20)");
  }

  @Test
  void aPlanOfMoreTrialsThanTheMaximumIsRefusedNamingTheFactors() {
    String models = java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> "{label: m" + i + ", dim: 48, layers: 2, heads: 4, ffnDim: 128}")
        .collect(java.util.stream.Collectors.joining(", "));
    String ratios = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> Double.toString(i / 100.0))
        .collect(java.util.stream.Collectors.joining(", "));
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [a, b, c, d, e, f, g, h, i, j]}
        models: [%s]
        cpt: {ratios: [%s]}
        seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
        """.formatted(models, ratios), "t.yaml"));
    assertThat(e.problems()).containsExactly("models x corpora.domains x cpt.ratios x seeds = 10 x 10 x 100 x 20"
        + " = 200000 CPT trials (+ 10 pretrain) exceeds the maximum of 10000 trials per sweep; split the sweep or"
        + " use fewer ratios, seeds, domains or models");
  }

  @Test
  void aSpecFileLargerThanTheMaximumIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path big = dir.resolve("big.yaml");
    java.nio.file.Files.writeString(big, "sweep: big\n" + ("# padding\n").repeat(120_000));
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.read(big));
    assertThat(e.problems()).containsExactly("the spec file is " + java.nio.file.Files.size(big)
        + " bytes, more than the maximum of 1048576 (1 MiB); a sweep spec is a few kilobytes: remove what was"
        + " pasted into it, or check that this is the spec file");
  }

  @Test
  void aSpecThatIsNotUtf8NamesTheFileTheLineAndTheByteOffsetAndHowToConvertIt(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    java.nio.file.Files.write(latin1, "sweep: ok\n# r\u00e9sum\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.read(latin1));
    assertThat(e.getMessage()).startsWith(latin1.toString() + ": ");
    assertThat(e.problems()).containsExactly("the spec file is not UTF-8 text: line 2 has the byte 0xE9 that"
        + " UTF-8 does not allow there (byte offset 13); save it as UTF-8, e.g. iconv -f latin1 -t utf-8 "
        + latin1 + " > fixed.yaml");
  }

  private static final String FROM_SPEC = """
      sweep: ok
      storage: {root: out}
      corpora: {domains: [legal]}
      models:
        - %s
      cpt: {ratios: [0.5]}
      """;

  private static Path llama(Path dir, String extraConfig, int vocab) throws java.io.IOException {
    Path ckpt = java.nio.file.Files.createDirectories(dir.resolve("ckpt"));
    String config = io.cmrsweep.core.checkpoint.LlamaConfig.write(
        new io.cmrsweep.core.trial.ModelShape("x", 32, 2, 4, 2, 64, 256, vocab, 10000.0, 1e-5, true));
    java.nio.file.Files.writeString(ckpt.resolve("config.json"), config.replace("\"rope_scaling\": null",
        extraConfig.isEmpty() ? "\"rope_scaling\": null" : extraConfig));
    return ckpt;
  }

  @Test
  void aFromModelTakesItsShapeFromTheCheckpointConfig(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path ckpt = llama(dir, "", 256);
    SweepSpec s = new SpecReader(dir).parse(FROM_SPEC.formatted("{label: base, from: ckpt, context: 64}"), "t.yaml");

    assertThat(s.models()).singleElement().satisfies(m -> {
      assertThat(m.kvHeads()).isEqualTo(2);
      assertThat(m.untiedHead()).isTrue();
      assertThat(m.context()).isEqualTo(64);
    });
    assertThat(s.baseCheckpoint("base")).contains(ckpt.toString());
  }

  @Test
  void aFromModelThatRepeatsAConflictingDimensionIsRefusedNamingBoth(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    llama(dir, "", 256);
    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC.formatted("{label: base, from: ckpt, dim: 64}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString().contains("models[0].dim=64 conflicts with hidden_size=32");
  }

  @Test
  void aFromCheckpointWithRopeScalingIsRefusedNamingTheConfigAndTheField(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path ckpt = llama(dir, "\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0}", 256);
    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC.formatted("{label: base, from: ckpt}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString().startsWith("models[0].from: ")
        .contains(ckpt.resolve("config.json").toString()).contains("rope_scaling=");
  }

  private static final String FROM_SPEC_WITH_TOKENIZER = """
      sweep: ok
      storage: {root: out}
      corpora: {domains: [legal], tokenizer: tok/tokenizer.json}
      models:
        - %s
      cpt: {ratios: [0.5]}
      """;

  /** A WordLevel tokenizer.json of {@code ids} tokens named {@code prefix}0, {@code prefix}1, ... */
  private static Path tokenizer(Path file, int ids, String prefix) throws java.io.IOException {
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < ids; i++) {
      vocab.append(i == 0 ? "" : ", ").append('"').append(prefix).append(i).append("\": ").append(i);
    }
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, "{\"model\": {\"type\": \"WordLevel\", \"unk_token\": \"" + prefix
        + "0\", \"vocab\": {" + vocab + "}}}");
    return file;
  }

  @Test
  void aFromCheckpointTakesItsVocabularyFromTheConfigAndATokenizerOfAsManyIds(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    llama(dir, "", 2000);
    tokenizer(dir.resolve("tok/tokenizer.json"), 2000, "t");

    SweepSpec s = new SpecReader(dir).parse(FROM_SPEC_WITH_TOKENIZER.formatted("{label: base, from: ckpt}"), "t.yaml");

    assertThat(s.models()).singleElement().satisfies(m -> assertThat(m.vocab()).isEqualTo(2000));
  }

  @Test
  void aTokenizerWithMoreIdsThanTheCheckpointsEmbeddingIsRefusedNamingCorporaTokenizerAndBothSizes(
      @org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    Path ckpt = llama(dir, "", 2000);
    tokenizer(dir.resolve("tok/tokenizer.json"), 2001, "t");

    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC_WITH_TOKENIZER.formatted("{label: base, from: ckpt}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("corpora.tokenizer=tok/tokenizer.json has 2001 tokens, more than the 2000 rows of models[0].from")
        .contains("vocab_size=2000 in " + ckpt.resolve("config.json"));
  }

  @Test
  void aByteTokenizerForACheckpointOfFewerThan256IdsIsRefused(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    llama(dir, "", 200);

    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC.formatted("{label: base, from: ckpt}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString().startsWith("corpora.tokenizer=byte has 256 tokens")
        .contains("vocab_size=200");
  }

  @Test
  void aFromDirectoryCarryingAnotherTokenizerFileIsRefusedNamingBothPathsUnlessTheSpecAllowsIt(
      @org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    Path ckpt = llama(dir, "", 2000);
    Path own = tokenizer(ckpt.resolve("tokenizer.json"), 2000, "u");
    tokenizer(dir.resolve("tok/tokenizer.json"), 2000, "t");

    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC_WITH_TOKENIZER.formatted("{label: base, from: ckpt}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("models[0].from=" + ckpt + " carries its own tokenizer " + own
            + " but corpora.tokenizer=tok/tokenizer.json is another tokenizer")
        .contains("models[0].allowTokenizerMismatch: true");
    assertThat(new SpecReader(dir).parse(FROM_SPEC_WITH_TOKENIZER.formatted(
        "{label: base, from: ckpt, allowTokenizerMismatch: true}"), "t.yaml").models()).hasSize(1);
    tokenizer(dir.resolve("tok/tokenizer.json"), 2000, "u");
    assertThat(new SpecReader(dir).parse(FROM_SPEC_WITH_TOKENIZER.formatted("{label: base, from: ckpt}"), "t.yaml")
        .models()).as("the same tokenizer at another path").hasSize(1);
  }

  @Test
  void aBaseThatRecordsAnotherTokenizerIsRefusedNamingBothIdentities(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Path ckpt = llama(dir, "", 2000);
    io.cmrsweep.core.tokenizer.TokenizerIdentity.ofBytes().writeBeside(ckpt);
    Path tok = tokenizer(dir.resolve("tok/tokenizer.json"), 2000, "t");

    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir).parse(
        FROM_SPEC_WITH_TOKENIZER.formatted("{label: base, from: ckpt, allowTokenizerMismatch: true}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("corpora.tokenizer=tok/tokenizer.json is huggingface sha256="
            + io.cmrsweep.core.tokenizer.TokenizerIdentity.of(tok.toString()).sha256() + " (2000 tokens) but models[0].from=")
        .contains("was trained with byte (" + ckpt.resolve("cmr-tokenizer.json") + ")");
  }

  @Test
  void aFromDirectoryWithoutAConfigIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> new SpecReader(dir)
        .parse(FROM_SPEC.formatted("{label: base, from: nowhere}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString().contains("config.json does not exist");
  }
}
