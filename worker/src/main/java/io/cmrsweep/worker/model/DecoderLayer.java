package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.cmrsweep.core.trial.ModelShape;

/** Pre-norm decoder layer: x + attn(norm(x)), then + mlp(norm(x)). */
final class DecoderLayer extends AbstractBlock {
  private final RmsNorm attnNorm;
  private final CausalSelfAttention attention;
  private final RmsNorm mlpNorm;
  private final SwiGlu mlp;

  DecoderLayer(ModelShape shape) {
    super((byte) 1);
    attnNorm = addChildBlock("attn_norm", new RmsNorm(shape.dim(), shape.normEps()));
    attention = addChildBlock("attention", new CausalSelfAttention(shape));
    mlpNorm = addChildBlock("mlp_norm", new RmsNorm(shape.dim(), shape.normEps()));
    mlp = addChildBlock("mlp", new SwiGlu(shape.dim(), shape.ffnDim()));
  }

  RmsNorm attnNorm() {
    return attnNorm;
  }

  CausalSelfAttention attention() {
    return attention;
  }

  RmsNorm mlpNorm() {
    return mlpNorm;
  }

  SwiGlu mlp() {
    return mlp;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray h = x.add(attention.forward(ps, attnNorm.forward(ps, inputs, training), training).singletonOrThrow());
    NDArray y = h.add(mlp.forward(ps, mlpNorm.forward(ps, new NDList(h), training), training).singletonOrThrow());
    return new NDList(y);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    attnNorm.initialize(manager, dataType, inputShapes);
    attention.initialize(manager, dataType, inputShapes);
    mlpNorm.initialize(manager, dataType, inputShapes);
    mlp.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
