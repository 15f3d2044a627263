package io.cmrsweep.core.fit;

/** The setting a sensitivity row varies (DESIGN 3.3); in the fit outputs the lower-case name. */
public enum SensitivityParameter {
  /** The weight of the general-loss rise in F; moves T0 and the CMR law, not sup A. */
  LAMBDA,
  /** The tolerance on the general loss; moves only sup A. */
  EPS
}
