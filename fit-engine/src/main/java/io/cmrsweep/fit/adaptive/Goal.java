package io.cmrsweep.fit.adaptive;

/**
 * When an adaptive sweep stops and how fast it moves: every group's CMR interval at most {@code targetWidth}
 * wide, or the {@code budget} spent; at most {@code batch} cells per round.
 */
public record Goal(double targetWidth, Budget budget, int batch) {

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
  }
}
