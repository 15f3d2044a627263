package io.cmrsweep.core.fit;

import java.util.Locale;
import java.util.Optional;

/** How a bootstrap replicate resamples a group (DESIGN 1.1 step 5). */
public enum Resampling {
  /** SEED when every ratio has at least two seeds, else WILD (DESIGN 1.1 step 5). */
  AUTO,
  /** Checkpoints with replacement within each trajectory; the T = 0 base point is always kept. */
  CHECKPOINT,
  /** Whole trajectories (seeds) with replacement within each ratio: a cluster bootstrap. */
  SEED,
  /**
   * Residuals around the fitted token laws, drawn with replacement within each trajectory (the same draw for
   * the general and the domain loss); the checkpoints stay where they were measured.
   */
  RESIDUAL,
  /** Each residual around the fitted token laws times a Rademacher weight (+1 or -1); checkpoints kept. */
  WILD,
  /**
   * Moving blocks of consecutive residuals around the fitted token laws (block length about n^(1/3)), so a
   * replicate keeps the residuals' autocorrelation across checkpoints; checkpoints kept.
   */
  BLOCK;

  /** The lower-case name used in specs and on command lines. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode for a label, ignoring case; empty for anything else. */
  public static Optional<Resampling> parse(String label) {
    for (Resampling r : values()) {
      if (r.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** What {@link #parse} accepts, for error messages. */
  public static String allowed() {
    return "auto, checkpoint, seed, residual, wild or block";
  }
}
