package io.cmrsweep.core.loss;

import java.util.Locale;
import java.util.Optional;

/** File formats for loss records. */
public enum LossFormat {
  PARQUET(".parquet"),
  CSV(".csv");

  private final String extension;

  LossFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static Optional<LossFormat> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "parquet" -> Optional.of(PARQUET);
      case "csv" -> Optional.of(CSV);
      default -> Optional.empty();
    };
  }
}
