package io.cmrsweep.core.fit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One fitted law of one group: one row of fits/laws.json and laws.parquet. {@code law} is token_domain,
 * token_general (per ratio), ratio_general, ratio_domain or cmr; {@code ratio} is NaN for the last three.
 * Token and CMR laws are in T/T_max units. {@code parameters} follow {@code form}'s order (a failed law has
 * NaN parameters); {@code parameterNames} name them as the fit does (a1, s1, b1; alpha_gen, ...).
 */
public record LawRow(
    String sweep,
    String domain,
    String model,
    String law,
    LawForm form,
    double ratio,
    List<String> parameterNames,
    List<Double> parameters,
    double r2,
    double rmse,
    int points,
    int iterations,
    boolean converged,
    String failure) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The columns of laws.json and laws.parquet, derived from this record. */
  public static final RowSchema<LawRow> SCHEMA = RowSchema.of(LawRow.class);

  public LawRow {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(law, "law");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(failure, "failure");
    parameterNames = List.copyOf(parameterNames);
    parameters = List.copyOf(parameters);
    if (parameters.size() != form.parameterCount() || parameterNames.size() != parameters.size()) {
      throw new IllegalArgumentException("law " + law + " of form " + form.name().toLowerCase(Locale.ROOT)
          + " needs " + form.parameterCount() + " parameters " + form.parameterNames() + "; got "
          + parameters.size() + " values named " + parameterNames);
    }
  }

  /** The law at {@code x} (T/T_max for token and CMR laws, the ratio for ratio laws). */
  public double value(double x) {
    return form.value(parameters, x);
  }
}
