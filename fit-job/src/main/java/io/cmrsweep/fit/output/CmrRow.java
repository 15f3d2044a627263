package io.cmrsweep.fit.output;

import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.law.FitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of one sweep x domain x model (DESIGN 3.3), flat. Shares are in [0, 1]; NaN means missing
 * (null in JSON). Per-ratio lists run over the measured ratios in (0, 1], ascending. Law parameters:
 * the CMR law (a4, s4, b4) in T/T_max units, the ratio laws (alpha, s, beta) at T_max.
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
    double cmrLambda100,
    double cmrLambda1000,
    double cmrLambda7000,
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
    String advice) implements ResultRow, java.io.Serializable {

  public CmrRow {
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

  public static CmrRow of(GroupFit fit, BootstrapSummary boot) {
    List<RatioFit> rs = fit.ratios();
    InputIssues is = fit.issues();
    return new CmrRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), fit.modelParams(), fit.cmr(),
        boot.ciLow(), boot.ciHigh(), boot.level(), boot.replicates(), boot.failed(), boot.failureText(),
        fit.tMax(), fit.lambda(), fit.eps(), fit.supA(), fit.status().label(), fit.detail(), fit.interpolated(),
        fit.cmrAtLambda(100), fit.cmrAtLambda(1000), fit.cmrAtLambda(7000), fit.baseGeneral(), fit.baseDomain(),
        map(rs, RatioFit::ratio), map(rs, RatioFit::t0), map(rs, RatioFit::extrapolated), map(rs, RatioFit::feasible),
        rs.stream().filter(RatioFit::feasible).map(RatioFit::ratio).toList(),
        map(rs, r -> r.domainLaw().r2()), map(rs, r -> r.generalLaw().r2()), map(rs, r -> r.generalLaw().rmse()),
        params(fit.cmrLaw()), r2(fit.cmrLaw()), params(fit.ratioLawGeneral()), r2(fit.ratioLawGeneral()),
        params(fit.ratioLawDomain()), r2(fit.ratioLawDomain()),
        is.nonFiniteRows(), is.duplicateCheckpoints(), is.zeroRatioRows(), is.trajectoriesWithoutBase(),
        is.conflictingModelParams(), is.summary(), Advice.of(fit, boot));
  }

  private static <T> List<T> map(List<RatioFit> rs, Function<RatioFit, T> f) {
    List<T> out = new ArrayList<>();
    for (RatioFit r : rs) {
      out.add(f.apply(r));
    }
    return out;
  }

  private static List<Double> params(Optional<FitResult> law) {
    List<Double> out = new ArrayList<>();
    law.ifPresent(l -> {
      for (double v : l.parameters()) {
        out.add(v);
      }
    });
    return out;
  }

  private static double r2(Optional<FitResult> law) {
    return law.map(FitResult::r2).orElse(Double.NaN);
  }

  @Override
  public Map<String, Object> columns() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sweep", sweep);
    c.put("domain", domain);
    c.put("model", model);
    c.put("model_params", modelParams);
    c.put("cmr", cmr);
    c.put("ci_low", ciLow);
    c.put("ci_high", ciHigh);
    c.put("level", level);
    c.put("replicates", replicates);
    c.put("failed_replicates", failedReplicates);
    c.put("replicate_failures", replicateFailures);
    c.put("t_max", tMax);
    c.put("lambda", lambda);
    c.put("eps", eps);
    c.put("sup_a", supA);
    c.put("status", status);
    c.put("status_detail", statusDetail);
    c.put("interpolated", interpolated);
    c.put("cmr_lambda_100", cmrLambda100);
    c.put("cmr_lambda_1000", cmrLambda1000);
    c.put("cmr_lambda_7000", cmrLambda7000);
    c.put("base_general_loss", baseGeneralLoss);
    c.put("base_domain_loss", baseDomainLoss);
    c.put("ratios", ratios);
    c.put("t0", t0);
    c.put("t0_extrapolated", t0Extrapolated);
    c.put("feasible", feasible);
    c.put("feasible_ratios", feasibleRatios);
    c.put("token_law_r2_domain", tokenLawR2Domain);
    c.put("token_law_r2_general", tokenLawR2General);
    c.put("token_law_rmse_general", tokenLawRmseGeneral);
    c.put("cmr_law", cmrLaw);
    c.put("cmr_law_r2", cmrLawR2);
    c.put("ratio_law_general", ratioLawGeneral);
    c.put("ratio_law_general_r2", ratioLawGeneralR2);
    c.put("ratio_law_domain", ratioLawDomain);
    c.put("ratio_law_domain_r2", ratioLawDomainR2);
    c.put("non_finite_rows", nonFiniteRows);
    c.put("duplicate_checkpoints", duplicateCheckpoints);
    c.put("zero_ratio_rows", zeroRatioRows);
    c.put("trajectories_without_base", trajectoriesWithoutBase);
    c.put("conflicting_model_params", conflictingModelParams);
    c.put("input_issues", inputIssues);
    c.put("advice", advice);
    return c;
  }
}
