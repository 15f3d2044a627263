package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.fit.truth.TruthModel;
import java.util.Objects;

/**
 * The simulated backend's settings ({@code execution.simulation}): the truth the loss records are drawn from,
 * the loss noise, the seed that (with each trial id) seeds it, and the share of attempts that fail on purpose.
 */
public record SimulationSpec(double noise, long seed, double failureRate, TruthModel truth) {

  public SimulationSpec {
    Objects.requireNonNull(truth, "truth");
    if (!(noise >= 0 && noise <= 1) || !(failureRate >= 0 && failureRate <= 0.9)) {
      throw new IllegalArgumentException("execution.simulation needs noise in [0, 1] and failureRate in [0, 0.9];"
          + " got noise=" + noise + ", failureRate=" + failureRate);
    }
  }

  /** Noise 1e-5 nats (the reference study's residual level), seed 1, no failures, the default truth. */
  public static SimulationSpec defaults() {
    return new SimulationSpec(1e-5, 1, 0, TruthModel.defaults());
  }
}
