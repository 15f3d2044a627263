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

  /** What the cells cost in this budget's unit. */
  public long spent(Collection<Cell> cells) {
    return unit == Unit.TRIALS ? cells.size() : cells.stream().mapToLong(Cell::tokens).sum();
  }

  /** What one more cell costs in this budget's unit. */
  public long cost(Cell cell) {
    return unit == Unit.TRIALS ? 1 : cell.tokens();
  }

  @Override
  public String toString() {
    return limit + (unit == Unit.TRIALS ? " trials" : " tokens");
  }
}
