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
    assertThat(s.seeds()).containsExactly(1);
    assertThat(s.pretrain().tokens()).isEqualTo(1_000_000);
    assertThat(s.cpt().tokens()).isEqualTo(301_056);
    assertThat(s.cpt().evalTokens()).hasSize(13).startsWith(4_096L).endsWith(301_056L);
    assertThat(s.execution().backend()).isEqualTo(Backend.LOCAL);
    assertThat(s.execution().parallelism()).isEqualTo(2);
    assertThat(s.execution().threadsPerWorker()).isEqualTo(1);
    assertThat(s.execution().workerCommand()).containsExactly("bin/worker");
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
        p -> assertThat(p).isEqualTo("fit.resampling='rows' is not a resampling mode; use auto, checkpoint or seed"));
  }

  @Test
  void readsTheFitParametersUnderTheFitJobsOptionNames() {
    SweepSpec s = reader.parse("""
        sweep: ok
        storage: {root: out}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        fit: {eps: 0.02, lambda: 100, level: 0.9, bootstrap: 0, seed: 11, resampling: checkpoint}
        """, "t.yaml");
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
}
