package io.cmrsweep.worker.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.model.LanguageModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's model is the Llama architecture: a plain PyTorch reference forward pass
 * ({@code bench/scripts/llama_reference.py}, Debian's python3-torch, no transformers) and the worker load the
 * same safetensors checkpoint and must agree on the logits to 1e-4 and on the loss of a fixed batch. The
 * checkpoints exercise grouped-query attention, an untied head, a rotary base other than 10000 and an RMSNorm
 * epsilon other than 1e-5/1e-6, in F32, BF16 and F16, single-file and sharded; the last case goes the other way
 * (the worker writes, the reference reads), which is what makes the worker's own bases open in other tools.
 * Fails, never skips, when python3-torch is missing: run bin/setup.
 */
class LlamaReferenceTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final double TOLERANCE = 1e-4;
  private static final int ROWS = 2;
  private static final int LENGTH = 24;
  private static Path script;

  @BeforeAll
  static void referenceIsAvailable() throws Exception {
    script = Path.of("..", "bench", "scripts", "llama_reference.py").toAbsolutePath().normalize();
    assertThat(script).as("the reference script beside the benchmark scripts").isRegularFile();
    Result probe = run(List.of(PYTHON, "-c", "import torch, numpy"));
    assertThat(probe.code()).as("%s cannot import torch and numpy (%s); run bin/setup, which installs Debian's"
        + " python3-torch", PYTHON, probe.output()).isZero();
  }

  @Test
  void gqaUntiedF32CheckpointGivesTheReferenceLogitsAndLoss(@TempDir Path dir) throws Exception {
    compare(write(dir, "F32", 1, true, 4, 2), "F32 single file");
  }

  @Test
  void gqaUntiedBf16CheckpointGivesTheReferenceLogitsAndLoss(@TempDir Path dir) throws Exception {
    compare(write(dir, "BF16", 1, true, 4, 2), "BF16 single file");
  }

  @Test
  void shardedF16CheckpointWithOneKeyValueHeadGivesTheReferenceLogitsAndLoss(@TempDir Path dir) throws Exception {
    compare(write(dir, "F16", 3, true, 4, 1), "F16 in 3 shards, kv_heads 1");
  }

  @Test
  void tiedMultiHeadBf16ShardsGiveTheReferenceLogitsAndLoss(@TempDir Path dir) throws Exception {
    compare(write(dir, "BF16", 2, false, 4, 4), "BF16 in 2 shards, tied, kv_heads = heads");
  }

  @Test
  void aCheckpointTheWorkerWritesGivesTheSameLogitsInTheReference(@TempDir Path dir) throws Exception {
    ModelShape shape = new ModelShape("own", 48, 2, 6, 3, 96, 32, 256, 20000.0, 1e-5, true);
    Path ckpt = Files.createDirectories(dir.resolve("own"));
    long[] ids = ids(shape.vocab(), 11);
    float[] javaLogits;
    double javaLoss;
    try (LanguageModel model = LanguageModel.create(shape, 21)) {
      HfCheckpoint.write(ckpt, model);
      javaLogits = logits(model, ids);
      javaLoss = loss(model, ids);
    }
    Reference ref = reference(ckpt, ids, dir);
    double maxDiff = maxAbsDiff(javaLogits, ref.logits());
    System.out.printf("LlamaReferenceTest worker-written F32: max |logit diff| = %.3g, loss %.7f vs %.7f%n",
        maxDiff, javaLoss, ref.loss());
    assertThat(maxDiff).as("max |logit diff| worker vs reference").isLessThan(TOLERANCE);
    assertThat(javaLoss).isCloseTo(ref.loss(), org.assertj.core.data.Offset.offset(TOLERANCE));
  }

  private static void compare(Path ckpt, String what) throws Exception {
    ModelShape shape = HfCheckpoint.shape(ckpt, "ref", LENGTH);
    long[] ids = ids(shape.vocab(), 5);
    Reference ref = reference(ckpt, ids, ckpt.getParent());
    try (LanguageModel model = LanguageModel.create(shape, 1)) {
      HfCheckpoint.loadInto(ckpt, model);
      float[] javaLogits = logits(model, ids);
      double javaLoss = loss(model, ids);
      double maxDiff = maxAbsDiff(javaLogits, ref.logits());
      double scale = maxAbs(ref.logits());
      System.out.printf("LlamaReferenceTest %s: max |logit diff| = %.3g (logits up to %.2f), loss %.7f vs %.7f%n",
          what, maxDiff, scale, javaLoss, ref.loss());
      assertThat(scale).as("logits are far from zero, so agreement means something").isGreaterThan(1.0);
      assertThat(maxDiff).as("max |logit diff| worker vs reference, " + what).isLessThan(TOLERANCE);
      assertThat(javaLoss).as("loss on the fixed batch, " + what)
          .isCloseTo(ref.loss(), org.assertj.core.data.Offset.offset(TOLERANCE));
    }
  }

  private static Path write(Path dir, String dtype, int shards, boolean untied, int heads, int kvHeads)
      throws Exception {
    Path ckpt = dir.resolve("ckpt");
    List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), "write", ckpt.toString(), "--hidden", "32",
        "--layers", "2", "--heads", String.valueOf(heads), "--kv-heads", String.valueOf(kvHeads), "--ffn", "80",
        "--vocab", "300", "--context", "64", "--rope-theta", "50000", "--rms-eps", "1e-5", "--dtype", dtype,
        "--shards", String.valueOf(shards), "--seed", "3"));
    if (untied) {
      cmd.add("--untied");
    }
    Result r = run(cmd);
    assertThat(r.code()).as("reference write: %s", r.output()).isZero();
    return ckpt;
  }

  private record Reference(float[] logits, double loss) {}

  private static Reference reference(Path ckpt, long[] ids, Path work) throws Exception {
    List<List<Long>> rows = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      List<Long> row = new ArrayList<>();
      for (int t = 0; t < LENGTH; t++) {
        row.add(ids[r * LENGTH + t]);
      }
      rows.add(row);
    }
    Path in = work.resolve("ids.json");
    Path out = work.resolve("reference.json");
    Files.writeString(in, new Gson().toJson(Map.of("ids", rows)));
    Result r = run(List.of(PYTHON, script.toString(), "forward", ckpt.toString(), in.toString(), out.toString()));
    assertThat(r.code()).as("reference forward: %s", r.output()).isZero();
    JsonObject json = new Gson().fromJson(Files.readString(out), JsonObject.class);
    var values = json.getAsJsonArray("logits");
    float[] logits = new float[values.size()];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = values.get(i).getAsFloat();
    }
    return new Reference(logits, json.get("loss").getAsDouble());
  }

  private static long[] ids(int vocab, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    long[] ids = new long[ROWS * LENGTH];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rng.nextInt(vocab);
    }
    return ids;
  }

  private static float[] logits(LanguageModel model, long[] ids) {
    try (NDManager m = model.manager().newSubManager()) {
      return model.logits(m.create(ids, new Shape(ROWS, LENGTH)), false).toFloatArray();
    }
  }

  /** Mean next-token loss of rows[:, 1:] given rows[:, :-1], as the worker computes it in training. */
  private static double loss(LanguageModel model, long[] ids) {
    long[] inputs = new long[ROWS * (LENGTH - 1)];
    long[] targets = new long[ROWS * (LENGTH - 1)];
    for (int r = 0; r < ROWS; r++) {
      for (int t = 0; t < LENGTH - 1; t++) {
        inputs[r * (LENGTH - 1) + t] = ids[r * LENGTH + t];
        targets[r * (LENGTH - 1) + t] = ids[r * LENGTH + t + 1];
      }
    }
    try (NDManager m = model.manager().newSubManager()) {
      return model.meanLoss(m, inputs, targets, ROWS, false).getFloat();
    }
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  private static double maxAbs(float[] a) {
    double max = 0;
    for (float v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + output);
    }
    return new Result(p.exitValue(), output);
  }
}
