package io.cmrsweep.core.fit;

import java.util.List;

/** Fit parameters that cannot be used, with every problem found (each names its field, value and fix). */
public final class FitParametersException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  FitParametersException(List<String> problems) {
    super("invalid fit parameters: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
