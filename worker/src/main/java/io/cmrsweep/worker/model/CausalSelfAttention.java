package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.cmrsweep.core.trial.ModelShape;

/**
 * Causal self-attention with rotary positions and grouped-query attention, as in Hugging Face's Llama: one
 * packed projection whose output rows are q ({@code heads} heads), then k and v ({@code kvHeads} heads each);
 * rotary in the "rotate half" convention (dimension i of a head pairs with i + headDim/2) with base
 * {@code ropeTheta}; query head h reads key/value head h / (heads / kvHeads). Position tables and the mask are
 * built natively from {@code arange} in each forward (a handful of tiny ops) so nothing crosses a Java buffer
 * that autograd could outlive.
 */
final class CausalSelfAttention extends AbstractBlock {
  private final int dim;
  private final int heads;
  private final int kvHeads;
  private final double ropeTheta;
  private final Linear qkv;
  private final Linear out;

  CausalSelfAttention(ModelShape shape) {
    super((byte) 1);
    this.dim = shape.dim();
    this.heads = shape.heads();
    this.kvHeads = shape.kvHeads();
    this.ropeTheta = shape.ropeTheta();
    long hd = shape.headDim();
    qkv = addChildBlock("qkv", Linear.builder().setUnits((heads + 2L * kvHeads) * hd).optBias(false).build());
    out = addChildBlock("out", Linear.builder().setUnits(dim).optBias(false).build());
  }

  /** The packed [q; k; v] projection weight, [(heads + 2 kvHeads) headDim, dim]. */
  Parameter qkvWeight() {
    return qkv.getParameters().get("weight");
  }

  /** The output projection weight, [dim, heads headDim]. */
  Parameter outWeight() {
    return out.getParameters().get("weight");
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int hd = dim / heads;
    NDArray projected = qkv.forward(ps, inputs, training).singletonOrThrow();
    NDManager m = x.getManager();
    NDArray[] rope = rotaryTables(m, x, (int) t, hd);
    NDArray q;
    NDArray k;
    NDArray v;
    if (kvHeads == heads) {
      NDArray packed = projected.reshape(b, t, 3, heads, hd).transpose(2, 0, 3, 1, 4);
      q = rotate(packed.get(0), rope[0], rope[1]);
      k = rotate(packed.get(1), rope[0], rope[1]);
      v = packed.get(2);
    } else {
      NDList parts = projected.split(new long[] {(long) heads * hd, (long) (heads + kvHeads) * hd}, 2);
      int group = heads / kvHeads;
      q = rotate(parts.get(0).reshape(b, t, heads, hd).transpose(0, 2, 1, 3), rope[0], rope[1]);
      k = rotate(parts.get(1).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3), rope[0], rope[1]).repeat(1, group);
      v = parts.get(2).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3).repeat(1, group);
    }
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(NativeScalars.like(x, (float) (1.0 / Math.sqrt(hd))));
    NDArray attn = scores.add(causalMask(m, x, t)).softmax(-1);
    NDArray mixed = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, dim);
    return out.forward(ps, new NDList(mixed), training);
  }

  /** Rotates each (i, i + half) pair of the head dimension by a position-dependent angle ("rotate half"). */
  private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    NDList halves = x.split(2, x.getShape().dimension() - 1);
    NDArray x1 = halves.get(0);
    NDArray x2 = halves.get(1);
    return x1.mul(cos).sub(x2.mul(sin)).concat(x1.mul(sin).add(x2.mul(cos)), x.getShape().dimension() - 1);
  }

  /** cos and sin of position p times theta^(-i / half) for i < half, [t, half]. */
  private NDArray[] rotaryTables(NDManager m, NDArray like, int t, int hd) {
    int half = hd / 2;
    NDArray pos = m.arange(0f, t, 1f, DataType.FLOAT32, like.getDevice()).reshape(t, 1);
    NDArray invFreq = m.arange(0f, half, 1f, DataType.FLOAT32, like.getDevice())
        .mul(-Math.log(ropeTheta) / half).exp().reshape(1, half);
    NDArray angles = pos.mul(invFreq);
    return new NDArray[] {angles.cos(), angles.sin()};
  }

  private static NDArray causalMask(NDManager m, NDArray like, long t) {
    NDArray r = m.arange(0f, t, 1f, DataType.FLOAT32, like.getDevice());
    return r.reshape(1, t).gt(r.reshape(t, 1)).toType(DataType.FLOAT32, false).mul(-1e9f);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes[0]);
    out.initialize(manager, dataType, inputShapes[0]);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
