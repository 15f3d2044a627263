package io.cmrsweep.fit.adaptive;

import java.util.List;

/**
 * The planner's decision after a round: the widths it saw, and either the next cells to run
 * ({@link Outcome#CONTINUE}) or why the sweep stops.
 */
public record RoundPlan(List<GroupWidth> widths, List<Choice> choices, Outcome outcome, String reason) {

  public enum Outcome {
    CONTINUE, TARGET_REACHED, BUDGET_SPENT, CANDIDATES_EXHAUSTED, OUT_OF_REACH;

    public boolean stops() {
      return this != CONTINUE;
    }
  }

  public RoundPlan {
    widths = List.copyOf(widths);
    choices = List.copyOf(choices);
    if (outcome == null || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a round plan needs an outcome and a reason");
    }
    if (outcome == Outcome.CONTINUE && choices.isEmpty()) {
      throw new IllegalArgumentException("a round that continues must choose at least one cell");
    }
    if (outcome.stops() && !choices.isEmpty()) {
      throw new IllegalArgumentException("a round that stops (" + outcome + ") must not choose cells");
    }
  }
}
