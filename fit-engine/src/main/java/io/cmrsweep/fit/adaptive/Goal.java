package io.cmrsweep.fit.adaptive;

import io.cmrsweep.core.fit.PredictParams;
import java.util.Objects;

/**
 * When an adaptive sweep stops and how fast it moves: the CMR interval at most {@code targetWidth} wide, or the
 * {@code budget} spent; at most {@code batch} cells per round. The width is required of every swept group when
 * {@code predictAt} is empty, else of the CMR predicted at each of its target sizes, per domain (the size law
 * across the swept sizes, DESIGN 1.1 step 6).
 */
public record Goal(double targetWidth, Budget budget, int batch, PredictParams predictAt) {

  public Goal {
    if (!(targetWidth > 0 && targetWidth < 1)) {
      throw new IllegalArgumentException("targetWidth=" + targetWidth + " must be in (0, 1)");
    }
    if (budget == null) {
      throw new IllegalArgumentException("budget is missing");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch=" + batch + " must be >= 1");
    }
    Objects.requireNonNull(predictAt, "predictAt");
  }

  /** The width is required of every swept group. */
  public Goal(double targetWidth, Budget budget, int batch) {
    this(targetWidth, budget, batch, PredictParams.none());
  }

  /** The width is required of the predicted CMR at target sizes rather than of each swept size. */
  public boolean predicts() {
    return !predictAt.isEmpty();
  }
}
