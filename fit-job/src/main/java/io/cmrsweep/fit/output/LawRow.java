package io.cmrsweep.fit.output;

import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fitted law of one group (fits/laws.*). {@code law} is token_domain, token_general (per ratio),
 * ratio_general, ratio_domain or cmr; {@code ratio} is NaN for the last three. Token and CMR laws are in
 * T/T_max units. The general token law is reported as (a2, s2, a3, s3, b2) with s2 <= s3 although it is
 * fitted as (A, s, B, d, b2) (see TwoTermPowerLaw).
 */
public record LawRow(
    String sweep,
    String domain,
    String model,
    String law,
    double ratio,
    List<String> parameterNames,
    List<Double> parameters,
    double r2,
    double rmse,
    int points,
    int iterations,
    boolean converged,
    String failure) implements ResultRow, java.io.Serializable {

  public LawRow {
    Objects.requireNonNull(law, "law");
    parameterNames = List.copyOf(parameterNames);
    parameters = List.copyOf(parameters);
    if (parameterNames.size() != parameters.size()) {
      throw new IllegalArgumentException("law " + law + " names " + parameterNames.size() + " parameters but has "
          + parameters.size() + " values");
    }
  }

  /** Every law fitted for {@code fit}: token laws per ratio, then ratio laws, then the CMR law. */
  public static List<LawRow> of(GroupFit fit) {
    List<LawRow> rows = new ArrayList<>();
    for (RatioFit r : fit.ratios()) {
      rows.add(row(fit, r.ratio(), r.domainLaw(), false));
      rows.add(row(fit, r.ratio(), r.generalLaw(), true));
    }
    fit.ratioLawGeneral().ifPresent(l -> rows.add(row(fit, Double.NaN, l, false)));
    fit.ratioLawDomain().ifPresent(l -> rows.add(row(fit, Double.NaN, l, false)));
    fit.cmrLaw().ifPresent(l -> rows.add(row(fit, Double.NaN, l, false)));
    return rows;
  }

  private static LawRow row(GroupFit fit, double ratio, FitResult f, boolean twoTerm) {
    double[] p = twoTerm ? TwoTermPowerLaw.ordered(f.parameters()) : f.parameters();
    List<String> names = twoTerm ? List.of("a2", "s2", "a3", "s3", "b2") : f.parameterNames();
    List<Double> values = new ArrayList<>();
    for (double v : p) {
      values.add(v);
    }
    return new LawRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), f.law(), ratio, names, values,
        f.r2(), f.rmse(), f.points(), f.iterations(), f.converged(), f.failure());
  }

  @Override
  public Map<String, Object> columns() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("sweep", sweep);
    c.put("domain", domain);
    c.put("model", model);
    c.put("law", law);
    c.put("ratio", ratio);
    c.put("parameter_names", parameterNames);
    c.put("parameters", parameters);
    c.put("r2", r2);
    c.put("rmse", rmse);
    c.put("points", points);
    c.put("iterations", iterations);
    c.put("converged", converged);
    c.put("failure", failure);
    return c;
  }
}
