package io.cmrsweep.core.loss;

import java.util.Arrays;

/**
 * Collects one row's cells by column, then turns them into a {@link LossRecord} with an error that
 * names the source, the row and the column when a cell is missing or breaks the contract.
 */
final class RowBuilder {
  private final String source;
  private final Object[] cells = new Object[LossColumn.all().size()];

  RowBuilder(String source) {
    this.source = source;
  }

  void reset() {
    Arrays.fill(cells, null);
  }

  void set(LossColumn column, Object value) {
    cells[column.ordinal()] = value;
  }

  LossRecord build(long row) {
    for (LossColumn c : LossColumn.all()) {
      if (cells[c.ordinal()] == null && c.optional()) {
        cells[c.ordinal()] = Double.NaN;
      } else if (cells[c.ordinal()] == null) {
        throw new LossFormatException(source + " row " + row + ": column '" + c.columnName()
            + "' is null; every loss record needs a " + c.contractType() + " " + c.columnName());
      }
    }
    try {
      return new LossRecord(
          (String) cells[LossColumn.SWEEP.ordinal()],
          (String) cells[LossColumn.TRIAL_ID.ordinal()],
          (String) cells[LossColumn.DOMAIN.ordinal()],
          (String) cells[LossColumn.MODEL.ordinal()],
          (Long) cells[LossColumn.MODEL_PARAMS.ordinal()],
          (Double) cells[LossColumn.RATIO.ordinal()],
          (Integer) cells[LossColumn.SEED.ordinal()],
          (Long) cells[LossColumn.STEP.ordinal()],
          (Long) cells[LossColumn.TOKENS.ordinal()],
          (Double) cells[LossColumn.GENERAL_LOSS.ordinal()],
          (Double) cells[LossColumn.DOMAIN_LOSS.ordinal()],
          (Integer) cells[LossColumn.ATTEMPT.ordinal()],
          (Double) cells[LossColumn.GENERAL_BITS_PER_BYTE.ordinal()],
          (Double) cells[LossColumn.DOMAIN_BITS_PER_BYTE.ordinal()]);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new LossFormatException(source + " row " + row + ": " + e.getMessage(), e);
    }
  }
}
