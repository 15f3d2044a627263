package io.cmrsweep.core.fit;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of every fit output; the fit writes both, readers pick one. */
public enum FitFormat {
  JSON(".json"),
  PARQUET(".parquet");

  private final String extension;

  FitFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static Optional<FitFormat> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "json" -> Optional.of(JSON);
      case "parquet" -> Optional.of(PARQUET);
      default -> Optional.empty();
    };
  }
}
