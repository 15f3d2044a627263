package io.cmrsweep.core.fit;

import java.util.Locale;
import java.util.Optional;

/** How a bootstrap replicate resamples a group (DESIGN 1.1 step 5). */
public enum Resampling {
  /** SEED when every ratio has at least two seeds, else CHECKPOINT. */
  AUTO,
  /** Checkpoints with replacement within each trajectory; the T = 0 base point is always kept. */
  CHECKPOINT,
  /** Whole trajectories (seeds) with replacement within each ratio: a cluster bootstrap. */
  SEED;

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
    return "auto, checkpoint or seed";
  }
}
