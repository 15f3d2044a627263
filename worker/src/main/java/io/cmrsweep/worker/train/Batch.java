package io.cmrsweep.worker.train;

/** One training batch, row-major [rows, context]: targets are inputs shifted by one token. */
public record Batch(long[] inputs, long[] targets, int rows, int domainRows) {

  public Batch {
    if (rows <= 0 || inputs.length != targets.length || inputs.length % rows != 0) {
      throw new IllegalArgumentException("batch of " + rows + " rows has " + inputs.length + " inputs and "
          + targets.length + " targets");
    }
  }

  public int context() {
    return inputs.length / rows;
  }

  public int tokens() {
    return inputs.length;
  }
}
