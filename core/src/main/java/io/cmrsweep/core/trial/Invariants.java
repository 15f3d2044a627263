package io.cmrsweep.core.trial;

import io.cmrsweep.core.storage.Names;
import java.util.ArrayList;
import java.util.List;

/** Collects every broken invariant of one record, so a hand-written spec shows all its problems at once. */
final class Invariants {
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  Invariants(String prefix) {
    this.prefix = prefix;
  }

  String path(String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  void name(String field, String value) {
    Names.problem(path(field), value).ifPresent(problems::add);
  }

  void check(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  void positive(String field, long value, String hint) {
    check(value > 0, path(field) + "=" + value + " must be > 0" + hint);
  }

  /** Throws one {@link IllegalArgumentException} listing every problem found, if any. */
  void enforce() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
