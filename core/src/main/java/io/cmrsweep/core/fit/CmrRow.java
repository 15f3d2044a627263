package io.cmrsweep.core.fit;

import java.util.List;
import java.util.Objects;

/**
 * The result of one sweep x domain x model (DESIGN 3.3), flat: one row of fits/cmr.json and cmr.parquet.
 * Columns are the snake_case component names (see {@link RowSchema}). Shares are in [0, 1]; NaN means
 * missing (null in JSON). Per-ratio lists run over the measured ratios in (0, 1], ascending. Law
 * parameters: the CMR law (a4, s4, b4) in T/T_max units, the ratio laws (alpha, s, beta) at T_max.
 *
 * @param seeds the smallest number of seeds any ratio of the group has (0 without ratios); the
 *     bootstrap resamples whole runs only when it is at least 2
 * @param resampling what the bootstrap resampled (never {@code auto}: the unit it chose)
 * @param intervalWidening the few-cluster widening read into every interval of the row (1 where none; the
 *     seed-cluster bootstrap over n runs widens by t(n-1)/z x sqrt(n/(n-1)), DESIGN 1.1 step 5)
 * @param reportedLambdas the lambdas reported beside the main one, ascending
 * @param cmrAtReportedLambdas the CMR at each of {@code reportedLambdas} (NaN where it failed)
 * @param answer what can be known (DESIGN 1.2): for {@code upper_bound} and {@code not_identified} the
 *     CMR is only known to be at most {@code sup_a} (interval {@code sup_a_ci_low, sup_a_ci_high}), and
 *     {@code cmr} is not an estimate
 * @param binding which constraint decides {@code cmr}: {@code sup_a}, {@code law}, {@code interpolation}
 *     or {@code none}
 * @param conclusion the answer in one plain sentence, as the fit table and the report print it
 * @param lawCmr the CMR law's (or interpolation's) own value at T_max, before sup A and clipping
 * @param bindingShareSupA share of all replicates (failed ones included) in which sup A decided; with
 *     {@code binding_share_law}, {@code binding_share_interpolation} and failed/replicates it sums to 1
 */
public record CmrRow(
    String sweep,
    String domain,
    String model,
    long modelParams,
    double cmr,
    double ciLow,
    double ciHigh,
    double level,
    int replicates,
    int failedReplicates,
    String replicateFailures,
    double tMax,
    double lambda,
    double eps,
    double supA,
    String status,
    String statusDetail,
    boolean interpolated,
    CmrAnswer answer,
    Binding binding,
    String conclusion,
    double supACiLow,
    double supACiHigh,
    double lawCmr,
    double lawCmrCiLow,
    double lawCmrCiHigh,
    double bindingShareSupA,
    double bindingShareLaw,
    double bindingShareInterpolation,
    int seeds,
    Resampling resampling,
    double intervalWidening,
    List<Double> reportedLambdas,
    List<Double> cmrAtReportedLambdas,
    double baseGeneralLoss,
    double baseDomainLoss,
    List<Double> ratios,
    List<Double> t0,
    List<Boolean> t0Extrapolated,
    List<Boolean> feasible,
    List<Double> feasibleRatios,
    List<Double> tokenLawR2Domain,
    List<Double> tokenLawR2General,
    List<Double> tokenLawRmseGeneral,
    List<Double> cmrLaw,
    double cmrLawR2,
    List<Double> ratioLawGeneral,
    double ratioLawGeneralR2,
    List<Double> ratioLawDomain,
    double ratioLawDomainR2,
    int nonFiniteRows,
    int duplicateCheckpoints,
    int zeroRatioRows,
    int trajectoriesWithoutBase,
    int conflictingModelParams,
    String inputIssues,
    String advice) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The columns of cmr.json and cmr.parquet, derived from this record (validated when the class loads). */
  public static final RowSchema<CmrRow> SCHEMA = RowSchema.of(CmrRow.class);

  public CmrRow {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(replicateFailures, "replicate_failures");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusDetail, "status_detail");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(resampling, "resampling");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(inputIssues, "input_issues");
    Objects.requireNonNull(advice, "advice");
    if (seeds < 0) {
      throw new IllegalArgumentException("seeds=" + seeds + " must be >= 0 (the fewest seeds of any ratio)");
    }
    if (!(intervalWidening >= 1)) {
      throw new IllegalArgumentException("interval_widening=" + intervalWidening + " must be >= 1");
    }
    reportedLambdas = List.copyOf(reportedLambdas);
    cmrAtReportedLambdas = List.copyOf(cmrAtReportedLambdas);
    if (reportedLambdas.size() != cmrAtReportedLambdas.size()) {
      throw new IllegalArgumentException("cmr_at_reported_lambdas has " + cmrAtReportedLambdas.size()
          + " values but reported_lambdas has " + reportedLambdas.size() + "; they pair up one to one");
    }
    ratios = List.copyOf(ratios);
    t0 = List.copyOf(t0);
    t0Extrapolated = List.copyOf(t0Extrapolated);
    feasible = List.copyOf(feasible);
    feasibleRatios = List.copyOf(feasibleRatios);
    tokenLawR2Domain = List.copyOf(tokenLawR2Domain);
    tokenLawR2General = List.copyOf(tokenLawR2General);
    tokenLawRmseGeneral = List.copyOf(tokenLawRmseGeneral);
    cmrLaw = List.copyOf(cmrLaw);
    ratioLawGeneral = List.copyOf(ratioLawGeneral);
    ratioLawDomain = List.copyOf(ratioLawDomain);
  }

  /** The fit found a CMR (status {@code ok}). */
  public boolean ok() {
    return "ok".equals(status);
  }
}
