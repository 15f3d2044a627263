package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** Root-mean-square norm over the last axis with a learned gain, no bias: x / sqrt(mean(x^2) + eps) * gain. */
final class RmsNorm extends AbstractBlock {
  private final float eps;
  private final Parameter gain;

  RmsNorm(int dim, double eps) {
    super((byte) 1);
    this.eps = (float) eps;
    gain = addParameter(Parameter.builder().setName("gain").setType(Parameter.Type.GAMMA)
        .optInitializer(Initializer.ONES).optShape(new Shape(dim)).build());
  }

  Parameter gain() {
    return gain;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray g = ps.getValue(gain, x.getDevice(), training);
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    NDArray rms = meanSquare.add(NativeScalars.like(x, eps)).sqrt();
    return new NDList(x.div(rms).mul(g));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  public String toString() {
    return "RmsNorm";
  }
}
