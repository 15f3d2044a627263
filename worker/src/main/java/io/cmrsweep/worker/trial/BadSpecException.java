package io.cmrsweep.worker.trial;

/** The trial spec, or an input it names, cannot be used; retrying the same spec cannot help. */
public final class BadSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadSpecException(String message) {
    super(message);
  }

  public BadSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
