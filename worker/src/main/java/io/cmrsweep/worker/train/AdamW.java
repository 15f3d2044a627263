package io.cmrsweep.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (decoupled weight decay, PyTorch's update rule) with global-norm gradient clipping, written out in
 * NDArray ops so that its moments can be saved and a preempted trial resumes bit-identically. DJL's own
 * Adam keeps its moments private, and its {@code optClipGrad} clamps each element from above only.
 *
 * <p>All temporaries are created inside an {@link NDScope}: arrays derived from parameters attach to the
 * model's long-lived manager and would otherwise never be freed.
 */
public final class AdamW implements AutoCloseable {
  private final List<Parameter> params;
  private final AdamWConfig config;
  private final NDManager stateManager;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private long updates;

  public AdamW(List<Parameter> params, AdamWConfig config, NDManager parent) {
    this.params = List.copyOf(params);
    this.config = config;
    this.stateManager = parent.newSubManager();
    for (Parameter p : this.params) {
      Shape s = p.getArray().getShape();
      first.add(stateManager.zeros(s, DataType.FLOAT32));
      second.add(stateManager.zeros(s, DataType.FLOAT32));
    }
  }

  public long updates() {
    return updates;
  }

  /**
   * Clips the gradients to the configured global norm, applies one update at {@code lr} and zeroes the
   * gradients.
   *
   * @return the global gradient norm before clipping; when it is not finite nothing is updated
   */
  public double step(double lr) {
    double bc1 = 1 - Math.pow(config.beta1(), updates + 1);
    double bc2 = 1 - Math.pow(config.beta2(), updates + 1);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      List<NDArray> grads = new ArrayList<>(params.size());
      double sumSquares = 0;
      for (Parameter p : params) {
        NDArray g = p.getArray().getGradient();
        grads.add(g);
        sumSquares += g.square().sum().getFloat();
      }
      double norm = Math.sqrt(sumSquares);
      if (!Double.isFinite(norm)) {
        return norm;
      }
      updates++;
      double scale = norm > config.clipNorm() ? config.clipNorm() / (norm + 1e-6) : 1.0;
      for (int i = 0; i < params.size(); i++) {
        NDArray w = params.get(i).getArray();
        NDArray g = grads.get(i);
        NDArray clipped = scale == 1.0 ? g : g.mul(scale);
        if (config.weightDecay() > 0) {
          w.muli(1 - lr * config.weightDecay());
        }
        first.get(i).muli(config.beta1()).addi(clipped.mul(1 - config.beta1()));
        second.get(i).muli(config.beta2()).addi(clipped.square().muli(1 - config.beta2()));
        NDArray denom = second.get(i).sqrt().divi(Math.sqrt(bc2)).addi(config.eps());
        w.subi(first.get(i).div(denom).muli(lr / bc1));
        g.subi(g);
      }
      return norm;
    }
  }

  /** Writes the moments and the update count (the parameters are saved by the model). */
  public void save(Path file) {
    NDList state = new NDList();
    state.add(stateManager.create(new long[] {updates}));
    state.addAll(first);
    state.addAll(second);
    try {
      Files.write(file, state.encode());
    } catch (IOException e) {
      throw new UncheckedIOException("could not save optimizer state to " + file + ": " + e.getMessage(), e);
    } finally {
      state.get(0).close();
    }
  }

  public void load(Path file) {
    NDList state;
    try {
      state = NDList.decode(stateManager, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read optimizer state from " + file + ": " + e.getMessage(), e);
    }
    int n = params.size();
    if (state.size() != 1 + 2 * n) {
      state.close();
      throw new IllegalStateException("optimizer state in " + file + " has " + state.size()
          + " arrays, expected " + (1 + 2 * n) + " for this model; the checkpoint belongs to another shape");
    }
    updates = state.get(0).toLongArray()[0];
    state.get(0).close();
    for (int i = 0; i < n; i++) {
      first.set(i, replace(first.get(i), state.get(1 + i)));
      second.set(i, replace(second.get(i), state.get(1 + n + i)));
    }
  }

  private static NDArray replace(NDArray old, NDArray loaded) {
    if (!old.getShape().equals(loaded.getShape())) {
      throw new IllegalStateException("optimizer moment has shape " + loaded.getShape() + ", parameter needs "
          + old.getShape());
    }
    old.close();
    return loaded;
  }

  @Override
  public void close() {
    stateManager.close();
  }
}
