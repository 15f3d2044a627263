package io.cmrsweep.fit.cmr;

import java.util.Locale;

/** The outcome class of one group fit; {@link #label()} is the text used in outputs. */
public enum FitStatus {
  OK,
  EMPTY_GROUP,
  NO_BASE_POINT,
  TOO_FEW_RATIOS,
  TOO_FEW_CHECKPOINTS,
  LAW_DID_NOT_CONVERGE,
  NO_FEASIBLE_RATIO,
  INTERNAL_ERROR;

  /** lower_snake name: {@code ok}, {@code no_feasible_ratio}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
