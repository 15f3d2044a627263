package io.cmrsweep.fit.adaptive;

import java.util.Collection;

/**
 * What an adaptive sweep may spend on CPT trials, counted over every cell it has chosen (the initial design
 * included, pretraining excluded): a number of trials or of training tokens.
 */
public record Budget(Unit unit, long limit) {

  public enum Unit { TRIALS, TOKENS }

  public Budget {
    if (unit == null) {
      throw new IllegalArgumentException("budget unit is missing; use TRIALS or TOKENS");
    }
    if (limit <= 0) {
      throw new IllegalArgumentException("budget limit=" + limit + " must be > 0");
    }
  }

  public static Budget trials(long n) {
    return new Budget(Unit.TRIALS, n);
  }

  public static Budget tokens(long n) {
    return new Budget(Unit.TOKENS, n);
  }

  /**
   * What the cells cost in this budget's unit: every cell is a trial; a run stopped early and later extended
   * trained the tokens of its longest budget once.
   */
  public long spent(Collection<Cell> cells) {
    return unit == Unit.TRIALS ? cells.size() : Cell.longest(cells).stream().mapToLong(Cell::tokens).sum();
  }

  /** What one more cell costs after {@code run}: an extension of a run stopped early trains only the rest. */
  public long cost(Cell cell, Collection<Cell> run) {
    return unit == Unit.TRIALS ? 1 : cell.tokens() - cell.ranBefore(run);
  }

  @Override
  public String toString() {
    return limit + (unit == Unit.TRIALS ? " trials" : " tokens");
  }
}
