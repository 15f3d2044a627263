package io.cmrsweep.core.fit;

import java.util.List;
import java.util.Objects;

/**
 * One fit output (DESIGN 3.3): its file name without extension and its row schema. The tables are
 * {@link #CMR}, {@link #LAWS}, {@link #CURVES}, {@link #SENSITIVITY} and {@link #PREDICTIONS}; each is written
 * as {@code <name>.json} and {@code <name>.parquet} in the fits directory.
 */
public record FitTable<R extends Record>(String name, RowSchema<R> schema) {
  public static final FitTable<CmrRow> CMR = new FitTable<>("cmr", CmrRow.SCHEMA);
  public static final FitTable<LawRow> LAWS = new FitTable<>("laws", LawRow.SCHEMA);
  public static final FitTable<CurveRow> CURVES = new FitTable<>("curves", CurveRow.SCHEMA);
  public static final FitTable<PredictionRow> PREDICTIONS = new FitTable<>("predictions", PredictionRow.SCHEMA);
  public static final FitTable<SensitivityRow> SENSITIVITY = new FitTable<>("sensitivity", SensitivityRow.SCHEMA);

  public FitTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
  }

  public static List<FitTable<?>> all() {
    return List.of(CMR, LAWS, CURVES, SENSITIVITY, PREDICTIONS);
  }

  /** {@code cmr.json}, {@code cmr.parquet}, ... */
  public String fileName(FitFormat format) {
    return name + format.extension();
  }
}
