package io.cmrsweep.orchestrator.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One decided round of an adaptive sweep as the ledger keeps it (DESIGN 6): the widths the planner saw, the
 * cells it chose with their expected gains and reasons, or why the sweep stops ({@code outcome} is the
 * planner's outcome name, CONTINUE for a round that runs cells). Round 0 is the initial design.
 */
public record Round(int number, Instant decidedAt, String outcome, String reason, List<Width> widths,
    List<Chosen> chosen) {

  public static final String CONTINUE = "CONTINUE";

  public Round {
    widths = List.copyOf(widths);
    chosen = List.copyOf(chosen);
    if (number < 0 || decidedAt == null || outcome == null || outcome.isBlank() || reason == null) {
      throw new IllegalArgumentException("round " + number + " needs a number >= 0, a time, an outcome and a reason");
    }
    if (outcome.equals(CONTINUE) == chosen.isEmpty()) {
      throw new IllegalArgumentException("round " + number + ": a CONTINUE round chooses cells, a stop chooses none;"
          + " got " + outcome + " with " + chosen.size() + " cell(s)");
    }
  }

  public boolean stops() {
    return !outcome.equals(CONTINUE);
  }

  /** A group's interval before the round; width is +inf when the group had none. */
  public record Width(String group, String status, double cmr, double low, double high, double width) {}

  /** A chosen cell: its trial id, group, ratio and seed, the expected width reduction (NaN: none) and why. */
  public record Chosen(String trialId, String group, double ratio, int seed, double expectedGain, String reason) {}
}
