package io.cmrsweep.core.fit;

import java.util.Locale;

/**
 * What a fit can say about the CMR (DESIGN 1.2); in the fit outputs the lower-case name.
 * <ul>
 *   <li>{@code estimate}: the data identify the CMR; {@code cmr} with {@code ci_low, ci_high} is the answer.
 *   <li>{@code upper_bound}: the tolerance bound sup A decides, but the CMR law is not identified well enough
 *       to rule out that it lies lower: all that is known is CMR <= sup A, with sup A's interval.
 *   <li>{@code not_identified}: the law (or interpolation) decides at the point estimate, but its bootstrap
 *       is unstable (most replicates fail or the interval spans more than half of [0, 1]); CMR <= sup A
 *       still holds.
 *   <li>{@code none}: no CMR (the status says why).
 * </ul>
 */
public enum CmrAnswer {
  ESTIMATE,
  UPPER_BOUND,
  NOT_IDENTIFIED,
  NONE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
