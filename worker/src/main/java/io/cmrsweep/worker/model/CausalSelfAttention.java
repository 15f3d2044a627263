package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention with rotary positions and a causal mask. Position tables and the mask are
 * built natively from {@code arange} in each forward (a handful of tiny ops) so nothing crosses a Java
 * buffer that autograd could outlive.
 */
final class CausalSelfAttention extends AbstractBlock {
  private static final double ROPE_BASE = 10000.0;
  private final int dim;
  private final int heads;
  private final Linear qkv;
  private final Linear out;

  CausalSelfAttention(int dim, int heads) {
    super((byte) 1);
    this.dim = dim;
    this.heads = heads;
    qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).optBias(false).build());
    out = addChildBlock("out", Linear.builder().setUnits(dim).optBias(false).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int hd = dim / heads;
    NDArray packed = qkv.forward(ps, inputs, training).singletonOrThrow()
        .reshape(b, t, 3, heads, hd).transpose(2, 0, 3, 1, 4);
    NDManager m = x.getManager();
    NDArray[] rope = rotaryTables(m, x, (int) t, hd);
    NDArray q = rotate(packed.get(0), rope[0], rope[1]);
    NDArray k = rotate(packed.get(1), rope[0], rope[1]);
    NDArray v = packed.get(2);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(NativeScalars.like(x, (float) (1.0 / Math.sqrt(hd))));
    NDArray attn = scores.add(causalMask(m, x, t)).softmax(-1);
    NDArray mixed = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, dim);
    return out.forward(ps, new NDList(mixed), training);
  }

  /** Rotates each (first-half, second-half) pair of the head dimension by a position-dependent angle. */
  private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    NDList halves = x.split(2, x.getShape().dimension() - 1);
    NDArray x1 = halves.get(0);
    NDArray x2 = halves.get(1);
    return x1.mul(cos).sub(x2.mul(sin)).concat(x1.mul(sin).add(x2.mul(cos)), x.getShape().dimension() - 1);
  }

  private static NDArray[] rotaryTables(NDManager m, NDArray like, int t, int hd) {
    int half = hd / 2;
    NDArray pos = m.arange(0f, t, 1f, DataType.FLOAT32, like.getDevice()).reshape(t, 1);
    NDArray invFreq = m.arange(0f, half, 1f, DataType.FLOAT32, like.getDevice())
        .mul(-Math.log(ROPE_BASE) / half).exp().reshape(1, half);
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
