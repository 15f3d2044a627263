package io.cmrsweep.core.amount;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts as people write them: {@code 200000}, {@code 1e6}, or with a suffix {@code 200k}, {@code 1.5M},
 * {@code 7B} ({@code G} = {@code B}, any case). The one parser of the spec's token counts and model sizes and of
 * the fit job's {@code --predict-params}, so a size reads the same everywhere.
 */
public final class Amounts {
  private static final Pattern SUFFIXED = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMbBgG]?)");

  private Amounts() {}

  /** The value of {@code text}; empty when it is no count (a word, a sign, a unit other than k, M, B, G). */
  public static OptionalDouble parse(String text) {
    String t = text.trim();
    Matcher m = SUFFIXED.matcher(t);
    if (m.matches()) {
      double scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 1e3;
        case "m" -> 1e6;
        case "b", "g" -> 1e9;
        default -> 1;
      };
      return OptionalDouble.of(Double.parseDouble(m.group(1)) * scale);
    }
    if (t.matches("\\d+(?:\\.\\d+)?[eE][+]?\\d+")) {
      return OptionalDouble.of(Double.parseDouble(t));
    }
    return OptionalDouble.empty();
  }
}
