package io.cmrsweep.worker.checkpoint;

/**
 * A checkpoint directory cannot be used as it is (a config the model cannot represent, a missing, mis-shaped
 * or corrupt tensor); the message names the file and the field or tensor. Retrying cannot help.
 */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
