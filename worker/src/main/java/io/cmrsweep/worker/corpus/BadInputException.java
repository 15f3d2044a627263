package io.cmrsweep.worker.corpus;

/**
 * A corpus file, tokenizer or prepared shard that cannot be used as it is (missing, empty, without the text
 * field, corrupt): the message names the file and the field. Retrying cannot help, so the worker exits 2.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
