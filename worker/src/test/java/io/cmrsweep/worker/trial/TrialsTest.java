package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.tokenizer.TokenizerFixtures;
import io.cmrsweep.worker.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsTest {
  @TempDir static Path shared;
  static Path corpora;
  static Path base;

  @BeforeAll
  static void pretrainATinyBase() {
    corpora = TrialFixtures.writeCorpora(shared.resolve("corpora"));
    base = shared.resolve("base");
    TrialOutcome out = new TrialRunner(corpora, List.of()).run(TrialFixtures.pretrain(corpora, base));
    assertThat(out.exit()).isEqualTo(WorkerExit.OK);
  }

  private static List<LossRecord> read(Path file) {
    return new LossFiles(new Configuration()).read(new org.apache.hadoop.fs.Path(file.toString()), LossFormat.PARQUET);
  }

  @Test
  void pretrainingWritesAHuggingFaceLlamaCheckpointWithShapeTokenizerAndWeights() {
    assertThat(base.resolve("model.json")).exists();
    assertThat(base.resolve("config.json")).content().contains("\"model_type\": \"llama\"");
    assertThat(base.resolve("model.safetensors")).isNotEmptyFile();
    assertThat(base.resolve("tokenizer.json")).as("the HF tokenizer file name is left to real HF tokenizers")
        .doesNotExist();
    assertThat(TokenizerIdentity.recordedIn(base)).contains(TokenizerIdentity.ofBytes());
    BaseCheckpoint.Meta meta = new BaseCheckpoint().readMeta(base);
    assertThat(meta.shape()).isEqualTo(TrialFixtures.shape());
    assertThat(meta.generalValidLoss()).isLessThan(3.5);
    TrialOutcome again = new TrialRunner(corpora, List.of()).run(TrialFixtures.pretrain(corpora, base));
    assertThat(again.message()).contains("already present");
  }

  @Test
  void aCptTrialCommitsBaseAndScheduledLossRecordsAndMovesTowardTheDomain(@TempDir Path dir) {
    Path loss = dir.resolve("losses/domain=legal/model=tiny/cpt.parquet");
    TrialSpec spec = TrialFixtures.cpt(corpora, base, null, loss, 1.0, 40 * 256);
    TrialOutcome out = new TrialRunner(corpora, List.of()).run(spec);
    assertThat(out.exit()).isEqualTo(WorkerExit.OK);
    List<LossRecord> records = read(loss);
    assertThat(records).extracting(LossRecord::tokens).containsExactly(0L, 256L, 1024L, 4096L, 40L * 256);
    assertThat(records).extracting(LossRecord::step).containsExactly(0L, 1L, 4L, 16L, 40L);
    LossRecord t0 = records.get(0);
    LossRecord last = records.get(records.size() - 1);
    assertThat(t0.domainLoss()).as("base model is worse on the domain than on general text")
        .isGreaterThan(t0.generalLoss());
    assertThat(last.domainLoss()).isLessThan(t0.domainLoss() - 0.1);
    assertThat(last.modelParams()).isEqualTo(TrialFixtures.shape().parameterCount());
    assertThat(records).allSatisfy(r -> assertThat(r.trialId()).isEqualTo("cpt-r1.0"));
    assertThat(records).as("byte tokens: bits per byte = nats per token / ln 2").allSatisfy(r -> {
      assertThat(r.generalBitsPerByte()).isCloseTo(r.generalLoss() / Math.log(2), within(1e-9));
      assertThat(r.domainBitsPerByte()).isCloseTo(r.domainLoss() / Math.log(2), within(1e-9));
    });
  }

  @Test
  void aTrialOnJsonlFilesWithAHuggingFaceTokenizerRecordsLossesPerTokenAndPerByte(@TempDir Path dir) {
    List<String> words = List.of("the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "home", "licensee",
        "shall", "grant", "warranty", "software", "notice", "liability", "provided", ".");
    Path tokenizer = TokenizerFixtures.wordLevel(dir.resolve("tok/tokenizer.json"), words, 0);
    List<CorpusFiles> files = List.of(
        new CorpusFiles("web", List.of(jsonl(dir.resolve("web.jsonl.gz"), "general")), "auto", "content"),
        new CorpusFiles("contracts", List.of(jsonl(dir.resolve("contracts.jsonl"), "legal")), "jsonl", "content"));
    ModelShape shape = new ModelShape("tiny", 32, 2, 2, 64, 32, 2 + words.size());
    TrialSpec.Data pretrainData = new TrialSpec.Data(dir.resolve("corpora").toString(), "web", "", 0, 512,
        tokenizer.toString(), files);
    TrialSpec pre = TrialFixtures.pretrain(corpora, dir.resolve("base")).withModel(shape);
    pre = new TrialSpec(pre.identity(), shape, pretrainData, pre.training(), pre.paths(), pre.runtime());
    assertThat(new TrialRunner(corpora, List.of()).run(pre).exit()).isEqualTo(WorkerExit.OK);
    Path loss = dir.resolve("cpt.parquet");
    TrialSpec cpt = TrialFixtures.cpt(corpora, dir.resolve("base"), null, loss, 0.5, 8 * 256);
    cpt = new TrialSpec(cpt.identity(), shape, new TrialSpec.Data(dir.resolve("corpora").toString(), "web",
        "contracts", 0.5, 512, tokenizer.toString(), files), cpt.training(), cpt.paths(), cpt.runtime());

    assertThat(new TrialRunner(corpora, List.of()).run(cpt).exit()).isEqualTo(WorkerExit.OK);

    assertThat(TokenizerIdentity.recordedIn(dir.resolve("base"))).contains(TokenizerIdentity.of(tokenizer.toString()));
    assertThat(dir.resolve("base/tokenizer.json")).hasSameBinaryContentAs(tokenizer);
    List<LossRecord> records = read(loss);
    assertThat(records).isNotEmpty().allSatisfy(r -> {
      assertThat(r.generalBitsPerByte()).isFinite().isPositive();
      // a word token stands for several bytes, so a token's nats spread over more than one byte
      assertThat(r.generalBitsPerByte()).isLessThan(r.generalLoss() / Math.log(2) / 2);
      assertThat(r.domainBitsPerByte()).isLessThan(r.domainLoss() / Math.log(2) / 2);
    });
    assertThat(dir.resolve("corpora/prepared")).isDirectoryContaining(p -> p.getFileName().toString()
        .startsWith("web-")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("contracts-"));
  }

  private static String jsonl(Path file, String from) {
    try {
      List<String> lines = Files.readAllLines(corpora.resolve(from).resolve("documents.jsonl"));
      String text = String.join("\n", lines).replace("\"text\"", "\"content\"").replace(". ", " . ") + "\n";
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (file.toString().endsWith(".gz")) {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
          out.write(bytes);
        }
      } else {
        Files.write(file, bytes);
      }
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTokenizerWithMoreIdsThanTheModelsEmbeddingIsABadSpecNamingModelVocab(@TempDir Path dir) {
    Path tokenizer = TokenizerFixtures.wordLevel(dir.resolve("tokenizer.json"), List.of("a", "b"), 300);
    TrialSpec spec = TrialFixtures.cpt(corpora, base, null, dir.resolve("x.parquet"), 0.5, 4096);
    TrialSpec.Data d = spec.data();
    TrialSpec big = new TrialSpec(spec.identity(), spec.model(), new TrialSpec.Data(d.corporaDir(), d.generalCorpus(),
        d.domain(), d.ratio(), d.validationTokens(), tokenizer.toString(), List.of()), spec.training(), spec.paths(),
        spec.runtime());

    assertThatThrownBy(() -> new TrialRunner(corpora, List.of()).run(big)).isInstanceOf(BadSpecException.class)
        .hasMessageContaining("has 301 tokens, more than the model's embedding (model.vocab=256)")
        .hasMessageContaining(tokenizer.toString());
    assertThat(dir.resolve("x.parquet")).doesNotExist();
  }

  @Test
  void aCptTrialWhoseTokenizerIsNotTheOneItsBaseRecordsIsABadSpecNamingBothAndTrainsNothing(@TempDir Path dir) {
    Path tokenizer = TokenizerFixtures.wordLevel(dir.resolve("tokenizer.json"), List.of("a", "b"), 0);
    TrialSpec spec = TrialFixtures.cpt(corpora, base, null, dir.resolve("x.parquet"), 0.5, 4096);
    TrialSpec.Data d = spec.data();
    TrialSpec other = new TrialSpec(spec.identity(), spec.model(), new TrialSpec.Data(d.corporaDir(),
        d.generalCorpus(), d.domain(), d.ratio(), d.validationTokens(), tokenizer.toString(), List.of()),
        spec.training(), spec.paths(), spec.runtime());

    assertThatThrownBy(() -> new TrialRunner(corpora, List.of()).run(other)).isInstanceOf(BadSpecException.class)
        .hasMessageContaining("data.tokenizer is huggingface sha256=" + TokenizerIdentity.of(tokenizer.toString())
            .sha256())
        .hasMessageContaining("was trained with byte (" + base.resolve("cmr-tokenizer.json") + ")");
    assertThat(dir.resolve("x.parquet")).doesNotExist();
  }

  @Test
  void aRunStoppedEarlyIsTheExactPrefixOfTheFullRunAndIsMeasuredAtItsStop(@TempDir Path dir) {
    long tokens = 40 * 256;
    Path fullLoss = dir.resolve("full.parquet");
    TrialSpec full = TrialFixtures.cpt(corpora, base, null, fullLoss, 0.5, tokens);
    // the full run also measured at 24 steps, where the stopped run ends (evaluating does not change training)
    TrialSpec measuredAt24 = full.withTraining(full.training().withEvalTokens(List.of(256L, 1024L, 4096L, 24 * 256L,
        tokens)));
    new TrialRunner(corpora, List.of()).run(measuredAt24);
    Path stoppedLoss = dir.resolve("stopped.parquet");
    TrialSpec stopped = TrialFixtures.cpt(corpora, base, null, stoppedLoss, 0.5, tokens);
    var t = stopped.training();
    stopped = stopped.withTraining(new TrialSpec.Training(t.seed(), t.tokens(), t.batchSize(), t.peakLr(),
        t.warmupTokens(), t.evalTokens(), 24 * 256L));
    TrialOutcome out = new TrialRunner(corpora, List.of()).run(stopped);
    assertThat(out.exit()).isEqualTo(WorkerExit.OK);
    List<LossRecord> a = read(fullLoss);
    List<LossRecord> b = read(stoppedLoss);
    assertThat(b).extracting(LossRecord::tokens).containsExactly(0L, 256L, 1024L, 4096L, 24 * 256L);
    assertThat(b).extracting(LossRecord::generalLoss)
        .containsExactlyElementsOf(a.subList(0, 5).stream().map(LossRecord::generalLoss).toList());
    assertThat(b).extracting(LossRecord::domainLoss)
        .containsExactlyElementsOf(a.subList(0, 5).stream().map(LossRecord::domainLoss).toList());
  }

  @Test
  void aRunContinuedFromARunStoppedEarlyTrainsOnlyTheRestAndEndsWithExactlyTheFullRunsLosses(@TempDir Path dir) {
    long tokens = 40 * 256;
    Path fullLoss = dir.resolve("full.parquet");
    new TrialRunner(corpora, List.of()).run(TrialFixtures.cpt(corpora, base, null, fullLoss, 0.5, tokens));
    // stopped at 24 steps, which the full run does not measure: the continuation drops that extra measurement
    TrialSpec stopped = stoppedAt(TrialFixtures.cpt(corpora, base, dir.resolve("stopped-work"),
        dir.resolve("stopped.parquet"), 0.5, tokens), 24 * 256L, "cpt-r0.5-t0.6");
    assertThat(new TrialRunner(corpora, List.of()).run(stopped).exit()).isEqualTo(WorkerExit.OK);
    Path continuedLoss = dir.resolve("continued.parquet");
    TrialSpec full = TrialFixtures.cpt(corpora, base, dir.resolve("continued-work"), continuedLoss, 0.5, tokens);
    TrialSpec continued = full.withPaths(new TrialSpec.Paths(full.paths().baseCheckpoint(), full.paths().workDir(),
        full.paths().lossFile(), dir.resolve("stopped-work").toString()));
    List<Long> steps = new ArrayList<>();
    TrainingListener counter = new TrainingListener() {
      @Override
      public void afterForward(long step) {
        steps.add(step);
      }
    };
    assertThat(new TrialRunner(corpora, List.of(counter)).run(continued).exit()).isEqualTo(WorkerExit.OK);
    assertThat(steps).as("only the steps after the stop are trained").hasSize(16).startsWith(24L);
    List<LossRecord> a = read(fullLoss);
    List<LossRecord> b = read(continuedLoss);
    assertThat(b).extracting(LossRecord::tokens).containsExactlyElementsOf(a.stream().map(LossRecord::tokens).toList());
    assertThat(b).extracting(LossRecord::generalLoss)
        .containsExactlyElementsOf(a.stream().map(LossRecord::generalLoss).toList());
    assertThat(b).extracting(LossRecord::domainLoss)
        .containsExactlyElementsOf(a.stream().map(LossRecord::domainLoss).toList());
    assertThat(b).extracting(LossRecord::trialId).containsOnly(full.identity().trialId());
  }

  @Test
  void aContinuationOfAnotherRatiosRunIsRefusedNamingPathsContinueFrom(@TempDir Path dir) {
    long tokens = 40 * 256;
    TrialSpec stopped = stoppedAt(TrialFixtures.cpt(corpora, base, dir.resolve("other-work"),
        dir.resolve("other.parquet"), 0.3, tokens), 24 * 256L, "cpt-r0.3-t0.6");
    new TrialRunner(corpora, List.of()).run(stopped);
    TrialSpec full = TrialFixtures.cpt(corpora, base, null, dir.resolve("x.parquet"), 0.5, tokens);
    TrialSpec wrong = full.withPaths(new TrialSpec.Paths(full.paths().baseCheckpoint(), "",
        full.paths().lossFile(), dir.resolve("other-work").toString()));
    assertThatThrownBy(() -> new TrialRunner(corpora, List.of()).run(wrong))
        .isInstanceOf(BadSpecException.class)
        .hasMessageContaining("paths.continueFrom=" + dir.resolve("other-work"))
        .hasMessageContaining("ratio 0.3")
        .hasMessageContaining("not a shorter run of this trial (ratio 0.5");
    assertThat(dir.resolve("x.parquet")).doesNotExist();
  }

  private static TrialSpec stoppedAt(TrialSpec spec, long stopTokens, String trialId) {
    var t = spec.training();
    var i = spec.identity();
    TrialSpec s = spec.withTraining(new TrialSpec.Training(t.seed(), t.tokens(), t.batchSize(), t.peakLr(),
        t.warmupTokens(), t.evalTokens(), stopTokens));
    return new TrialSpec(new TrialSpec.Identity(i.sweep(), trialId, i.kind(), i.attempt()), s.model(), s.data(),
        s.training(), s.paths(), s.runtime());
  }

  @Test
  void aCrashedTrialResumesFromItsLatestStateToTheSameLossesAsAnUninterruptedRun(@TempDir Path dir) {
    long tokens = 40 * 256;
    Path straight = dir.resolve("straight.parquet");
    new TrialRunner(corpora, List.of()).run(TrialFixtures.cpt(corpora, base, null, straight, 0.5, tokens));
    Path resumed = dir.resolve("resumed.parquet");
    TrialSpec spec = TrialFixtures.cpt(corpora, base, dir.resolve("work"), resumed, 0.5, tokens);
    TrainingListener crashAt20 = new TrainingListener() {
      @Override
      public void afterForward(long step) {
        if (step == 20) {
          throw new IllegalStateException("simulated preemption");
        }
      }
    };
    assertThatThrownBy(() -> new TrialRunner(corpora, List.of(crashAt20)).run(spec))
        .hasMessageContaining("simulated preemption");
    assertThat(resumed).doesNotExist();
    TrialOutcome out = new TrialRunner(corpora, List.of()).run(spec.withAttempt(2));
    assertThat(out.exit()).isEqualTo(WorkerExit.OK);
    List<LossRecord> a = read(straight);
    List<LossRecord> b = read(resumed);
    assertThat(b).extracting(LossRecord::tokens).containsExactlyElementsOf(a.stream().map(LossRecord::tokens).toList());
    assertThat(b).extracting(LossRecord::generalLoss)
        .containsExactlyElementsOf(a.stream().map(LossRecord::generalLoss).toList());
    assertThat(b).extracting(LossRecord::domainLoss)
        .containsExactlyElementsOf(a.stream().map(LossRecord::domainLoss).toList());
    assertThat(b).extracting(LossRecord::attempt).containsExactly(1, 1, 1, 1, 2);
  }

  @Test
  void aBaseModelWithNaNWeightsEndsAsDivergedAndStillCommitsItsRecords(@TempDir Path dir) {
    Path bad = dir.resolve("bad-base");
    try (LanguageModel model = LanguageModel.create(TrialFixtures.shape(), 1)) {
      NDArray w = model.parameters().get(1).getArray();
      float[] nan = new float[(int) w.size()];
      Arrays.fill(nan, Float.NaN);
      w.set(nan);
      new BaseCheckpoint().save(bad, model, new ByteTokenizer(),
          new BaseCheckpoint.Meta(TrialFixtures.shape(), model.parameterCount(), 0, 1e-3, 1, Double.NaN));
    }
    Path loss = dir.resolve("diverged.parquet");
    TrialOutcome out = new TrialRunner(corpora, List.of()).run(TrialFixtures.cpt(corpora, bad, null, loss, 0.5, 4096));
    assertThat(out.exit()).isEqualTo(WorkerExit.DIVERGED);
    assertThat(out.message()).contains("diverged");
    assertThat(read(loss)).isNotEmpty().allSatisfy(r -> assertThat(r.finite()).isFalse());
  }

  @Test
  void aBaseOfAnotherShapeIsABadSpec(@TempDir Path dir) {
    TrialSpec spec = TrialFixtures.cpt(corpora, base, null, dir.resolve("x.parquet"), 0.5, 4096);
    var other = new io.cmrsweep.core.trial.ModelShape("tiny", 32, 1, 2, 64, 32, 256);
    TrialSpec mismatched = spec.withModel(other);
    assertThatThrownBy(() -> new TrialRunner(corpora, List.of()).run(mismatched))
        .isInstanceOf(BadSpecException.class).hasMessageContaining("paths.baseCheckpoint=");
    assertThat(Files.exists(dir.resolve("x.parquet"))).isFalse();
  }

  @Test
  void aCptTrialStartsFromAHuggingFaceLlamaDirectoryWithGroupedQueryAttentionAndAnUntiedHead(@TempDir Path dir)
      throws IOException {
    ModelShape shape = new ModelShape("hf", 32, 2, 4, 2, 64, 32, 256, 50000.0, 1e-5, true);
    Path hf = dir.resolve("hf-base");
    try (LanguageModel model = LanguageModel.create(shape, 8)) {
      io.cmrsweep.worker.checkpoint.HfCheckpoint.write(Files.createDirectories(hf), model);
    }
    Path loss = dir.resolve("hf.parquet");
    TrialSpec spec = TrialFixtures.cpt(corpora, hf, null, loss, 1.0, 20 * 256).withModel(shape);

    TrialOutcome out = new TrialRunner(corpora, List.of()).run(spec);

    assertThat(out.exit()).isEqualTo(WorkerExit.OK);
    List<LossRecord> records = read(loss);
    assertThat(records.get(records.size() - 1).domainLoss()).isLessThan(records.get(0).domainLoss() - 0.1);
    assertThat(records.get(0).modelParams()).isEqualTo(shape.parameterCount());
  }

  @Test
  void aBaseWhoseConfigAsksForSlidingWindowAttentionIsABadSpecNamingTheFileAndField(@TempDir Path dir)
      throws IOException {
    Path hf = Files.createDirectories(dir.resolve("hf-base"));
    try (LanguageModel model = LanguageModel.create(TrialFixtures.shape(), 8)) {
      io.cmrsweep.worker.checkpoint.HfCheckpoint.write(hf, model);
    }
    Path config = hf.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"rope_scaling\": null", "\"sliding_window\": 16"));
    TrialSpec spec = TrialFixtures.cpt(corpora, hf, null, dir.resolve("x.parquet"), 0.5, 4096);

    assertThatThrownBy(() -> new TrialRunner(corpora, List.of()).run(spec)).isInstanceOf(BadSpecException.class)
        .hasMessageContaining(config.toString()).hasMessageContaining("sliding_window=16");
  }

  @Test
  void aBaseWrittenBeforeTheHuggingFaceLayoutStillLoads(@TempDir Path dir) throws IOException {
    Path legacy = Files.createDirectories(dir.resolve("legacy"));
    Path hf = dir.resolve("hf");
    try (LanguageModel model = LanguageModel.create(TrialFixtures.shape(), 12)) {
      model.save(legacy.resolve("params.bin"));
      Files.writeString(legacy.resolve("tokenizer.json"), "{\"type\": \"byte-level-utf8\", \"vocab_size\": 256}");
      Files.writeString(legacy.resolve("model.json"), new com.google.gson.Gson().toJson(
          new BaseCheckpoint.Meta(TrialFixtures.shape(), model.parameterCount(), 0, 1e-3, 1, 2.0)));
      new BaseCheckpoint().save(hf, model, new ByteTokenizer(),
          new BaseCheckpoint.Meta(TrialFixtures.shape(), model.parameterCount(), 0, 1e-3, 1, 2.0));
    }
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    new TrialRunner(corpora, List.of()).run(TrialFixtures.cpt(corpora, legacy, null, a, 0.5, 1024));
    new TrialRunner(corpora, List.of()).run(TrialFixtures.cpt(corpora, hf, null, b, 0.5, 1024));

    assertThat(read(a).get(0).generalLoss()).isEqualTo(read(b).get(0).generalLoss());
    assertThat(read(a).get(0).domainLoss()).isEqualTo(read(b).get(0).domainLoss());
  }
}
