package io.cmrsweep.core.fit;

import java.util.Objects;

/**
 * One point of the CMR as a function of lambda or of eps for one group, with its bootstrap band: one row of
 * fits/sensitivity.json and sensitivity.parquet (DESIGN 3.3). The other setting stays at the fit's value.
 *
 * @param value the lambda or the eps (nats) of this point
 * @param chosen this point is the fit's own setting (the spec's lambda or eps)
 * @param cmr the CMR at this setting (domain share in [0, 1]; NaN where no ratio is feasible)
 * @param ciLow lower bound of the pointwise bootstrap band (NaN without replicates)
 * @param binding which constraint decides the point estimate here
 * @param supA sup A at this setting (the fit's sup A on lambda rows)
 * @param supAShare share of all bootstrap replicates in which sup A decided here (NaN without replicates)
 */
public record SensitivityRow(
    String sweep,
    String domain,
    String model,
    SensitivityParameter parameter,
    double value,
    boolean chosen,
    double cmr,
    double ciLow,
    double ciHigh,
    Binding binding,
    double supA,
    double supAShare) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The columns of sensitivity.json and sensitivity.parquet, derived from this record. */
  public static final RowSchema<SensitivityRow> SCHEMA = RowSchema.of(SensitivityRow.class);

  public SensitivityRow {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(binding, "binding");
    if (!(value > 0)) {
      throw new IllegalArgumentException("value=" + value + " must be a positive " + parameter.name().toLowerCase(
          java.util.Locale.ROOT) + "; the sensitivity grids hold positive lambdas and eps only");
    }
  }
}
