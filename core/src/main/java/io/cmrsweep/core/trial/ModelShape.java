package io.cmrsweep.core.trial;

import io.cmrsweep.core.storage.Names;

/**
 * A Llama-style decoder sized by a few numbers. {@code ffnDim} is the SwiGLU hidden width; {@code vocab}
 * is the tokenizer's vocabulary size (256 for bytes).
 */
public record ModelShape(String label, int dim, int layers, int heads, int ffnDim, int context, int vocab) {

  public ModelShape {
    Names.require("model.label", label);
    positive("model.dim", dim);
    positive("model.layers", layers);
    positive("model.heads", heads);
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
  }

  /** Parameter count of this shape: embeddings (tied head), attention, SwiGLU MLP and RMSNorm gains. */
  public long parameterCount() {
    long attention = 4L * dim * dim;
    long mlp = 3L * dim * ffnDim;
    long norms = 2L * dim;
    return (long) vocab * dim + layers * (attention + mlp + norms) + dim;
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + "=" + value + " must be > 0");
    }
  }
}
