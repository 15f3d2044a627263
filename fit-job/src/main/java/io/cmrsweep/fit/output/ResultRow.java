package io.cmrsweep.fit.output;

import java.util.Map;

/**
 * A flat output row: its columns by snake_case name, in schema order. Values are String, Long, Integer,
 * Double (NaN = missing), Boolean, or a List of those; the Spark layer maps them to Parquet columns and
 * {@link FitJson} to JSON.
 */
public interface ResultRow {
  Map<String, Object> columns();
}
