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
 * Decoder-only Llama-family transformer: token embedding, N pre-norm layers (rotary causal attention with
 * grouped-query heads, SwiGLU MLP, RMSNorm), final RMSNorm and an output head that is the embedding (tied)
 * or its own matrix ({@link ModelShape#untiedHead()}). Input: int64 token ids [B, T]; output: logits
 * [B, T, vocab].
 */
public final class LlamaBlock extends AbstractBlock {
  private final ModelShape shape;
  private final Parameter embedding;
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final RmsNorm finalNorm;
  private final Parameter head;

  public LlamaBlock(ModelShape shape) {
    super((byte) 1);
    this.shape = shape;
    embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(shape.vocab(), shape.dim())).build());
    for (int i = 0; i < shape.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderLayer(shape)));
    }
    finalNorm = addChildBlock("final_norm", new RmsNorm(shape.dim(), shape.normEps()));
    head = shape.untiedHead() ? addParameter(Parameter.builder().setName("head").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(shape.vocab(), shape.dim())).build()) : null;
  }

  public ModelShape shape() {
    return shape;
  }

  /**
   * Every parameter under its Hugging Face Llama tensor name (DESIGN: names, [out, in] linear weights). The
   * packed attention projection appears as three row ranges (q_proj, k_proj, v_proj) of one parameter.
   */
  List<HfSlot> hfSlots() {
    List<HfSlot> out = new ArrayList<>();
    int dim = shape.dim();
    int hd = shape.headDim();
    out.add(HfSlot.whole("model.embed_tokens.weight", embedding, shape.vocab(), dim));
    for (int i = 0; i < layers.size(); i++) {
      DecoderLayer layer = layers.get(i);
      String p = "model.layers." + i + ".";
      Parameter qkv = layer.attention().qkvWeight();
      int q = shape.heads() * hd;
      int kv = shape.kvHeads() * hd;
      out.add(new HfSlot(p + "self_attn.q_proj.weight", qkv, 0, q, dim));
      out.add(new HfSlot(p + "self_attn.k_proj.weight", qkv, q, kv, dim));
      out.add(new HfSlot(p + "self_attn.v_proj.weight", qkv, q + kv, kv, dim));
      out.add(HfSlot.whole(p + "self_attn.o_proj.weight", layer.attention().outWeight(), dim, q));
      Parameter[] mlp = layer.mlp().weights();
      out.add(HfSlot.whole(p + "mlp.gate_proj.weight", mlp[0], shape.ffnDim(), dim));
      out.add(HfSlot.whole(p + "mlp.up_proj.weight", mlp[1], shape.ffnDim(), dim));
      out.add(HfSlot.whole(p + "mlp.down_proj.weight", mlp[2], dim, shape.ffnDim()));
      out.add(HfSlot.vector(p + "input_layernorm.weight", layer.attnNorm().gain(), dim));
      out.add(HfSlot.vector(p + "post_attention_layernorm.weight", layer.mlpNorm().gain(), dim));
    }
    out.add(HfSlot.vector("model.norm.weight", finalNorm.gain(), dim));
    if (head != null) {
      out.add(HfSlot.whole("lm_head.weight", head, shape.vocab(), dim));
    }
    return out;
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
    NDArray output = head == null ? table : ps.getValue(head, ids.getDevice(), training);
    return normed.getNDArrayInternal().linear(normed, output, null);
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
