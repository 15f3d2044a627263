package io.cmrsweep.fit.cmr;

/** How a bootstrap replicate resamples a group (DESIGN 1.1 step 5). */
public enum Resampling {
  /** SEED when every ratio has at least two seeds, else CHECKPOINT. */
  AUTO,
  /** Checkpoints with replacement within each trajectory; the T = 0 base point is always kept. */
  CHECKPOINT,
  /** Whole trajectories (seeds) with replacement within each ratio: a cluster bootstrap. */
  SEED
}
