package io.cmrsweep.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.worker.checkpoint.HfCheckpoint;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.tokenizer.TokenizerFixtures;
import io.cmrsweep.worker.trial.TrialFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real worker jar as a child process, as the orchestrator does, including a hard kill. */
class WorkerProcessIT {
  @TempDir Path dir;

  private Process start(TrialSpec spec, String name) throws IOException {
    Path specFile = dir.resolve(name + ".json");
    Files.writeString(specFile, new TrialSpecJson().write(spec));
    return start(specFile, name);
  }

  private Process start(Path specFile, String name) throws IOException {
    return start(specFile, name, java.util.Map.of());
  }

  private Process start(Path specFile, String name, java.util.Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx512m", "-Dai.djl.offline=true",
        "-DOPT_OUT_TRACKING=true", "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", "-jar",
        System.getProperty("worker.jar", "target/worker.jar"), "run", "--spec", specFile.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().putAll(env);
    return pb.start();
  }

  private int finish(Process p, String name) throws Exception {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished in time", name).isTrue();
    return p.exitValue();
  }

  private static List<LossRecord> read(Path file) {
    return new LossFiles(new Configuration()).read(new org.apache.hadoop.fs.Path(file.toString()), LossFormat.PARQUET);
  }

  @Test
  void aKilledTrialResumedByANewProcessEndsWithTheSameLossesAsAnUninterruptedOne() throws Exception {
    Path corpora = TrialFixtures.writeCorpora(dir.resolve("corpora"));
    Path base = dir.resolve("base");
    assertThat(finish(start(TrialFixtures.pretrain(corpora, base), "pretrain"), "pretrain")).isZero();

    long tokens = 160 * 256L;
    Path straightFile = dir.resolve("straight.parquet");
    TrialSpec straight = noEvalList(TrialFixtures.cpt(corpora, base, null, straightFile, 0.5, tokens));
    assertThat(finish(start(straight, "straight"), "straight")).isEqualTo(WorkerExit.OK.code());

    Path work = dir.resolve("work");
    Path resumedFile = dir.resolve("resumed.parquet");
    TrialSpec spec = noEvalList(TrialFixtures.cpt(corpora, base, work, resumedFile, 0.5, tokens));
    Process victim = start(spec, "victim");
    Path latest = work.resolve("resume/LATEST");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> Files.exists(latest));
    victim.destroyForcibly();
    assertThat(finish(victim, "victim")).isEqualTo(137);
    assertThat(resumedFile).doesNotExist();
    String killedAt = Files.readString(latest);
    assertThat(killedAt).isNotEqualTo("step-160");

    assertThat(finish(start(spec.withAttempt(2), "resume"), "resume")).isEqualTo(WorkerExit.OK.code());
    List<LossRecord> a = read(straightFile);
    List<LossRecord> b = read(resumedFile);
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).tokens()).isEqualTo(a.get(i).tokens());
      assertThat(b.get(i).generalLoss()).as("general loss at T=%d", a.get(i).tokens()).isEqualTo(a.get(i).generalLoss());
      assertThat(b.get(i).domainLoss()).as("domain loss at T=%d", a.get(i).tokens()).isEqualTo(a.get(i).domainLoss());
    }
    assertThat(b).extracting(LossRecord::attempt).contains(1, 2);
  }

  @Test
  void malformedSpecsAndMissingCorporaExitWithTheBadSpecCode() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"sweep\": \"s\", \"trialId\": \"t\", \"kind\": \"CPT\"}");
    assertThat(finish(start(bad, "bad"), "bad")).isEqualTo(WorkerExit.BAD_SPEC.code());
    assertThat(Files.readString(dir.resolve("bad.log"))).contains("bad spec");

    Path empty = Files.createDirectories(dir.resolve("no-corpora"));
    TrialSpec spec = TrialFixtures.pretrain(empty, dir.resolve("base"));
    assertThat(finish(start(spec, "missing"), "missing")).isEqualTo(WorkerExit.BAD_SPEC.code());
    assertThat(Files.readString(dir.resolve("missing.log"))).contains("fetch-corpora");
  }

  /**
   * Tests run as root, which ignores permission bits, so the losses directory is made unwritable for
   * anyone by putting a regular file where it must be. The worker must see this before it trains, exit
   * with the terminal storage code and leave the reason, with the path, as its termination message.
   */
  @Test
  void aLossesDirectoryThatCannotBeWrittenEndsTheWorkerAtOnceWithTheStorageCodeAndItsReason() throws Exception {
    Path corpora = TrialFixtures.writeCorpora(dir.resolve("corpora"));
    Path base = dir.resolve("base");
    assertThat(finish(start(TrialFixtures.pretrain(corpora, base), "pretrain"), "pretrain")).isZero();
    Path blocker = Files.writeString(dir.resolve("losses"), "a file where the losses directory must be");
    Path lossFile = dir.resolve("losses/tiny/legal/cpt.parquet");
    TrialSpec spec = TrialFixtures.cpt(corpora, base, dir.resolve("work"), lossFile, 0.5, 160 * 256L);
    Path specFile = dir.resolve("cpt.json");
    Files.writeString(specFile, new TrialSpecJson().write(spec));
    Path message = dir.resolve("attempt-1.termination");

    long started = System.nanoTime();
    int code = finish(start(specFile, "unwritable", java.util.Map.of("CMR_TERMINATION_LOG", message.toString())),
        "unwritable");

    String log = Files.readString(dir.resolve("unwritable.log"));
    assertThat(code).as(log).isEqualTo(WorkerExit.STORAGE_NOT_WRITABLE.code());
    assertThat(Files.readString(message)).startsWith("paths.lossFile: cannot write to "
        + lossFile.getParent() + ": " + blocker).contains("Not a directory").contains("cmr retry");
    assertThat(log).as("nothing was trained first").doesNotContain("base losses").doesNotContain(" T=")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("work/resume")).doesNotExist();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aCrashLeavesItsReasonAsTheTerminationMessageToo() throws Exception {
    Path corpora = TrialFixtures.writeCorpora(dir.resolve("corpora"));
    Path base = dir.resolve("base");
    assertThat(finish(start(TrialFixtures.pretrain(corpora, base), "pretrain"), "pretrain")).isZero();
    Path lossFile = dir.resolve("losses/cpt.parquet");
    TrialSpec spec = TrialFixtures.cpt(corpora, base, dir.resolve("work"), lossFile, 0.5, 1024);
    // Resume state whose parameters are garbage: an I/O failure of the worker's own state, not a bad spec.
    Path state = Files.createDirectories(dir.resolve("work/resume/step-1"));
    Files.writeString(state.resolve("state.json"),
        "{\"trialId\": \"" + spec.identity().trialId() + "\", \"stepsDone\": 1, \"records\": []}");
    Files.writeString(state.resolve("params.bin"), "garbage, not parameters");
    Files.writeString(dir.resolve("work/resume/LATEST"), "step-1");
    Path specFile = dir.resolve("crash.json");
    Files.writeString(specFile, new TrialSpecJson().write(spec));
    Path message = dir.resolve("attempt-1.termination");

    int code = finish(start(specFile, "crash", java.util.Map.of("CMR_TERMINATION_LOG", message.toString())), "crash");

    assertThat(code).as(Files.readString(dir.resolve("crash.log"))).isEqualTo(WorkerExit.CRASHED.code());
    assertThat(Files.readString(message)).as("the reason a worker failed, whatever the class: " + Files.readString(message))
        .contains("params.bin").hasLineCount(1);
  }

  @Test
  void aCheckpointWithAMisShapedTensorOrAConfigItCannotRepresentExitsWithTheBadSpecCodeNamingIt() throws Exception {
    Path corpora = TrialFixtures.writeCorpora(dir.resolve("corpora"));
    Path ckpt = Files.createDirectories(dir.resolve("hf"));
    try (LanguageModel model = LanguageModel.create(TrialFixtures.shape(), 2)) {
      HfCheckpoint.write(ckpt, model);
    }
    Path config = ckpt.resolve("config.json");
    String good = Files.readString(config);
    Files.writeString(config, good.replace("\"intermediate_size\": 64", "\"intermediate_size\": 64,"
        + " \"num_local_experts\": 8"));
    TrialSpec spec = TrialFixtures.cpt(corpora, ckpt, null, dir.resolve("x.parquet"), 0.5, 4096);
    assertThat(finish(start(spec, "moe"), "moe")).isEqualTo(WorkerExit.BAD_SPEC.code());
    assertThat(Files.readString(dir.resolve("moe.log"))).contains(config.toString()).contains("num_local_experts=8");

    Files.writeString(config, good.replace("\"intermediate_size\": 64", "\"intermediate_size\": 65"));
    assertThat(finish(start(spec.withModel(withFfn(spec, 65)), "shape"), "shape"))
        .isEqualTo(WorkerExit.BAD_SPEC.code());
    assertThat(Files.readString(dir.resolve("shape.log")))
        .contains("tensor model.layers.0.mlp.gate_proj.weight has shape [64, 32]").contains("implies [65, 32]");
    assertThat(dir.resolve("x.parquet")).doesNotExist();
  }

  @Test
  void aCheckpointOfTwoThousandIdsTrainsWithItsTwoThousandTokenTokenizerAndRefusesABaseOfAnotherTokenizer()
      throws Exception {
    Path corpora = TrialFixtures.writeCorpora(dir.resolve("corpora"));
    List<String> words = List.of("the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "home", "licensee",
        "shall", "grant", "warranty", "software", "notice", "liability", "provided", ".");
    Path tokenizer = TokenizerFixtures.wordLevel(dir.resolve("tok/tokenizer.json"), words, 1999);
    assertThat(TokenizerIdentity.of(tokenizer.toString()).vocabularySize()).isEqualTo(2000);
    ModelShape shape = new ModelShape("v2k", 32, 2, 2, 64, 32, 2000);
    Path ckpt = Files.createDirectories(dir.resolve("hf-2k"));
    try (LanguageModel model = LanguageModel.create(shape, 4)) {
      HfCheckpoint.write(ckpt, model);
    }
    TrialSpec base = TrialFixtures.cpt(corpora, ckpt, null, dir.resolve("v2k.parquet"), 0.5, 8 * 256);
    TrialSpec.Data d = base.data();
    TrialSpec spec = new TrialSpec(base.identity(), shape, new TrialSpec.Data(d.corporaDir(), d.generalCorpus(),
        d.domain(), d.ratio(), d.validationTokens(), tokenizer.toString(), List.of()), base.training(),
        base.paths(), base.runtime());

    assertThat(finish(start(spec, "v2k"), "v2k")).as(Files.readString(dir.resolve("v2k.log")))
        .isEqualTo(WorkerExit.OK.code());
    List<LossRecord> records = read(dir.resolve("v2k.parquet"));
    assertThat(records).hasSize(4).allSatisfy(r -> {
      assertThat(r.finite()).isTrue();
      assertThat(r.modelParams()).isEqualTo(shape.parameterCount());
    });
    assertThat(records.get(0).generalLoss()).as("a random 2000-way head starts near ln 2000")
        .isCloseTo(Math.log(2000), org.assertj.core.api.Assertions.within(1.0));

    TokenizerIdentity.ofBytes().writeBeside(ckpt);
    TrialSpec again = spec.withPaths(new TrialSpec.Paths(ckpt.toString(), "", dir.resolve("y.parquet").toString()));
    assertThat(finish(start(again, "mismatch"), "mismatch")).isEqualTo(WorkerExit.BAD_SPEC.code());
    assertThat(Files.readString(dir.resolve("mismatch.log")))
        .contains("data.tokenizer is huggingface sha256=" + TokenizerIdentity.of(tokenizer.toString()).sha256())
        .contains("was trained with byte");
    assertThat(dir.resolve("y.parquet")).doesNotExist();
  }

  private static io.cmrsweep.core.trial.ModelShape withFfn(TrialSpec spec, int ffn) {
    var m = spec.model();
    return new io.cmrsweep.core.trial.ModelShape(m.label(), m.dim(), m.layers(), m.heads(), m.kvHeads(), ffn,
        m.context(), m.vocab(), m.ropeTheta(), m.normEps(), m.untiedHead());
  }

  /** The standard log-plus-regular schedule, so state is saved early and often. */
  private static TrialSpec noEvalList(TrialSpec s) {
    return s.withTraining(s.training().withEvalTokens(List.of()));
  }
}
