package io.cmrsweep.worker.train;

/** AdamW hyper-parameters; the learning rate comes from a {@link LearningRateSchedule}. */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {

  public AdamWConfig {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas=(" + beta1 + ", " + beta2 + ") must be in [0, 1)");
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("eps=" + eps + " must be > 0");
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weightDecay=" + weightDecay + " must be >= 0");
    }
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("clipNorm=" + clipNorm + " must be > 0");
    }
  }

  /** The settings of the tiny-scale prototype: betas (0.9, 0.95), decay 0.01, clip at norm 1. */
  public static AdamWConfig standard() {
    return new AdamWConfig(0.9, 0.95, 1e-8, 0.01, 1.0);
  }
}
