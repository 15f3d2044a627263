package io.cmrsweep.fit.spark;

/** The job's input or options cannot be used; the message says what and how to fix it (exit code 2). */
final class FitInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FitInputException(String message) {
    super(message);
  }

  FitInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
