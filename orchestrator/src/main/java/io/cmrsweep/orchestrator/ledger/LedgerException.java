package io.cmrsweep.orchestrator.ledger;

/** The ledger could not be opened, read or written. */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
