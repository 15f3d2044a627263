package io.cmrsweep.report.data;

import java.util.List;

/**
 * How an adaptive sweep reached its answer, as the report shows it: its goal and every decided round (the
 * coordinator's ledger is the source; the orchestrator maps its rounds into these values).
 *
 * @param targetWidth the CMR interval width the rounds aim at
 * @param goal what must reach it, in words (every swept size, or the CMR predicted at given sizes)
 * @param fullTokens the training tokens of a full CPT run (cpt.tokens)
 * @param gridCells the candidate CPT cells at the full budget (the grid the sweep avoids running)
 * @param rounds every decided round, round 0 (the initial design) first
 */
public record AdaptiveHistory(double targetWidth, String goal, long fullTokens, int gridCells, List<Round> rounds) {

  public AdaptiveHistory {
    rounds = List.copyOf(rounds);
  }

  /**
   * One round: the widths before it (those the planner saw; none for round 0), the cells it chose, or why the
   * sweep stopped ({@code outcome} CONTINUE for a round that runs cells).
   */
  public record Round(int number, String outcome, String reason, List<Width> widths, List<Cell> chosen) {
    public Round {
      widths = List.copyOf(widths);
      chosen = List.copyOf(chosen);
    }

    public boolean stops() {
      return !"CONTINUE".equals(outcome);
    }
  }

  /** A target's interval before a round; width +inf (and low, high NaN) when it had none, with the status why. */
  public record Width(String target, String status, double cmr, double low, double high, double width) {}

  /**
   * A chosen cell: {@code tokens} is where its run ends (fewer than the full run's when it stops early), {@code
   * trained} the tokens it trains (fewer than {@code tokens} when it continues a run of the same cell that stopped
   * earlier).
   */
  public record Cell(String trialId, String group, double ratio, int seed, long tokens, long trained, String reason) {
    /** A cell that trains its run from the base model. */
    public Cell(String trialId, String group, double ratio, int seed, long tokens, String reason) {
      this(trialId, group, ratio, seed, tokens, tokens, reason);
    }

    public boolean continuesAnother() {
      return trained < tokens;
    }
  }

  /** CPT tokens trained by the cells chosen in rounds before {@code round}. */
  public long tokensBefore(int round) {
    return rounds.stream().filter(r -> r.number() < round).flatMap(r -> r.chosen().stream())
        .mapToLong(Cell::trained).sum();
  }
}
