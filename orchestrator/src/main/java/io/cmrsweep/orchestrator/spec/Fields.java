package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.amount.Amounts;
import io.cmrsweep.core.storage.Names;
import io.cmrsweep.core.time.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one YAML mapping field by field, recording a problem (with its full path) for every missing,
 * mistyped or out-of-range value instead of stopping at the first, and flags keys nobody asked for.
 * Getters return a usable default after a problem so that reading can go on.
 */
final class Fields {

  private final Map<String, Object> map;
  private final String path;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> failed = new LinkedHashSet<>();

  private Fields(Map<String, Object> map, String path, Problems problems) {
    this.map = map;
    this.path = path;
    this.problems = problems;
  }

  /** A mapping at {@code path}; a missing value reads as an empty mapping, a non-mapping is a problem. */
  static Fields of(Object value, String path, Problems problems) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put(String.valueOf(k), v));
    } else if (value != null) {
      problems.add(label(path) + " must be a mapping of fields, not " + describe(value));
    }
    return new Fields(map, path, problems);
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    known.add(key);
    return map.get(key) != null;
  }

  Object raw(String key) {
    known.add(key);
    return map.get(key);
  }

  String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      if (fallback == null) {
        problems.add(path(key) + " is missing; add it");
        return "";
      }
      return fallback;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    problems.add(path(key) + " must be a string, not " + describe(v));
    return fallback == null ? "" : fallback;
  }

  boolean flag(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problems.add(path(key) + "=" + show(v) + " must be true or false");
    return fallback;
  }

  String name(String key, String fallback) {
    String s = string(key, fallback);
    if (!s.isEmpty() || fallback == null) {
      Names.problem(path(key), s).filter(p -> !s.isEmpty()).ifPresent(problems::add);
    }
    return s;
  }

  long amount(String key, Long fallback, long min) {
    return amount(key, fallback, min, null);
  }

  /**
   * A whole number, written plainly, with a suffix ({@code 200k}, {@code 1.5M}, {@code 4B}) or with an
   * exponent ({@code 1e6}), in {@code [min, limit.max]}. A value that fails is reported once and marked
   * {@link #failed}: checks that compare other fields with it skip it rather than report a clamped value.
   */
  long amount(String key, Long fallback, long min, Limits.Limit limit) {
    Object v = raw(key);
    long value;
    if (v == null) {
      if (fallback == null) {
        return fail(key, min, path(key) + " is missing; add a whole number such as 200000 or 200k");
      }
      value = fallback;
    } else if (v instanceof Integer || v instanceof Long) {
      value = ((Number) v).longValue();
    } else if (v instanceof BigInteger big) {
      value = big.bitLength() < 64 ? big.longValue() : Long.MAX_VALUE;
    } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
      value = d.longValue();
    } else if (v instanceof String s && Amounts.parse(s).isPresent()) {
      value = Math.round(Amounts.parse(s).orElseThrow());
    } else {
      return fail(key, min, path(key) + "=" + show(v) + " must be a whole number such as 200000 or 200k, not "
          + describe(v));
    }
    if (value < min) {
      return fail(key, min, path(key) + "=" + value + " must be >= " + min);
    }
    if (limit != null && value > limit.max()) {
      return fail(key, min, limit.exceeded(path(key), value));
    }
    return value;
  }

  int integer(String key, Integer fallback, int min) {
    return integer(key, fallback, min, null);
  }

  int integer(String key, Integer fallback, int min, Limits.Limit limit) {
    long v = amount(key, fallback == null ? null : fallback.longValue(), min, limit);
    if (v > Integer.MAX_VALUE) {
      return (int) fail(key, min, path(key) + "=" + v + " is too large; use at most " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** Whether reading {@code key} reported a problem (its getter then returned a placeholder). */
  boolean failed(String key) {
    return failed.contains(key);
  }

  /** Reports {@code problem} for {@code key} and marks it failed; returns the placeholder {@code value}. */
  long fail(String key, long value, String problem) {
    problems.add(problem);
    failed.add(key);
    return value;
  }

  /** At most {@code limit.max} entries in the list at {@code field}; one problem for the whole list otherwise. */
  boolean countWithin(String field, int size, Limits.Limit limit) {
    if (size > limit.max()) {
      problems.add(limit.tooMany(field, size));
      return false;
    }
    return true;
  }

  double number(String key, Double fallback) {
    Object v = raw(key);
    if (v == null) {
      if (fallback == null) {
        problems.add(path(key) + " is missing; add a number");
        return Double.NaN;
      }
      return fallback;
    }
    Double d = toDouble(v);
    if (d == null) {
      problems.add(path(key) + "=" + show(v) + " must be a number, not " + describe(v));
      return fallback == null ? Double.NaN : fallback;
    }
    return d;
  }

  Duration duration(String key, Duration fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(String.valueOf(v));
      if (d.compareTo(Limits.DURATION) > 0) {
        fail(key, 0, path(key) + "=" + v + " exceeds the maximum of " + Limits.DURATION.toHours() + "h (30 days);"
            + " use a shorter duration such as 5m");
        return fallback;
      }
      return d;
    } catch (IllegalArgumentException e) {
      fail(key, 0, path(key) + ": " + e.getMessage());
      return fallback;
    }
  }

  /** A list at {@code key}; null when missing, a problem (and an empty list) when not a list. */
  List<Object> list(String key, boolean required) {
    Object v = raw(key);
    if (v == null) {
      if (required) {
        problems.add(path(key) + " is missing; add a list, e.g. " + key + ": [...]");
      }
      return null;
    }
    if (v instanceof List<?> l) {
      if (l.isEmpty() && required) {
        problems.add(path(key) + " is empty; give at least one entry");
      }
      return new ArrayList<>(l);
    }
    problems.add(path(key) + " must be a list, not " + describe(v));
    return List.of();
  }

  List<String> strings(String key, List<String> fallback) {
    List<Object> raw = list(key, fallback == null);
    if (raw == null) {
      return fallback == null ? List.of() : fallback;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      if (v instanceof String || v instanceof Number) {
        out.add(String.valueOf(v));
      } else {
        problems.add(path(key) + "[" + i + "]=" + show(v) + " must be a string, not " + describe(v));
      }
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    Fields f = Fields.of(raw(key), path(key), problems);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : f.map.keySet()) {
      out.put(k, f.string(k, ""));
    }
    return out;
  }

  /** The keys of this mapping, in file order. */
  List<String> keys() {
    return List.copyOf(map.keySet());
  }

  Fields child(String key) {
    return Fields.of(raw(key), path(key), problems);
  }

  /** Reports every key that was not read, with the allowed keys (and a likely intended one). */
  void rejectUnknown() {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        String hint = known.stream().filter(k -> k.equalsIgnoreCase(key) || close(k, key)).findFirst()
            .map(k -> "; did you mean '" + k + "'?").orElse("");
        problems.add(path(key) + " is not a known field" + hint + " (allowed: " + String.join(", ", known) + ")");
      }
    }
  }

  Problems problems() {
    return problems;
  }

  static Double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return null;
  }

  static String describe(Object v) {
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof String) {
      return "the text '" + v + "'";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "the value " + v;
  }

  static String show(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  private static String label(String path) {
    return path.isEmpty() ? "the spec" : path;
  }

  private static boolean close(String a, String b) {
    return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= 2;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
