package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.cmr.Sensitivity;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bootstrap replicate of one group.
 *
 * @param index b, the replicate number (it alone, with the settings' seed and the group key, fixes the
 *     random draws)
 * @param cmr the replicate's CMR; NaN when it failed
 * @param curve CMR at the group's curve grid (GroupFit#curveTokens); NaN entries where undefined
 * @param failure "" when the replicate succeeded, else the lower_snake status label of why it failed
 * @param binding which constraint decides the replicate's CMR ({@link Binding#NONE} when it failed)
 * @param supA the replicate's sup A (NaN when the fit did not get that far)
 * @param lawCmr the replicate's CMR law (or interpolation) value at T_max before sup A; NaN when undefined
 * @param sensitivity the replicate's CMR over the lambda and eps grids
 */
public record Replicate(int index, double cmr, double[] curve, String failure, Binding binding, double supA,
    double lawCmr, Sensitivity sensitivity) implements java.io.Serializable {

  public Replicate {
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(sensitivity, "sensitivity");
    curve = curve.clone();
    if (index < 0) {
      throw new IllegalArgumentException("index=" + index + " must be >= 0");
    }
    if (failure.isEmpty() == Double.isNaN(cmr)) {
      throw new IllegalArgumentException("a replicate has either a CMR and no failure or cmr=NaN and a failure;"
          + " got cmr=" + cmr + ", failure='" + failure + "'");
    }
    if (failure.isEmpty() == (binding == Binding.NONE)) {
      throw new IllegalArgumentException("a successful replicate has a binding constraint and a failed one none;"
          + " got binding " + binding.label() + ", failure='" + failure + "'");
    }
  }

  public boolean ok() {
    return failure.isEmpty();
  }

  @Override
  public double[] curve() {
    return curve.clone();
  }

  int curveLength() {
    return curve.length;
  }

  double curveAt(int i) {
    return curve[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Replicate r && index == r.index && Double.compare(cmr, r.cmr) == 0
        && Arrays.equals(curve, r.curve) && failure.equals(r.failure) && binding == r.binding
        && Double.compare(supA, r.supA) == 0 && Double.compare(lawCmr, r.lawCmr) == 0
        && sensitivity.equals(r.sensitivity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, cmr, Arrays.hashCode(curve), failure);
  }

  @Override
  public String toString() {
    return "Replicate[" + index + ", cmr=" + cmr + (ok() ? "" : ", failure=" + failure) + "]";
  }
}
