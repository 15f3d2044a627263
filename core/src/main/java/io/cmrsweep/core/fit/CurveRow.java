package io.cmrsweep.core.fit;

import java.util.Objects;

/**
 * One point of the CMR-vs-T curve of one group with its bootstrap band: one row of fits/curves.json and
 * curves.parquet. The band is NaN where the bootstrap has none.
 */
public record CurveRow(
    String sweep,
    String domain,
    String model,
    double tokens,
    double tOverTMax,
    double cmr,
    double bandLow,
    double bandHigh) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The columns of curves.json and curves.parquet, derived from this record. */
  public static final RowSchema<CurveRow> SCHEMA = RowSchema.of(CurveRow.class);

  public CurveRow {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(model, "model");
  }
}
