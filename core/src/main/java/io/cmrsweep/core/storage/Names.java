package io.cmrsweep.core.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names that become path segments (sweep, domain, model, trial id). Restricting them keeps every
 * storage URI valid on file://, hdfs:// and s3a:// and rules out path traversal such as {@code ../x}.
 */
public final class Names {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Names() {}

  /** Returns a problem description if {@code value} cannot be a path segment, else empty. */
  public static Optional<String> problem(String field, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of(field + " is missing; give a name made of letters, digits, '.', '_' or '-'");
    }
    if (value.contains("..") || !SAFE.matcher(value).matches()) {
      return Optional.of(field + "='" + value + "' is not a safe name; use 1 to 128 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit, and no '..'");
    }
    return Optional.empty();
  }

  /** Throws {@link IllegalArgumentException} naming the field when {@code value} is not a safe name. */
  public static String require(String field, String value) {
    problem(field, value).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return value;
  }
}
