package io.cmrsweep.core.fit;

/**
 * A fit output that is missing or does not follow the fit-output contract (DESIGN 3.3): the message names
 * the file and, where it applies, the row and the column, and says to re-run the fit. An
 * IllegalArgumentException, since it is bad input to whatever reads the file (exit 2 in the CLIs).
 */
public final class FitFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The advice every contract violation ends with. */
  static final String RERUN = "re-run the fit (cmr fit <spec>) to rewrite the fit outputs";

  public FitFormatException(String message) {
    super(message);
  }

  public FitFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
