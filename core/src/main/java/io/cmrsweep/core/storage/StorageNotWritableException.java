package io.cmrsweep.core.storage;

/**
 * A trial's outputs cannot be written where its spec puts them: a permanent fault of the storage, not of
 * the attempt (a worker exits with {@code WorkerExit.STORAGE_NOT_WRITABLE}). The message names the path,
 * the operating system's reason and the fix.
 */
public final class StorageNotWritableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageNotWritableException(String message, Throwable cause) {
    super(message, cause);
  }
}
