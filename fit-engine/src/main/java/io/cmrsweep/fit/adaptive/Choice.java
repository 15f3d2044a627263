package io.cmrsweep.fit.adaptive;

/**
 * A cell the planner chose and why: {@code expectedGain} is the expected reduction of its group's CMR interval
 * width (NaN when the group has no interval yet and the cell was chosen to make one), {@code reason} one line.
 */
public record Choice(Cell cell, double expectedGain, String reason) {

  public Choice {
    if (cell == null || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a choice needs a cell and a reason");
    }
  }
}
