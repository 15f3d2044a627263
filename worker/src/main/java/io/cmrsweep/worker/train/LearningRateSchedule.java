package io.cmrsweep.worker.train;

/** Learning rate as a function of the optimizer step (0-based: the rate used by update number step + 1). */
public sealed interface LearningRateSchedule permits LearningRateSchedule.WarmupCosine,
    LearningRateSchedule.WarmupConstant {

  double at(long step);

  /** Linear warmup from 0 to {@code peak}, then cosine decay to {@code finalFraction * peak} at {@code totalSteps}. */
  record WarmupCosine(double peak, long warmupSteps, long totalSteps, double finalFraction)
      implements LearningRateSchedule {
    public WarmupCosine {
      if (!(peak > 0) || warmupSteps < 0 || totalSteps <= 0 || !(finalFraction >= 0 && finalFraction <= 1)) {
        throw new IllegalArgumentException("bad cosine schedule: peak=" + peak + ", warmupSteps=" + warmupSteps
            + ", totalSteps=" + totalSteps + ", finalFraction=" + finalFraction);
      }
    }

    @Override
    public double at(long step) {
      if (step < warmupSteps) {
        return peak * (step + 1) / warmupSteps;
      }
      long decaySteps = Math.max(1, totalSteps - warmupSteps);
      double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
      double floor = peak * finalFraction;
      return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }

  /** Linear warmup from 0 to {@code peak}, then constant (the CPT schedule of the reference study). */
  record WarmupConstant(double peak, long warmupSteps) implements LearningRateSchedule {
    public WarmupConstant {
      if (!(peak > 0) || warmupSteps < 0) {
        throw new IllegalArgumentException("bad constant schedule: peak=" + peak + ", warmupSteps=" + warmupSteps);
      }
    }

    @Override
    public double at(long step) {
      return step < warmupSteps ? peak * (step + 1) / warmupSteps : peak;
    }
  }
}
