package io.cmrsweep.worker.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs loss, learning rate and throughput every {@code every} steps. */
public final class ProgressLog implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private final String label;
  private final long every;
  private final long totalSteps;
  private long windowStart = System.nanoTime();
  private long windowTokens;

  public ProgressLog(String label, long totalSteps) {
    this.label = label;
    this.totalSteps = totalSteps;
    this.every = Math.max(1, totalSteps / 20);
  }

  @Override
  public void onStep(StepResult r) {
    windowTokens += r.tokens();
    long done = r.step() + 1;
    if (done % every == 0 || done == totalSteps) {
      long now = System.nanoTime();
      double tokensPerSecond = windowTokens / Math.max(1e-9, (now - windowStart) / 1e9);
      LOG.info(String.format("%s step %d/%d loss %.4f grad-norm %.3f lr %.2e %.0f tok/s", label, done, totalSteps,
          r.loss(), r.gradNorm(), r.learningRate(), tokensPerSecond));
      windowStart = now;
      windowTokens = 0;
    }
  }
}
