package io.cmrsweep.worker.train;

import java.util.SplittableRandom;

/**
 * Draws batches from a general and a domain text with domain share {@code ratio}: each batch has
 * floor(ratio * rows) domain rows plus one more with probability of the remainder, so the expected share
 * is exactly {@code ratio}. Batch {@code k} depends only on (seed, k), never on earlier draws, so a resumed
 * trial sees the same batches as an uninterrupted one without saving any generator state.
 */
public final class MixtureBatches {
  private final TokenText general;
  private final TokenText domain;
  private final double ratio;
  private final int rows;
  private final int context;
  private final long seed;

  public MixtureBatches(TokenText general, TokenText domain, double ratio, int rows, int context, long seed) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio=" + ratio + " must be in [0, 1]");
    }
    if (ratio > 0 && domain == null) {
      throw new IllegalArgumentException("ratio=" + ratio + " needs a domain text");
    }
    requireLongEnough(general, context);
    if (domain != null) {
      requireLongEnough(domain, context);
    }
    this.general = general;
    this.domain = domain;
    this.ratio = ratio;
    this.rows = rows;
    this.context = context;
    this.seed = seed;
  }

  /** Batches of general text only (pre-training). */
  public static MixtureBatches generalOnly(TokenText general, int rows, int context, long seed) {
    return new MixtureBatches(general, null, 0, rows, context, seed);
  }

  public int tokensPerBatch() {
    return rows * context;
  }

  public Batch at(long step) {
    SplittableRandom rng = new SplittableRandom(mix(seed, step));
    double wanted = ratio * rows;
    int domainRows = (int) Math.floor(wanted);
    if (rng.nextDouble() < wanted - domainRows) {
      domainRows++;
    }
    long[] in = new long[rows * context];
    long[] out = new long[rows * context];
    for (int r = 0; r < rows; r++) {
      TokenText src = r < domainRows ? domain : general;
      long start = startOf(rng, src.length() - context);
      for (int c = 0; c < context; c++) {
        in[r * context + c] = src.at(start + c);
        out[r * context + c] = src.at(start + c + 1);
      }
    }
    return new Batch(in, out, rows, domainRows);
  }

  /** Texts under 2^31 tokens draw exactly as they always did, so earlier sweeps stay reproducible. */
  private static long startOf(SplittableRandom rng, long bound) {
    return bound <= Integer.MAX_VALUE ? rng.nextInt((int) bound) : rng.nextLong(bound);
  }

  private static void requireLongEnough(TokenText text, int context) {
    if (text.length() <= context + 1) {
      throw new IllegalArgumentException("text '" + text.name() + "' has " + text.length()
          + " tokens, fewer than one context window of " + (context + 1));
    }
  }

  /** SplitMix64 finaliser of (seed, step): independent streams per step. */
  static long mix(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
