package io.cmrsweep.bench.worker;

import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.train.AdamW;
import io.cmrsweep.worker.train.AdamWConfig;
import io.cmrsweep.worker.train.LearningRateSchedule;
import io.cmrsweep.worker.train.MixtureBatches;
import io.cmrsweep.worker.train.TokenText;
import io.cmrsweep.worker.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of one model size in this process (run one size per process so the peak RSS is
 * that size's): {@code TrainBench <size> <batch> <warmupSteps> <steps> [text file]}. Prints one JSON line.
 * The text is only a source of token ids; with no file, uniformly random bytes are used.
 */
public final class TrainBench {

  /** One measurement. */
  public record Result(String size, long params, int batch, int context, int threads, int steps, double seconds,
      double tokensPerSecond, long peakRssKb) {
    String json() {
      return String.format(Locale.ROOT, "{\"impl\":\"djl\",\"size\":\"%s\",\"params\":%d,\"batch\":%d,\"context\":%d,"
          + "\"threads\":%d,\"steps\":%d,\"seconds\":%.3f,\"tokens_per_s\":%.1f,\"peak_rss_kb\":%d}", size, params,
          batch, context, threads, steps, seconds, tokensPerSecond, peakRssKb);
    }
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    System.out.println(run(args).json());
  }

  static Result run(String[] args) throws IOException {
    ModelShape shape = BenchSizes.named(args[0]);
    int batch = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    byte[] tokens = args.length > 4 ? Files.readAllBytes(Path.of(args[4])) : randomBytes(1 << 20);
    MixtureBatches batches = MixtureBatches.generalOnly(new TokenText("bench", tokens), batch, shape.context(), 1);
    try (LanguageModel model = LanguageModel.create(shape, 1);
        AdamW opt = new AdamW(model.parameters(), AdamWConfig.standard(), model.manager())) {
      TrainingLoop loop = new TrainingLoop(model, opt, new LearningRateSchedule.WarmupConstant(1e-3, 0), batches,
          List.of());
      for (int s = 0; s < warmup; s++) {
        loop.step(s);
      }
      long t0 = System.nanoTime();
      for (int s = warmup; s < warmup + steps; s++) {
        loop.step(s);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "0"));
      return new Result(shape.label(), model.parameterCount(), batch, shape.context(), threads, steps, seconds,
          (double) steps * batch * shape.context() / seconds, peakRssKb());
    }
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** VmHWM of this process from /proc (Linux); -1 elsewhere. */
  static long peakRssKb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
