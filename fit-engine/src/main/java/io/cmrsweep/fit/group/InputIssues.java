package io.cmrsweep.fit.group;

import java.util.ArrayList;
import java.util.List;

/**
 * What the assembler set aside or noticed while building one group; nothing is dropped without being
 * counted here.
 *
 * @param nonFiniteRows rows with a NaN or infinite loss (diverged runs), set aside
 * @param duplicateCheckpoints rows repeating a (ratio, seed, tokens) already present; the row of the
 *     highest attempt is kept
 * @param zeroRatioRows rows of R = 0 (pure general text), set aside: the laws are fitted over R in (0, 1]
 * @param trajectoriesWithoutBase trajectories that have no T = 0 point (kept; the base comes from others)
 * @param conflictingModelParams rows whose model_params differ from the group's first value
 */
public record InputIssues(
    int nonFiniteRows,
    int duplicateCheckpoints,
    int zeroRatioRows,
    int trajectoriesWithoutBase,
    int conflictingModelParams) implements java.io.Serializable {

  public InputIssues {
    if (nonFiniteRows < 0 || duplicateCheckpoints < 0 || zeroRatioRows < 0 || trajectoriesWithoutBase < 0
        || conflictingModelParams < 0) {
      throw new IllegalArgumentException("input issue counts must be >= 0; got " + summaryOf(nonFiniteRows,
          duplicateCheckpoints, zeroRatioRows, trajectoriesWithoutBase, conflictingModelParams));
    }
  }

  public static InputIssues none() {
    return new InputIssues(0, 0, 0, 0, 0);
  }

  public boolean isEmpty() {
    return total() == 0;
  }

  public int total() {
    return nonFiniteRows + duplicateCheckpoints + zeroRatioRows + trajectoriesWithoutBase + conflictingModelParams;
  }

  /** "none", or e.g. "2 rows with NaN/inf loss set aside; 1 duplicate checkpoint (kept highest attempt)". */
  public String summary() {
    return summaryOf(nonFiniteRows, duplicateCheckpoints, zeroRatioRows, trajectoriesWithoutBase,
        conflictingModelParams);
  }

  private static String summaryOf(int nonFinite, int duplicates, int zero, int noBase, int params) {
    List<String> parts = new ArrayList<>();
    if (nonFinite != 0) {
      parts.add(nonFinite + " row(s) with NaN/inf loss set aside");
    }
    if (duplicates != 0) {
      parts.add(duplicates + " duplicate checkpoint row(s) set aside (kept the highest attempt)");
    }
    if (zero != 0) {
      parts.add(zero + " row(s) of ratio 0 set aside (laws use ratios in (0, 1])");
    }
    if (noBase != 0) {
      parts.add(noBase + " trajectory(ies) without a T=0 base point");
    }
    if (params != 0) {
      parts.add(params + " row(s) with a model_params different from the group's (first value kept)");
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }
}
