package io.cmrsweep.core.loss;

/**
 * A loss file that does not follow the contract: the message names the file, and where it applies the
 * row and the column, the bad value and what is expected.
 */
public final class LossFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LossFormatException(String message) {
    super(message);
  }

  public LossFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
