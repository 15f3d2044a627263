package io.cmrsweep.fit.cmr;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.group.GroupKey;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.law.FitResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The point estimate for one group. When {@code status} is not OK, {@code cmr} is NaN and
 * {@code detail} says what was missing; the parts computed before the failure are still reported.
 *
 * @param cmr CMR at T_max (domain share in [0, 1]) at the main lambda
 * @param supA sup of the tolerance set; 1.0 when every measured ratio is in A
 * @param ratios per measured ratio in (0, 1], ascending
 * @param ratioLawDomain L_dom(R) at T_max (absent when fewer than 3 ratios or not converged)
 * @param ratioLawGeneral L_gen(R) at T_max (same)
 * @param cmrLaw R = a4 (T/T_max)^s4 + b4 (absent when the interpolation fallback was used)
 * @param interpolated the monotone-interpolation fallback gave the CMR
 * @param cmrByLambda CMR at each of {@link FitSettings#REPORTED_LAMBDAS} (NaN where it failed or was
 *     not computed, e.g. in bootstrap replicates)
 * @param curve CMR as a function of T/T_max
 * @param binding which constraint decides {@code cmr} ({@link Binding#NONE} when not OK)
 * @param lawCmr the CMR law's (or the interpolation's) own value at T_max before sup A and clipping;
 *     NaN when no ratio is feasible
 * @param sensitivity the CMR over the settings' lambda and eps grids
 */
public record GroupFit(
    GroupKey key,
    long modelParams,
    FitStatus status,
    String detail,
    double cmr,
    double supA,
    double tMax,
    double baseGeneral,
    double baseDomain,
    double lambda,
    double eps,
    List<RatioFit> ratios,
    Optional<FitResult> ratioLawDomain,
    Optional<FitResult> ratioLawGeneral,
    Optional<FitResult> cmrLaw,
    boolean interpolated,
    Map<Double, Double> cmrByLambda,
    InputIssues issues,
    CmrCurve curve,
    double[] curveGrid,
    Binding binding,
    double lawCmr,
    Sensitivity sensitivity) {

  public GroupFit {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    ratios = List.copyOf(ratios);
    Objects.requireNonNull(ratioLawDomain, "ratioLawDomain");
    Objects.requireNonNull(ratioLawGeneral, "ratioLawGeneral");
    Objects.requireNonNull(cmrLaw, "cmrLaw");
    cmrByLambda = java.util.Collections.unmodifiableMap(new TreeMap<>(cmrByLambda));
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(curve, "curve");
    curveGrid = curveGrid.clone();
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(sensitivity, "sensitivity");
    if ((status == FitStatus.OK) == (binding == Binding.NONE)) {
      throw new IllegalArgumentException("an OK fit has a binding constraint and a failed one none; got status "
          + status.label() + " with binding " + binding.label());
    }
    if (status == FitStatus.OK && !(cmr >= 0 && cmr <= 1)) {
      throw new IllegalArgumentException("an OK fit has a CMR in [0, 1]; got " + cmr);
    }
    if (status != FitStatus.OK && !Double.isNaN(cmr)) {
      throw new IllegalArgumentException("a fit with status " + status.label() + " has cmr=NaN; got " + cmr);
    }
  }

  public boolean ok() {
    return status == FitStatus.OK;
  }

  /** CMR at {@code tokens} CPT tokens from the CMR law (or the interpolation); NaN when not OK. */
  public double cmrAt(double tokens) {
    if (!ok() || !(tokens > 0)) {
      return Double.NaN;
    }
    return curve.at(tokens / tMax);
  }

  /** The grid of the CMR-vs-T curve in T/T_max units (from FitSettings), copied. */
  @Override
  public double[] curveGrid() {
    return curveGrid.clone();
  }

  /** The grid of the CMR-vs-T curve in tokens. */
  public double[] curveTokens() {
    double[] t = curveGrid.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] *= tMax;
    }
    return t;
  }

  /** CMR at every point of {@link #curveTokens()} (NaN everywhere when not OK). */
  public double[] curveValues() {
    double[] v = new double[curveGrid.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = ok() ? curve.at(curveGrid[i]) : Double.NaN;
    }
    return v;
  }

  /** CMR at one of the reported lambdas; NaN when not computed. */
  public double cmrAtLambda(double lambda) {
    return cmrByLambda.getOrDefault(lambda, Double.NaN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupFit g && key.equals(g.key) && status == g.status
        && Double.compare(cmr, g.cmr) == 0 && ratios.equals(g.ratios) && cmrLaw.equals(g.cmrLaw)
        && curve.equals(g.curve) && java.util.Arrays.equals(curveGrid, g.curveGrid)
        && detail.equals(g.detail) && cmrByLambda.equals(g.cmrByLambda) && binding == g.binding
        && Double.compare(lawCmr, g.lawCmr) == 0 && sensitivity.equals(g.sensitivity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, status, cmr);
  }

  @Override
  public String toString() {
    return "GroupFit[" + key + " " + status.label() + " cmr=" + cmr + " supA=" + supA + " law=" + lawCmr
        + " binding=" + binding.label()
        + (detail.isEmpty() ? "" : " (" + detail + ")") + "]";
  }
}
