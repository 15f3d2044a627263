package io.cmrsweep.orchestrator.spec;

import java.util.List;

/** A sweep spec that cannot be run, with every problem found (each names its field). */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SpecException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s) in the sweep spec:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
