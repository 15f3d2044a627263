package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.cmrsweep.core.trial.ModelShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoder-only Llama-style transformer: token embedding, N pre-norm layers (rotary causal attention,
 * SwiGLU MLP, RMSNorm), final RMSNorm and an output head tied to the embedding. Input: int64 token ids
 * [B, T]; output: logits [B, T, vocab].
 */
public final class LlamaBlock extends AbstractBlock {
  private final ModelShape shape;
  private final Parameter embedding;
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final RmsNorm finalNorm;

  public LlamaBlock(ModelShape shape) {
    super((byte) 1);
    this.shape = shape;
    embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(shape.vocab(), shape.dim())).build());
    for (int i = 0; i < shape.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderLayer(shape.dim(), shape.heads(), shape.ffnDim())));
    }
    finalNorm = addChildBlock("final_norm", new RmsNorm(shape.dim()));
  }

  public ModelShape shape() {
    return shape;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = ps.getValue(embedding, ids.getDevice(), training);
    NDArray x = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    NDList h = new NDList(x);
    for (DecoderLayer layer : layers) {
      h = layer.forward(ps, h, training);
    }
    NDArray normed = finalNorm.forward(ps, h, training).singletonOrThrow();
    return normed.getNDArrayInternal().linear(normed, table, null);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), shape.dim());
    for (DecoderLayer layer : layers) {
      layer.initialize(manager, dataType, hidden);
    }
    finalNorm.initialize(manager, dataType, hidden);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), shape.vocab())};
  }
}
