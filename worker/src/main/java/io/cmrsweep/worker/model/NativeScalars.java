package io.cmrsweep.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic on tensors that need a gradient. DJL 0.36's {@code NDArray.mul(Number)} wraps the
 * number in a tensor over a Java direct buffer that it closes right after the op, while autograd keeps that
 * tensor for backward: once the buffer is collected, backward reads garbage. A natively allocated scalar in
 * the operand's own manager lives until that manager (the step's) closes, after backward.
 */
final class NativeScalars {
  private NativeScalars() {}

  static NDArray like(NDArray operand, float value) {
    return operand.getManager().full(new Shape(), value, DataType.FLOAT32, operand.getDevice());
  }
}
