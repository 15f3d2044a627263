package io.cmrsweep.core.trial;

import io.cmrsweep.core.storage.Names;

/**
 * A Llama-family decoder sized by a few numbers, in the terms of a Hugging Face Llama {@code config.json}.
 * {@code ffnDim} is the SwiGLU hidden width ({@code intermediate_size}); {@code kvHeads} the key/value heads of
 * grouped-query attention ({@code num_key_value_heads}, = {@code heads} for plain multi-head attention);
 * {@code vocab} the tokenizer's vocabulary size (256 for bytes); {@code ropeTheta} the rotary base;
 * {@code normEps} the RMSNorm epsilon; {@code untiedHead} true when the output head is its own matrix
 * ({@code tie_word_embeddings: false}) instead of the token embedding.
 *
 * <p>In a trial spec's JSON, {@code kvHeads}, {@code ropeTheta} and {@code normEps} may be left out (or 0):
 * they then take the worker's small-model defaults ({@code heads}, {@link #DEFAULT_ROPE_THETA},
 * {@link #DEFAULT_NORM_EPS}); {@code untiedHead} left out is false (tied).
 */
public record ModelShape(String label, int dim, int layers, int heads, int kvHeads, int ffnDim, int context,
    int vocab, double ropeTheta, double normEps, boolean untiedHead) {

  public static final double DEFAULT_ROPE_THETA = 10000.0;
  public static final double DEFAULT_NORM_EPS = 1e-6;

  public ModelShape {
    kvHeads = kvHeads == 0 ? heads : kvHeads;
    ropeTheta = ropeTheta == 0 ? DEFAULT_ROPE_THETA : ropeTheta;
    normEps = normEps == 0 ? DEFAULT_NORM_EPS : normEps;
    Names.require("model.label", label);
    positive("model.dim", dim);
    positive("model.layers", layers);
    positive("model.heads", heads);
    positive("model.kvHeads", kvHeads);
    positive("model.ffnDim", ffnDim);
    positive("model.context", context);
    positive("model.vocab", vocab);
    if (dim % heads != 0) {
      throw new IllegalArgumentException("model.dim=" + dim + " must be divisible by model.heads=" + heads);
    }
    if ((dim / heads) % 2 != 0) {
      throw new IllegalArgumentException("model.dim/heads=" + (dim / heads)
          + " must be even for rotary positions; change model.dim or model.heads");
    }
    if (kvHeads > heads || heads % kvHeads != 0) {
      throw new IllegalArgumentException("model.kvHeads=" + kvHeads + " must divide model.heads=" + heads
          + " (grouped-query attention shares each key/value head among heads/kvHeads query heads)");
    }
    if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
      throw new IllegalArgumentException("model.ropeTheta=" + ropeTheta + " must be a positive number, e.g. 10000");
    }
    if (!(normEps > 0 && normEps < 1)) {
      throw new IllegalArgumentException("model.normEps=" + normEps + " must be in (0, 1), e.g. 1e-6");
    }
  }

  /** A small model with multi-head attention, a tied head and the default rotary base and norm epsilon. */
  public ModelShape(String label, int dim, int layers, int heads, int ffnDim, int context, int vocab) {
    this(label, dim, layers, heads, heads, ffnDim, context, vocab, DEFAULT_ROPE_THETA, DEFAULT_NORM_EPS, false);
  }

  public int headDim() {
    return dim / heads;
  }

  /** Parameter count of this shape: embeddings (and head when untied), attention, SwiGLU MLP and RMSNorm gains. */
  public long parameterCount() {
    long kv = (long) kvHeads * headDim();
    long attention = 2L * dim * dim + 2L * dim * kv;
    long mlp = 3L * dim * ffnDim;
    long norms = 2L * dim;
    long embeddings = (long) vocab * dim * (untiedHead ? 2 : 1);
    return embeddings + layers * (attention + mlp + norms) + dim;
  }

  /** The same weights' shape: everything but the label and the training context. */
  public boolean sameWeightsAs(ModelShape other) {
    return dim == other.dim && layers == other.layers && heads == other.heads && kvHeads == other.kvHeads
        && ffnDim == other.ffnDim && vocab == other.vocab && ropeTheta == other.ropeTheta
        && normEps == other.normEps && untiedHead == other.untiedHead;
  }

  public ModelShape withLabelAndContext(String newLabel, int newContext) {
    return new ModelShape(newLabel, dim, layers, heads, kvHeads, ffnDim, newContext, vocab, ropeTheta, normEps,
        untiedHead);
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + "=" + value + " must be > 0");
    }
  }
}
