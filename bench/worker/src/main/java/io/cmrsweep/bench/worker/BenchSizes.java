package io.cmrsweep.bench.worker;

import io.cmrsweep.core.trial.ModelShape;
import java.util.List;

/** The model sizes the worker is benchmarked and studied at (about 0.1M, 0.8M and 3.2M parameters). */
public final class BenchSizes {
  private BenchSizes() {}

  public static final List<ModelShape> ALL = List.of(
      new ModelShape("m0", 64, 2, 4, 176, 128, 256),
      new ModelShape("m1", 128, 4, 4, 344, 128, 256),
      new ModelShape("m2", 256, 4, 8, 688, 128, 256));

  public static ModelShape named(String label) {
    return ALL.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("size=" + label + " is unknown; use one of m0, m1, m2"));
  }
}
