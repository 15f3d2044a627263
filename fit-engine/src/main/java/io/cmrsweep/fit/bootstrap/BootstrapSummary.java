package io.cmrsweep.fit.bootstrap;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The bootstrap distribution of one group's CMR: a percentile interval at {@code level} over the
 * successful replicates, how many failed and why, and the pointwise band of the CMR-vs-T curve.
 *
 * @param replicates all replicates, failed ones included
 * @param failed replicates without a CMR (their reasons in {@code failures})
 * @param distribution the successful replicates' CMR read through {@code widening}, ascending
 * @param ciLow lower percentile bound; NaN when no replicate succeeded
 * @param curveTokens the curve grid in tokens
 * @param curveLow pointwise lower band over the replicates' curves (NaN where none is defined)
 * @param constraints the intervals of sup A and of the law's own CMR, and which constraint bound how often
 * @param sensitivity the bands of the CMR over the lambda and eps grids
 * @param widening the resampling used and the few-cluster widening applied to every interval above
 */
public record BootstrapSummary(
    double level,
    int replicates,
    int failed,
    Map<String, Integer> failures,
    double ciLow,
    double ciHigh,
    double[] distribution,
    double[] curveTokens,
    double[] curveLow,
    double[] curveHigh,
    ConstraintSummary constraints,
    SensitivityBands sensitivity,
    Widening widening) implements java.io.Serializable {

  public BootstrapSummary {
    failures = java.util.Collections.unmodifiableMap(new TreeMap<>(failures));
    distribution = distribution.clone();
    curveTokens = curveTokens.clone();
    curveLow = curveLow.clone();
    curveHigh = curveHigh.clone();
    Objects.requireNonNull(constraints, "constraints");
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(widening, "widening");
    if (failed < 0 || failed > replicates) {
      throw new IllegalArgumentException("failed=" + failed + " must be in [0, replicates=" + replicates + "]");
    }
    if (distribution.length != replicates - failed) {
      throw new IllegalArgumentException("distribution has " + distribution.length + " values; expected "
          + (replicates - failed) + " (replicates - failed)");
    }
    int sum = failures.values().stream().mapToInt(Integer::intValue).sum();
    if (sum != failed) {
      throw new IllegalArgumentException("failure counts " + failures + " sum to " + sum + ", not failed=" + failed);
    }
    if (curveLow.length != curveTokens.length || curveHigh.length != curveTokens.length) {
      throw new IllegalArgumentException("curve band arrays must match the curve grid (" + curveTokens.length + ")");
    }
  }

  @Override
  public double[] distribution() {
    return distribution.clone();
  }

  @Override
  public double[] curveTokens() {
    return curveTokens.clone();
  }

  @Override
  public double[] curveLow() {
    return curveLow.clone();
  }

  @Override
  public double[] curveHigh() {
    return curveHigh.clone();
  }

  /** "failure=count; ..." or "" when none failed. */
  public String failureText() {
    StringBuilder sb = new StringBuilder();
    failures.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapSummary s && Double.compare(level, s.level) == 0 && replicates == s.replicates
        && failed == s.failed && failures.equals(s.failures) && Double.compare(ciLow, s.ciLow) == 0
        && Double.compare(ciHigh, s.ciHigh) == 0 && Arrays.equals(distribution, s.distribution)
        && Arrays.equals(curveTokens, s.curveTokens) && Arrays.equals(curveLow, s.curveLow)
        && Arrays.equals(curveHigh, s.curveHigh) && constraints.equals(s.constraints)
        && sensitivity.equals(s.sensitivity) && widening.equals(s.widening);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, replicates, failed, ciLow, ciHigh);
  }

  @Override
  public String toString() {
    return "BootstrapSummary[level=" + level + ", ci=[" + ciLow + ", " + ciHigh + "], replicates=" + replicates
        + ", failed=" + failed + (failed == 0 ? "" : " (" + failureText() + ")") + "]";
  }
}
