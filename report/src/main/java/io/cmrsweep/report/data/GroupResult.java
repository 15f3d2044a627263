package io.cmrsweep.report.data;

import java.util.List;

/**
 * One group's fit as the report needs it, read from fits/cmr.json (DESIGN 3.3). Shares are in [0, 1];
 * NaN where the fit reported null.
 */
public record GroupResult(
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
    double cmrLambda100,
    double cmrLambda1000,
    double cmrLambda7000,
    double baseGeneralLoss,
    double baseDomainLoss,
    List<Double> ratios,
    List<Double> t0,
    List<Boolean> t0Extrapolated,
    List<Double> feasibleRatios,
    double minTokenLawR2,
    double cmrLawR2,
    String inputIssues,
    String advice) {

  public GroupResult {
    ratios = List.copyOf(ratios);
    t0 = List.copyOf(t0);
    t0Extrapolated = List.copyOf(t0Extrapolated);
    feasibleRatios = List.copyOf(feasibleRatios);
  }

  public String key() {
    return domain + "/" + model;
  }

  public boolean ok() {
    return "ok".equals(status);
  }
}
