package io.cmrsweep.worker.model;

import ai.djl.nn.Parameter;

/**
 * Where one Hugging Face tensor lives in the worker's model: rows {@code [firstRow, firstRow + rows)} of a
 * parameter whose rows are {@code columns} wide. A 1-D tensor (a norm gain) has one column.
 */
record HfSlot(String name, Parameter parameter, int firstRow, int rows, int columns, boolean vector) {

  HfSlot(String name, Parameter parameter, int firstRow, int rows, int columns) {
    this(name, parameter, firstRow, rows, columns, false);
  }

  static HfSlot whole(String name, Parameter parameter, int rows, int columns) {
    return new HfSlot(name, parameter, 0, rows, columns, false);
  }

  static HfSlot vector(String name, Parameter parameter, int length) {
    return new HfSlot(name, parameter, 0, length, 1, true);
  }

  /** The tensor's shape as a checkpoint stores it. */
  long[] shape() {
    return vector ? new long[] {rows} : new long[] {rows, columns};
  }

  long elements() {
    return (long) rows * columns;
  }
}
