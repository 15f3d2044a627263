package io.cmrsweep.core.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written, in sweep specs and on command lines: a whole number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}) or ISO-8601 ({@code PT30S}, {@code PT1M30S}).
 */
public final class Durations {
  /** What {@link #parse} accepts, for help texts and error messages. */
  public static final String FORMS = "500ms, 30s, 5m, 2h or ISO-8601 such as PT30S";

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * The duration {@code text} denotes; an {@link IllegalArgumentException} that quotes the text and the
   * accepted forms otherwise (callers put the field's name in front of it). Negative durations are refused.
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
        Duration d = Duration.parse(t);
        if (d.isNegative()) {
          throw new IllegalArgumentException("'" + text + "' is negative; give a duration >= 0 such as " + FORMS);
        }
        return d;
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // Too large for a Duration, or ISO-looking but malformed: the message below says what is accepted.
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
  }
}
