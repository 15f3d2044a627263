package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** SwiGLU feed-forward: down(silu(gate(x)) * up(x)), no biases. */
final class SwiGlu extends AbstractBlock {
  private final int dim;
  private final int hidden;
  private final Linear gate;
  private final Linear up;
  private final Linear down;

  SwiGlu(int dim, int hidden) {
    super((byte) 1);
    this.dim = dim;
    this.hidden = hidden;
    gate = addChildBlock("gate", Linear.builder().setUnits(hidden).optBias(false).build());
    up = addChildBlock("up", Linear.builder().setUnits(hidden).optBias(false).build());
    down = addChildBlock("down", Linear.builder().setUnits(dim).optBias(false).build());
  }

  /** gate, up and down weights in that order ([hidden, dim], [hidden, dim], [dim, hidden]). */
  Parameter[] weights() {
    return new Parameter[] {gate.getParameters().get("weight"), up.getParameters().get("weight"),
        down.getParameters().get("weight")};
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray g = gate.forward(ps, inputs, training).singletonOrThrow();
    NDArray u = up.forward(ps, inputs, training).singletonOrThrow();
    NDArray silu = g.mul(g.getNDArrayInternal().sigmoid());
    return down.forward(ps, new NDList(silu.mul(u)), training);
  }

  @Override
  protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    gate.initialize(manager, dataType, in);
    up.initialize(manager, dataType, in);
    down.initialize(manager, dataType, new Shape(in.get(0), in.get(1), hidden));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), dim)};
  }
}
