package io.cmrsweep.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.cmrsweep.worker.model.LanguageModel;

/**
 * A fixed held-out set: the first {@code maxTokens} tokens of a validation text cut into non-overlapping
 * windows of context + 1. Every evaluation scores every window in full, so checkpoints are compared on
 * exactly the same text and the only noise left is the model's (DESIGN 1.2).
 */
public final class ValidationSet {
  private final String name;
  private final long[] inputs;
  private final long[] targets;
  private final int windows;
  private final int context;
  private final double bytes;

  public ValidationSet(TokenText text, int context, long maxTokens) {
    int usable = (int) Math.min(text.length(), maxTokens + 1);
    int n = (usable - 1) / context;
    if (n < 1) {
      throw new IllegalArgumentException("validation text '" + text.name() + "' has " + text.length()
          + " tokens, fewer than one window of " + (context + 1));
    }
    this.name = text.name();
    this.bytes = text.bytesOfPrefix(1 + (long) n * context) - text.bytesOfPrefix(1);
    this.context = context;
    this.windows = n;
    this.inputs = new long[n * context];
    this.targets = new long[n * context];
    for (int w = 0; w < n; w++) {
      for (int c = 0; c < context; c++) {
        inputs[w * context + c] = text.at(w * context + c);
        targets[w * context + c] = text.at(w * context + c + 1);
      }
    }
  }

  public String name() {
    return name;
  }

  /** Number of scored tokens. */
  public long tokens() {
    return (long) windows * context;
  }

  /** UTF-8 bytes of the text whose tokens are scored. */
  public double bytes() {
    return bytes;
  }

  /** A mean loss in nats per token as bits per UTF-8 byte of the scored text. */
  public double bitsPerByte(double natsPerToken) {
    return natsPerToken * tokens() / (bytes * Math.log(2));
  }

  /** Mean next-token loss in nats over every window, evaluated {@code batchRows} windows at a time. */
  public double loss(LanguageModel model, int batchRows) {
    double sum = 0;
    for (int w = 0; w < windows; w += batchRows) {
      int rows = Math.min(batchRows, windows - w);
      long[] in = new long[rows * context];
      long[] out = new long[rows * context];
      System.arraycopy(inputs, w * context, in, 0, in.length);
      System.arraycopy(targets, w * context, out, 0, out.length);
      try (NDManager m = model.manager().newSubManager()) {
        NDArray nll = model.meanLoss(m, in, out, rows, false);
        sum += (double) nll.getFloat() * rows * context;
      }
    }
    return sum / tokens();
  }
}
